// `armonik-trace trace --watch` against a running simulator: while it runs, the root task hands
// its output to a subtask, a worker of the split is retried after an infrastructure failure, and
// another worker fails; the report follows each step without restarting and ends with the failure.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv from 'ajv';
import { createClient } from '../../../src/armonik/client';
import { validateScenario } from '../../../src/simulator/scenarios/scenario-validation';
import { startSimulator, type RunningSimulator } from '../../../src/simulator/simulator';
import { runCli } from '../../../src/trace/cli/run-cli';
import type { TraceReportV1 } from '../../../src/trace/cli/report-json';

const scenario = validateScenario(
  {
    name: 'live-watch',
    description: 'root splits its work, delegating its output to combine; flaky is retried once; doomed fails',
    partitions: [{ id: 'default', workers: 3 }],
    sessions: [
      {
        name: 'live',
        partitions: ['default'],
        options: { maxRetries: 2, priority: 1, maxDuration: '10m' },
        tasks: [
          {
            name: 'root',
            outputs: ['final'],
            behaviour: {
              duration: '1s',
              spawn: {
                results: ['part-a', 'part-b'],
                tasks: [
                  { name: 'flaky', outputs: ['part-a'], behaviour: { duration: '2s', outcome: { kind: 'infra-failure', failAttempts: 1, message: 'agent lost the worker pod' } } },
                  { name: 'doomed', outputs: ['part-b'], behaviour: { duration: '7s', outcome: { kind: 'error', language: 'python', exception: 'ValueError', message: 'negative volatility' } } },
                  { name: 'combine', inputs: ['part-a', 'part-b'], outputs: ['$output'], behaviour: { duration: '500ms' } },
                ],
              },
            },
          },
        ],
      },
    ],
    targets: [{ result: 'final', description: 'delegated, retried, then failed' }],
  },
  'test:live-watch',
);

class Lines {
  private buffer = '';
  readonly reports: TraceReportV1[] = [];
  write(chunk: string): boolean {
    this.buffer += chunk;
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      const line = this.buffer.slice(0, newline);
      this.buffer = this.buffer.slice(newline + 1);
      if (line.trim() !== '') this.reports.push(JSON.parse(line) as TraceReportV1);
      newline = this.buffer.indexOf('\n');
    }
    return true;
  }
  async until(what: string, accept: (report: TraceReportV1) => boolean, timeoutMs = 5000): Promise<TraceReportV1> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.reports.find(accept);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no report where ${what}; last: ${JSON.stringify(this.reports.at(-1)?.headline)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('armonik-trace --watch follows a live simulator', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ scenario, clock: { kind: 'manual' }, seed: 3 });
  });
  after(() => sim.stop());

  it('delegation, retry and failure appear in one uninterrupted watch', async () => {
    const out = new Lines();
    let stderr = '';
    const finalId = sim.targets[0]!.resultId;
    const rootId = sim.scenario!.tasks.get('root')!;
    const exit = runCli(
      ['trace', finalId, '--watch', '--format', 'json', '--endpoint', sim.endpoint],
      { stdout: out, stderr: { write: (t: string) => (stderr += t) }, env: {}, cwd: '/' },
      { createClient: (endpoint) => createClient(endpoint) },
    );

    const first = await out.until('the first report', () => true);
    assert.equal(first.verdict, 'in-progress');
    assert.equal(first.result.ownerTaskId, rootId);
    assert.equal(first.stats.liveMode, 'events');

    // root runs 1 s, then hands `final` to `combine`.
    sim.engine.advance(1500);
    const delegated = await out.until('the output was delegated', (r) => r.result.ownerTaskId !== rootId);
    assert.equal(delegated.verdict, 'in-progress');
    assert.ok(delegated.cone.tasks >= 4, `cone ${delegated.cone.tasks}`);
    assert.ok(delegated.blockers.some((b) => b.reason === 'waiting-dependencies' && b.id === delegated.result.ownerTaskId));

    // flaky's first attempt loses its pod after 2 s: a retry is in flight.
    sim.engine.advance(2200);
    const retrying = await out.until('a retry is in flight', (r) => r.blockers.some((b) => b.reason === 'retrying'));
    const retry = retrying.blockers.find((b) => b.reason === 'retrying')!;
    assert.equal(retry.facts.attempt, 2);
    assert.match(retry.explanation, /agent lost the worker pod/);

    // doomed fails at ~8 s; combine is aborted by the cascade and `final` with it.
    sim.engine.advance(6000);
    const failed = await out.until('the result failed', (r) => r.verdict === 'failed');
    assert.equal(failed.rootCauses.length, 1);
    assert.match(failed.rootCauses[0]!.error!, /ValueError: negative volatility/);
    assert.equal(failed.blockers[0]!.id, failed.rootCauses[0]!.id);
    assert.equal(await exit, 1);
    assert.equal(stderr, '');
    // One watch from start to end: each report came from the same live trace.
    assert.ok(out.reports.length >= 4);
    assert.ok(out.reports.every((r) => r.stats.liveMode === 'events'));
    // Every line is a valid report of the documented schema.
    const schema = JSON.parse(readFileSync(join(__dirname, '../../../docs/trace-report.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const report of out.reports) assert.ok(validate(report), JSON.stringify(validate.errors));
  });
});
