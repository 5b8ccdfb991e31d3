// Core writes the reason of a cascade into the dependent task's `output.error` (reference §11.6,
// §11.7): `Task <id> failed:\n<msg>`, `Task <id> timed-out:\n<msg>` or
// `Client requested cancellation of tasks …`. Recognising them is what lets the diagnosis walk to
// the task that really failed instead of stopping at the first ERROR it meets.

export type CascadeCause =
  /** `upstreamTaskIds` lists every task named by nested `Task X failed:` lines, nearest first. */
  | { kind: 'upstream-failure'; upstreamTaskIds: string[]; timedOut: boolean }
  | { kind: 'cancellation' };

const NAMED_FAILURE = /^\s*Task\s+(\S+?)\s+(failed|timed-out|timed out)\b/;

export function parseCascadeError(error: string | undefined): CascadeCause | undefined {
  if (error === undefined || error === '') return undefined;
  const first = NAMED_FAILURE.exec(error);
  if (first) {
    // Cascades can nest: every line that starts like a cascade adds a level.
    const upstream: string[] = [];
    let timedOut = false;
    for (const line of error.split('\n')) {
      const match = NAMED_FAILURE.exec(line);
      if (!match) continue;
      const id = match[1]!.replace(/:$/, '');
      if (!upstream.includes(id)) upstream.push(id);
      timedOut = match[2] !== 'failed';
    }
    return { kind: 'upstream-failure', upstreamTaskIds: upstream, timedOut };
  }
  if (/^\s*Client requested cancellation/i.test(error)) return { kind: 'cancellation' };
  return undefined;
}

/** The worker's own message at the end of a (possibly nested) cascade text. */
export function innermostMessage(error: string): string {
  const lines = error.split('\n');
  let last = -1;
  lines.forEach((line, index) => {
    if (NAMED_FAILURE.test(line)) last = index;
  });
  const rest = lines.slice(last + 1).join('\n').trim();
  return rest === '' ? error.trim() : rest;
}

/** First line of an error, for one-line explanations. */
export function firstLine(text: string, max = 160): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
