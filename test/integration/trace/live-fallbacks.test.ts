// A live trace against the simulator when the event stream is not what it should be: a control
// plane deployed without the Events service (the trace polls its frontier), and a stream that
// drops while the work moves on (the trace re-subscribes and reconciles what it missed).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ArmoniKError } from '../../../src/armonik/errors';
import type { StartTraceOptions } from '../../../src/trace/start-trace';
import { changeWhere } from '../../support/trace-change';
import { waitFor } from '../../support/wait-for';
import { startHarness, type Harness } from './simulator-harness';

const MINUTE = 60_000;
const LIVE: Partial<StartTraceOptions> = {
  live: true,
  tuning: { coalesceMs: 10, poll: { minIntervalMs: 20, maxIntervalMs: 80, backoff: 2 } },
};

describe('live trace × simulator without the Events service', () => {
  let h: Harness;
  before(async () => (h = await startHarness('diamond', undefined, { withoutEvents: true })));
  after(() => h.stop());

  it('the client says the feature is missing, in words', async () => {
    const sessionId = h.sim.targets[0]!.sessionId;
    const subscription = h.client.events.subscribe(sessionId);
    await assert.rejects(
      async () => {
        for await (const event of subscription) void event;
      },
      (error: unknown) => error instanceof ArmoniKError && error.kind === 'unimplemented' && /does not implement Events/.test(error.message),
    );
  });

  it('polls the frontier and follows the diamond to completion', async () => {
    const trace = await h.trace('d', LIVE);
    await waitFor(() => trace.diagnosis().stats.liveMode === 'polling', { message: 'the trace to settle on polling', timeoutMs: 5000, intervalMs: 10 });
    assert.equal(trace.diagnosis().verdict, 'in-progress');
    const completed = changeWhere(trace, (c) => c.diagnosis.verdict === 'completed', 5000);
    h.sim.engine.runUntilIdle(10 * MINUTE);
    const change = await completed;
    assert.equal(change.diagnosis.stats.liveMode, 'polling');
    assert.equal(change.diagnosis.progress.done, change.diagnosis.progress.total);
    trace.close();
  });
});

describe('live trace × simulator: the event stream drops', () => {
  let h: Harness;
  before(async () => (h = await startHarness('diamond')));
  after(() => h.stop());

  it('re-subscribes and reconciles the changes it missed while disconnected', async () => {
    const trace = await h.trace('d', LIVE);
    await waitFor(() => trace.diagnosis().stats.liveMode === 'events' && h.sim.server.context.streams.size > 0, { message: 'the event stream to be open', timeoutMs: 5000, intervalMs: 10 });
    assert.equal(trace.diagnosis().verdict, 'in-progress');
    const completed = changeWhere(trace, (c) => c.diagnosis.verdict === 'completed', 5000);
    // Drop every stream, then finish the work in the same tick: no live event reaches the client.
    h.sim.server.context.streams.closeAll();
    h.sim.engine.runUntilIdle(10 * MINUTE);
    const change = await completed;
    assert.equal(change.diagnosis.blockers.length, 0);
    await waitFor(() => h.sim.server.context.streams.size > 0, { message: 'the trace to stream again', timeoutMs: 5000, intervalMs: 10 });
    assert.equal(trace.diagnosis().stats.liveMode, 'events');
    trace.close();
  });
});
