// Words shared by blocker explanations and the text report: IDs shortened for reading, counts
// with their noun.

/** `1a2b3c4d…` for a UUID; short IDs stay whole. */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}

/** "1 task", "3 tasks": a count and its noun, plural when the count is not one. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
