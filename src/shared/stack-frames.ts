// Finds stack-trace frames in a worker's error text so that they can become links to the
// matching source file. Workers run in containers, so the paths in their traces rarely exist
// as such on the developer's machine: we keep the path as written and derive path suffixes to
// look for in the workspace. Pure code, no vscode.

export type StackLanguage = 'csharp' | 'python' | 'java' | 'node';

export interface StackFrame {
  language: StackLanguage;
  /** The path as written in the trace (a `file://` prefix removed). For Java, the file name. */
  path: string;
  /** 1-based line. */
  line: number;
  /** 1-based column, when the trace gives one (Node). */
  column: number | undefined;
  /** Method or function, when the trace names one. */
  symbol: string | undefined;
  /** Relative paths to look for in the workspace, most specific first
   * (e.g. `src/Worker/Compute.cs`, `Worker/Compute.cs`, `Compute.cs`). */
  searchSuffixes: string[];
  /** Offsets of the clickable part (path and line) in the scanned text. */
  start: number;
  end: number;
}

interface FrameMatcher {
  language: StackLanguage;
  regex: RegExp;
  build(m: RegExpExecArray): Omit<StackFrame, 'language' | 'start' | 'end' | 'searchSuffixes'> & { linkGroup: string; suffixPath?: string };
}

const MAX_SUFFIX_SEGMENTS = 6;

// Order matters: the first matcher that recognises a line wins.
const MATCHERS: FrameMatcher[] = [
  {
    // C#: `at Ns.Class.Method(Int32 x) in /src/Worker/Compute.cs:line 42`
    language: 'csharp',
    regex: /\bat (?<symbol>[^\s(]+)\([^)]*\) in (?<link>(?<path>.+?):line (?<line>\d+))/d,
    build: (m) => ({
      path: m.groups!.path!,
      line: Number(m.groups!.line),
      column: undefined,
      symbol: m.groups!.symbol,
      linkGroup: 'link',
    }),
  },
  {
    // Java / Kotlin: `at com.acme.Foo.bar(Foo.java:42)`
    language: 'java',
    regex: /\bat (?:[\w.$-]+\/)?(?<symbol>[\w$.<>]+)\((?<link>(?<path>[\w$-]+\.(?:java|kt|scala|groovy)):(?<line>\d+))\)/d,
    build: (m) => {
      const symbol = m.groups!.symbol!;
      const file = m.groups!.path!;
      // `com.acme.Foo$Inner.bar` → package `com.acme` → `com/acme/Foo.java`
      const parts = symbol.split('.');
      const packageParts = parts.slice(0, Math.max(0, parts.length - 2));
      return {
        path: file,
        line: Number(m.groups!.line),
        column: undefined,
        symbol,
        linkGroup: 'link',
        suffixPath: [...packageParts, file].join('/'),
      };
    },
  },
  {
    // Node: `at fn (/app/src/file.js:10:5)`, `at /app/src/file.js:10:5`, `at async fn (file:///app/x.mjs:1:2)`
    language: 'node',
    regex:
      /\bat (?:(?<symbol>[^()]+?) \()?(?<link>(?<path>(?:file:\/\/)?(?:[A-Za-z]:[\\/]|\/|\.{1,2}[\\/])?[^\s():]*?[^\s():\\/]+\.(?:[cm]?[jt]sx?)):(?<line>\d+):(?<column>\d+))\)?/d,
    build: (m) => ({
      path: m.groups!.path!.replace(/^file:\/\//, ''),
      line: Number(m.groups!.line),
      column: Number(m.groups!.column),
      symbol: m.groups!.symbol?.replace(/^async /, '') || undefined,
      linkGroup: 'link',
    }),
  },
  {
    // Python: `File "/app/worker/compute.py", line 12, in compute`
    language: 'python',
    regex: /\bFile "(?<link>(?<path>[^"]+)", line (?<line>\d+))(?:, in (?<symbol>[^\s]+))?/d,
    build: (m) => ({
      path: m.groups!.path!,
      line: Number(m.groups!.line),
      column: undefined,
      symbol: m.groups!.symbol,
      linkGroup: 'link',
    }),
  },
];

/** Relative path suffixes of `path`, longest (most specific) first; absolute roots dropped. */
export function pathSuffixes(path: string): string[] {
  const segments = path
    .replace(/^[A-Za-z]:/, '')
    .split(/[\\/]+/)
    .filter((s) => s.length > 0 && s !== '.' && s !== '..');
  const out: string[] = [];
  const first = Math.max(0, segments.length - MAX_SUFFIX_SEGMENTS);
  for (let i = first; i < segments.length; i++) out.push(segments.slice(i).join('/'));
  return out;
}

/** Every frame found in `text`, in order, with offsets into `text`. Lines that are not frames
 * (messages, `--- End of inner exception ---`, Node internals) are ignored. */
export function parseStackFrames(text: string): StackFrame[] {
  const frames: StackFrame[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    for (const matcher of MATCHERS) {
      const m = matcher.regex.exec(line);
      if (!m) continue;
      const built = matcher.build(m);
      if (built.path.startsWith('node:') || built.path.startsWith('<')) break;
      const [s, e] = m.indices!.groups![built.linkGroup]!;
      frames.push({
        language: matcher.language,
        path: built.path,
        line: built.line,
        column: built.column,
        symbol: built.symbol,
        searchSuffixes: pathSuffixes(built.suffixPath ?? built.path),
        start: lineStart + s,
        end: lineStart + e,
      });
      break;
    }
    lineStart += line.length + 1;
  }
  return frames;
}

/**
 * Chooses the workspace file that a frame most likely refers to among `candidates` (paths
 * relative to a workspace folder, `/`-separated, all sharing the frame's file name): the one
 * that shares the longest path suffix with the frame; ties go to the shortest candidate path.
 * Undefined when none ends with the frame's file name.
 */
export function bestFrameMatch(frame: Pick<StackFrame, 'searchSuffixes'>, candidates: readonly string[]): string | undefined {
  let best: { path: string; score: number } | undefined;
  for (const candidate of candidates) {
    const normalized = candidate.replace(/\\/g, '/');
    const score = frame.searchSuffixes.find((suffix) => normalized === suffix || normalized.endsWith(`/${suffix}`));
    if (score === undefined) continue;
    const weight = score.split('/').length;
    if (!best || weight > best.score || (weight === best.score && normalized.length < best.path.length)) {
      best = { path: candidate, score: weight };
    }
  }
  return best?.path;
}
