// Words shared by blocker explanations and the text report.

/** "1 task", "3 tasks": a count and its noun, plural when the count is not one. */
export function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
