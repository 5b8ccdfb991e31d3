// `armonik-trace trace <resultId>`: one report, or with --watch a report kept up to date until
// the result completes or fails.

import { startTrace } from '../start-trace';
import type { Diagnosis, LiveTrace } from '../types';
import { onePositional, parseArgs, UsageError } from './args';
import type { CliDeps, CliIo } from './cli-io';
import { CONNECTION_OPTIONS, connect } from './connection';
import { EXIT_COMPLETED, EXIT_ERROR, EXIT_NOT_COMPLETED } from './exit-codes';
import { TRACE_HELP } from './help';
import { toReport } from './report-json';
import { ANSI, PLAIN, renderText } from './report-text';

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  session: { kind: 'value' },
  watch: { kind: 'switch' },
  format: { kind: 'value', choices: ['text', 'json'] },
  blockers: { kind: 'value' },
  help: { kind: 'switch' },
} as const;

export async function traceCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const args = parseArgs(argv, OPTIONS, 'trace');
  if (args.switches.has('help')) {
    io.stdout.write(TRACE_HELP);
    return EXIT_COMPLETED;
  }
  const resultId = onePositional(args, 'trace', 'result ID');
  const json = args.values.get('format') === 'json';
  const watch = args.switches.has('watch');
  const blockersArg = args.values.get('blockers');
  const maxBlockers = blockersArg === undefined ? (json ? 50 : 5) : Number(blockersArg);
  if (!Number.isInteger(maxBlockers) || maxBlockers < 0) throw new UsageError(`trace: --blockers must be a whole number, got "${blockersArg}"`);

  const { client, endpoint } = connect(args, io, deps, !json);
  const useColor = io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined;
  const render = (diagnosis: Diagnosis): string =>
    json ? `${JSON.stringify(toReport(diagnosis, endpoint), null, watch ? undefined : 2)}\n` : renderText(diagnosis, { maxBlockers, style: useColor ? ANSI : PLAIN });
  const exitFor = (diagnosis: Diagnosis): number => (diagnosis.verdict === 'completed' ? EXIT_COMPLETED : EXIT_NOT_COMPLETED);

  const sessionId = args.values.get('session');
  let trace: LiveTrace | undefined;
  try {
    const progress = (p: { phase: string; tasks: number; results: number }) => {
      if (!json && io.stderr.isTTY) io.stderr.write(`\r\x1b[2Karmonik-trace: ${p.phase}… ${p.tasks} tasks, ${p.results} results`);
    };
    trace = await startTrace(client, {
      resultId,
      ...(sessionId !== undefined ? { sessionId } : {}),
      live: watch,
      maxBlockers: Math.max(maxBlockers, 50),
      onProgress: progress,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (!json && io.stderr.isTTY) io.stderr.write('\r\x1b[2K');
    const first = trace.diagnosis();
    if (!watch || first.verdict === 'completed' || first.verdict === 'failed') {
      io.stdout.write(render(first));
      return exitFor(first);
    }
    return await follow(trace, io, render, exitFor, json);
  } finally {
    trace?.close();
    client.close();
  }
}

/** Redraws in place on a terminal (text), appends otherwise, until the result completes or
 * fails, the feed fails, or the user interrupts. */
function follow(trace: LiveTrace, io: CliIo, render: (d: Diagnosis) => string, exitFor: (d: Diagnosis) => number, json: boolean): Promise<number> {
  const inPlace = !json && io.stdout.isTTY === true;
  let previousLines = 0;
  const show = (diagnosis: Diagnosis): void => {
    const text = render(diagnosis);
    if (inPlace) {
      // Move to the start of the previous report and clear it before drawing the new one.
      io.stdout.write(`${previousLines > 0 ? `\x1b[${previousLines}F\x1b[0J` : ''}${text}`);
      previousLines = text.split('\n').length - 1;
    } else {
      io.stdout.write(json ? text : `--- ${new Date(diagnosis.computedAt).toISOString()}\n${text}`);
    }
  };
  return new Promise<number>((resolve) => {
    let last = trace.diagnosis();
    show(last);
    const finish = (code: number): void => {
      stopChange();
      stopFail();
      io.signal?.removeEventListener('abort', onAbort);
      resolve(code);
    };
    const stopChange = trace.onDidChange((change) => {
      last = change.diagnosis;
      show(last);
      if (last.verdict === 'completed' || last.verdict === 'failed') finish(exitFor(last));
    });
    const stopFail = trace.onDidFail((error) => {
      io.stderr.write(`armonik-trace: live updates stopped: ${error.message}\n`);
      finish(EXIT_ERROR);
    });
    const onAbort = (): void => finish(exitFor(last));
    if (io.signal?.aborted) onAbort();
    io.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
