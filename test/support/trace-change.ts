// Waiting on a live trace in tests: the first change a test is looking for, with a failure that
// says what the trace was showing instead.

import type { LiveTrace, TraceChange } from '../../src/trace/types';

/** Resolves with the first change for which `accept` holds; rejects after `timeoutMs`. */
export function changeWhere(trace: LiveTrace, accept: (change: TraceChange) => boolean, timeoutMs = 2000): Promise<TraceChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching change within ${timeoutMs} ms; verdict ${trace.diagnosis().verdict}: ${trace.diagnosis().headline}`));
    }, timeoutMs);
    const stop = trace.onDidChange((change) => {
      if (!accept(change)) return;
      clearTimeout(timer);
      stop();
      resolve(change);
    });
  });
}
