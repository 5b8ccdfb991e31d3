// A minimal test harness for suites that run inside the VS Code extension host (code-server or
// desktop VS Code). It runs tests in order, one at a time, with a timeout each, prints one line
// per test and a final plain `N passed, N failed` line (what our CI reads), and rejects when a
// test failed so that the host reports a non-zero exit code.

import * as vscode from 'vscode';

type TestFn = () => Promise<void> | void;

interface TestCase {
  suite: string;
  name: string;
  fn: TestFn;
  timeoutMs: number;
}

interface SuiteHooks {
  before: TestFn[];
  after: TestFn[];
}


/** Marks our lines among everything the browser workbench forwards from the extension host's
 * console, so the runner can print only them (scripts/vscode-host-tests.mjs strips it). Desktop
 * VS Code writes the host's console to stdout as is: no mark there. */
export const OUTPUT_MARK = '[armonik-test] ';

function out(text: string): void {
  const mark = vscode.env.uiKind === vscode.UIKind.Web ? OUTPUT_MARK : '';
  for (const line of text.split('\n')) console.log(`${mark}${line}`);
}

const tests: TestCase[] = [];
const hooks = new Map<string, SuiteHooks>();
let currentSuite = '';

export function suite(name: string, body: () => void): void {
  const previous = currentSuite;
  currentSuite = name;
  hooks.set(name, { before: [], after: [] });
  body();
  currentSuite = previous;
}

export function test(name: string, fn: TestFn, options: { timeoutMs?: number } = {}): void {
  tests.push({ suite: currentSuite, name, fn, timeoutMs: options.timeoutMs ?? 30_000 });
}

/** Runs once before the first test of the enclosing suite. */
export function before(fn: TestFn): void {
  hooks.get(currentSuite)?.before.push(fn);
}

/** Runs once after the last test of the enclosing suite, even when tests failed. */
export function after(fn: TestFn): void {
  hooks.get(currentSuite)?.after.push(fn);
}

function withTimeout(fn: TestFn, ms: number, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
    Promise.resolve()
      .then(fn)
      .then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  return String(error);
}

export interface RunSummary {
  passed: number;
  failed: number;
  skipped: number;
}

/** Runs every registered test whose `suite › name` matches `grep` (all when undefined) and not
 * `exclude`. */
export async function runAll(grep?: RegExp, exclude?: RegExp): Promise<RunSummary> {
  const summary: RunSummary = { passed: 0, failed: 0, skipped: 0 };
  const selected = tests.filter((t) => {
    const title = `${t.suite} › ${t.name}`;
    return (!grep || grep.test(title)) && !exclude?.test(title);
  });
  summary.skipped = tests.length - selected.length;
  const suites = [...new Set(selected.map((t) => t.suite))];
  for (const name of suites) {
    const h = hooks.get(name) ?? { before: [], after: [] };
    out(`\n${name}`);
    let setupError: unknown;
    for (const fn of h.before) {
      try {
        await withTimeout(fn, 120_000, `${name} (before)`);
      } catch (error) {
        setupError = error;
        break;
      }
    }
    for (const t of selected.filter((x) => x.suite === name)) {
      const started = Date.now();
      if (setupError !== undefined) {
        summary.failed++;
        out(`  ✖ ${t.name} (suite setup failed)`);
        continue;
      }
      try {
        await withTimeout(t.fn, t.timeoutMs, t.name);
        summary.passed++;
        out(`  ✔ ${t.name} (${Date.now() - started} ms)`);
      } catch (error) {
        summary.failed++;
        out(`  ✖ ${t.name} (${Date.now() - started} ms)\n${describe(error).replace(/^/gm, '      ')}`);
      }
    }
    if (setupError !== undefined) out(`  setup error:\n${describe(setupError).replace(/^/gm, '      ')}`);
    for (const fn of h.after) {
      try {
        await withTimeout(fn, 60_000, `${name} (after)`);
      } catch (error) {
        out(`  (cleanup of ${name} failed: ${describe(error)})`);
      }
    }
  }
  out(`\n${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
  return summary;
}
