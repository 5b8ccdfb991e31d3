// Recognises ArmoniK identifiers in free text (logs, terminal output, JSON): sessions, tasks and
// results are GUIDs, and retry attempts of a task are `<initial task id>###<n>` (reference §11.1).
// The kind of an ID cannot be told from its text, except that a retry suffix means "task".
// Pure code: shared by the extension host (hovers, links) and anything else that scans text.

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** A GUID, optionally followed by a retry suffix, not glued to other word characters (so a GUID
 * inside a longer hex string or an identifier is not taken for an ID). */
const ID_SOURCE = `(?<![0-9A-Za-z_-])(${GUID})(?:###(\\d{1,6}))?(?![0-9A-Za-z_-])`;

/** Same text as used by `findArmoniKIds`, for `TextDocument.getWordRangeAtPosition`. */
export const ARMONIK_ID_REGEX = new RegExp(ID_SOURCE);

export interface ArmoniKIdMatch {
  /** The ID as written (retry suffix included). */
  id: string;
  /** The GUID part: the ID itself, or the initial task's ID for a retry. */
  baseId: string;
  /** The `n` of `###n`, when present. */
  retry: number | undefined;
  /** Offsets in the scanned text: `text.slice(start, end) === id`. */
  start: number;
  end: number;
}

/** Every ArmoniK-looking ID in `text`, in order. */
export function findArmoniKIds(text: string): ArmoniKIdMatch[] {
  const out: ArmoniKIdMatch[] = [];
  const re = new RegExp(ID_SOURCE, 'g');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const base = m[1] as string;
    out.push({
      id: m[0],
      baseId: base,
      retry: m[2] === undefined ? undefined : Number(m[2]),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return out;
}

/** The ID that covers `offset` (a cursor position: the character at `offset` or just before it). */
export function armoniKIdAt(text: string, offset: number): ArmoniKIdMatch | undefined {
  return findArmoniKIds(text).find((m) => offset >= m.start && offset <= m.end);
}

/** True when `value` is exactly one ID (no surrounding text). */
export function isArmoniKId(value: string): boolean {
  const matches = findArmoniKIds(value);
  return matches.length === 1 && matches[0]!.start === 0 && matches[0]!.end === value.length;
}

/**
 * Turns what a user pasted into an ID: trims blanks, quotes, braces and a trailing comma, as
 * copied from JSON or C# output. Returns undefined when what remains is not exactly one ID.
 */
export function parsePastedId(value: string): string | undefined {
  const trimmed = value.trim().replace(/^["'`{(\[]+/, '').replace(/["'`})\],;.]+$/, '').trim();
  return isArmoniKId(trimmed) ? trimmed : undefined;
}

/** A retry ID names a task; anything else could be a task, a result or a session. */
export function isRetryId(id: string): boolean {
  return /###\d+$/.test(id);
}
