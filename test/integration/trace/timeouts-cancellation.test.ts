// The reasons a built-in scenario does not show on its own, from real simulator semantics and
// timed scenario actions: a task running against its max_duration, the TIMEOUT it ends in (a
// `failed` root cause, cascaded as "timed-out"), and a task cancelled by a `cancel-tasks` action.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { validateScenario } from '../../../src/simulator/scenarios/scenario-validation';
import type { TaskNode } from '../../../src/trace/types';
import { startHarness, type Harness } from './simulator-harness';

const scenario = validateScenario(
  {
    name: 'deadlines',
    description: 'slow runs into its 30 s max_duration; doomed is cancelled by the user at 5 s',
    partitions: [{ id: 'default', workers: 4 }],
    sessions: [
      {
        name: 'work',
        partitions: ['default'],
        options: { maxRetries: 1, priority: 1, maxDuration: '30s' },
        results: ['slow-out', 'late-report', 'doomed-out', 'summary'],
        tasks: [
          { name: 'slow', outputs: ['slow-out'], behaviour: { duration: '10m' } },
          { name: 'report', inputs: ['slow-out'], outputs: ['late-report'], behaviour: { duration: '1s' } },
          { name: 'doomed', outputs: ['doomed-out'], behaviour: { duration: '1m' } },
          { name: 'summarise', inputs: ['doomed-out'], outputs: ['summary'], behaviour: { duration: '1s' } },
        ],
      },
    ],
    actions: [{ at: 5000, do: 'cancel-tasks', session: 'work', tasks: ['doomed'] }],
    targets: [
      { result: 'late-report', description: 'its input times out' },
      { result: 'summary', description: 'its input was cancelled' },
    ],
  },
  'test:deadlines',
);

describe('trace × simulator: max_duration, timeouts and cancellation', () => {
  let h: Harness;
  before(async () => (h = await startHarness(scenario)));
  after(() => h.stop());

  it('running: elapsed time against max_duration, then TIMEOUT as the root cause of a "timed-out" cascade', async () => {
    h.sim.engine.advance(3000);
    const running = await h.trace('late-report');
    const d0 = running.diagnosis();
    assert.equal(d0.verdict, 'in-progress');
    const first = d0.blockers[0]!;
    assert.equal(first.reason, 'running');
    assert.equal(first.id, h.sim.scenario!.tasks.get('slow'));
    assert.match(first.explanation, /for \S+ of its 30s max/);
    running.close();

    h.sim.engine.advance(40_000);
    const timedOut = await h.trace('late-report');
    const d = timedOut.diagnosis();
    assert.equal(d.verdict, 'failed');
    assert.equal(d.rootCauses.length, 1);
    const root = d.rootCauses[0]!;
    assert.equal(root.id, h.sim.scenario!.tasks.get('slow'));
    assert.equal(root.status, 'TIMEOUT');
    assert.equal(root.reason, 'failed');
    const cascade = d.blockers.find((b) => b.id === h.sim.scenario!.tasks.get('report'));
    assert.equal(cascade?.reason, 'cascade');
    const reportTask = timedOut.node(cascade.id) as TaskNode;
    assert.match(reportTask.error ?? '', new RegExp(`^Task ${root.id} timed-out`));
    timedOut.close();
  });

  it('cancelled: the cancel-tasks action shows as the reason, with what to do', async () => {
    const trace = await h.trace('summary');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'failed');
    const cancelled = d.blockers.find((b) => b.reason === 'cancelled');
    assert.ok(cancelled, d.blockers.map((b) => `${b.reason} ${b.id}`).join(', '));
    assert.equal(cancelled.id, h.sim.scenario!.tasks.get('doomed'));
    assert.match(cancelled.nextStep, /resubmit|cancelled/);
    assert.ok(d.rootCauses.some((r) => r.id === cancelled.id));
    trace.close();
  });
});
