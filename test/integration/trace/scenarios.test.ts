// The trace engine against every built-in simulator scenario, over loopback gRPC with the real
// client: the verdict, the root cause and the first blocker a user would read, at chosen points
// of virtual time.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TaskNode } from '../../../src/trace/types';
import { edgesOfKind, startHarness, tasksWithError, type Harness } from './simulator-harness';

const MINUTE = 60_000;

describe('trace × simulator: diamond', () => {
  let h: Harness;
  before(async () => (h = await startHarness('diamond')));
  after(() => h.stop());

  it('in progress at first, then completed with a critical path through a branch', async () => {
    const early = await h.trace('d');
    const d0 = early.diagnosis();
    assert.equal(d0.verdict, 'in-progress');
    assert.ok(['running', 'queued'].includes(d0.blockers[0]!.reason), d0.headline);
    assert.equal(d0.cone.tasks, 4);
    early.close();

    h.sim.engine.runUntilIdle(10 * MINUTE);
    const done = await h.trace('d');
    const d = done.diagnosis();
    assert.equal(d.verdict, 'completed');
    assert.deepEqual(d.blockers, []);
    assert.equal(d.cone.depth, 3);
    const tasksOnPath = d.criticalPath.filter((s) => s.kind === 'task');
    assert.equal(tasksOnPath.length, 3, 'A → one of B/C → D');
    assert.ok(tasksOnPath.every((s) => !s.estimated && s.durationMs > 0));
    assert.ok(d.stats.roundTrips <= 2 * d.cone.depth + 2, `round trips ${d.stats.roundTrips}`);
    done.close();
  });
});

describe('trace × simulator: htcmock (ownership transfer down a tree)', () => {
  let h: Harness;
  before(async () => (h = await startHarness('htcmock')));
  after(() => h.stop());

  it('follows the output to the aggregator the root delegated it to, with the root as context', async () => {
    const rootId = h.sim.scenario!.tasks.get('root')!;
    h.sim.engine.advance(2000);
    const trace = await h.trace('result');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'in-progress');
    assert.notEqual(d.target.ownerTaskId, rootId, 'ownership moved to a subtask');
    const delegated = edgesOfKind(trace, 'delegated-to');
    assert.ok(delegated.some(([from]) => from === rootId), 'root → aggregator');
    assert.ok(delegated.length >= 2, 'the aggregators handed it on down the tree');
    const owner = trace.node(d.target.ownerTaskId) as TaskNode;
    assert.notEqual(owner.createdBy, '');
    assert.ok(['running', 'queued', 'retrying'].includes(d.blockers[0]!.reason), d.headline);
    assert.ok(d.progress.done > 0 && d.progress.done < d.progress.total);
    trace.close();

    h.sim.engine.runUntilIdle(30 * MINUTE);
    const done = await h.trace('result');
    assert.equal(done.diagnosis().verdict, 'completed');
    assert.ok(done.diagnosis().cone.tasks > 40);
    done.close();
  });
});

describe('trace × simulator: failing (a cascade several levels deep)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('failing');
    h.sim.engine.runUntilIdle(30 * MINUTE);
  });
  after(() => h.stop());

  it('names the subtask that threw, not the tasks that only cascaded', async () => {
    const trace = await h.trace('risk-report');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'failed');
    assert.equal(d.target.status, 'ABORTED');
    assert.equal(d.rootCauses.length, 1);
    const root = d.rootCauses[0]!;
    assert.equal(root.reason, 'failed');
    assert.match(root.error ?? '', /System\.ArithmeticException: Curve fit did not converge/);
    assert.match(root.error ?? '', /Worker\/CurveFitter\.cs:line 88|CurveFitter\.cs:88/);
    const [culprit] = tasksWithError(trace, 'Curve fit did not converge').filter((t) => !t.error!.startsWith('Task '));
    assert.equal(root.id, culprit!.id);
    // The first blocker is the root cause; the cascaded tasks follow, each pointing at it.
    assert.equal(d.blockers[0]!.id, root.id);
    const cascades = d.blockers.filter((b) => b.reason === 'cascade');
    const tasks = h.sim.scenario!.tasks;
    for (const name of ['aggregate-risk', 'price-book']) assert.ok(cascades.some((b) => b.id === tasks.get(name)), `${name} is a cascade`);
    assert.equal(cascades.length, 3, 'merge-curves, price-book, aggregate-risk');
    assert.ok(cascades.every((b) => b.facts.rootCauseTaskId === root.id));
    // calibrate succeeded and handed its output to merge-curves: context, not a blocker.
    assert.ok(!d.blockers.some((b) => b.id === tasks.get('calibrate')));
    assert.ok(edgesOfKind(trace, 'delegated-to').some(([from]) => from === tasks.get('calibrate')));
    // risk-report ← aggregate-risk ← prices ← price-book ← calibration ← merge-curves ← curve-1 ← fit-curve-1
    const chain = d.chains[0]!;
    assert.equal(chain[0], d.target.id);
    assert.equal(chain.at(-1), root.id);
    assert.ok(chain.length >= 8, `chain ${chain.length}`);
    assert.match(d.headline, /will never be produced: task .* failed: System\.ArithmeticException: Curve fit/);
    trace.close();
  });
});

describe('trace × simulator: retries', () => {
  let h: Harness;
  before(async () => (h = await startHarness('retries')));
  after(() => h.stop());

  it('shows a retry in flight, then the recovered result with its retry chain', async () => {
    // flaky-loader's first attempt (1 s) fails; the retry is queued or running.
    h.sim.engine.advance(1500);
    const mid = await h.trace('summary');
    const d = mid.diagnosis();
    assert.equal(d.verdict, 'in-progress');
    const retrying = d.blockers.find((b) => b.reason === 'retrying');
    assert.ok(retrying, d.blockers.map((b) => b.reason).join(','));
    assert.ok(retrying.facts.attempt! >= 2);
    assert.equal(retrying.facts.maxAttempts, 4);
    mid.close();

    h.sim.engine.runUntilIdle(10 * MINUTE);
    const done = await h.trace('summary');
    assert.equal(done.diagnosis().verdict, 'completed');
    const loaderAttempts = [...done.nodes()].filter((n): n is TaskNode => n.kind === 'task' && n.initialTaskId === h.sim.scenario!.tasks.get('flaky-loader'));
    assert.deepEqual(loaderAttempts.map((t) => t.status).sort(), ['COMPLETED', 'RETRIED', 'RETRIED']);
    assert.equal(edgesOfKind(done, 'retry-of').length, 2);
    done.close();
  });

  it('exhausted retries: failed, root cause the last attempt with the OOMKilled error', async () => {
    h.sim.engine.runUntilIdle(10 * MINUTE);
    const trace = await h.trace('published');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'failed');
    const root = d.rootCauses[0]!;
    const node = trace.node(root.id) as TaskNode;
    assert.equal(node.status, 'ERROR');
    assert.equal(node.attempt, 3);
    assert.match(root.error!, /OOMKilled/);
    assert.match(d.headline, /failed after 3 attempts/);
    trace.close();
  });
});

describe('trace × simulator: stuck (blocked without any error)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('stuck');
    h.sim.engine.advance(5 * MINUTE);
  });
  after(() => h.stop());

  it('frames: queued on a partition where nothing runs', async () => {
    const trace = await h.trace('frames');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    const b = d.blockers[0]!;
    assert.equal(b.reason, 'queued');
    assert.equal(b.facts.partitionId, 'gpu');
    assert.match(b.nextStep, /partition `gpu` has no running workers/);
    assert.deepEqual(d.rootCauses.map((r) => r.id), [b.id]);
    assert.equal(d.eta.remainingMs, undefined);
    trace.close();
  });

  it('model: waits on an output its owner completed without producing', async () => {
    const trace = await h.trace('model');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    const b = d.blockers[0]!;
    assert.equal(b.reason, 'orphaned-output');
    assert.equal(b.kind, 'result');
    assert.equal(b.id, h.sim.scenario!.results.get('features'));
    assert.equal(d.rootCauses[0]!.id, b.id);
    trace.close();
  });

  it('report: the session is paused', async () => {
    const trace = await h.trace('report');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    const b = d.blockers[0]!;
    assert.equal(b.reason, 'paused');
    assert.equal(b.nextStep, `resume session ${h.sim.scenario!.sessions.get('reporting')}`);
    trace.close();
  });
});

describe('trace × simulator: large (only the cone of a big session is read)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('large', { tasks: 50_000, cone: 300 });
    h.sim.engine.advance(5 * MINUTE);
  });
  after(() => h.stop());

  it('blocked by the one frontier task queued on gpu, found in a few round trips', async () => {
    const rpcsBefore = h.client.stats.rpcs;
    const trace = await h.trace('final-report');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    const blockerId = h.sim.scenario!.tasks.get('blocker');
    assert.equal(d.blockers[0]!.id, blockerId);
    assert.equal(d.blockers[0]!.facts.partitionId, 'gpu');
    assert.deepEqual(d.rootCauses.map((r) => r.id), [blockerId]);
    // The cone, not the session: about 300 tasks out of 50,000.
    assert.ok(d.cone.tasks >= 250 && d.cone.tasks <= 400, `cone ${d.cone.tasks}`);
    assert.ok(d.stats.roundTrips <= 2 * d.cone.depth + 4, `round trips ${d.stats.roundTrips} for depth ${d.cone.depth}`);
    assert.ok(h.client.stats.rpcs - rpcsBefore < 60, `rpcs ${h.client.stats.rpcs - rpcsBefore}`);
    // Every upper layer waits on it.
    assert.ok(d.blockers[0]!.impact > 10);
    trace.close();
  });
});

describe('trace × simulator: demo', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('demo');
    h.sim.engine.advance(5 * MINUTE);
  });
  after(() => h.stop());

  it('var-report failed on fit-curve-1 through merge-fits', async () => {
    const trace = await h.trace('var-report');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'failed');
    assert.match(d.rootCauses[0]!.error!, /Curve fit did not converge/);
    assert.equal(d.blockers[0]!.id, d.rootCauses[0]!.id);
    trace.close();
  });

  it('xva blocked by its gpu input', async () => {
    const trace = await h.trace('xva');
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    assert.equal(d.blockers[0]!.reason, 'queued');
    assert.equal(d.blockers[0]!.facts.partitionId, 'gpu');
    trace.close();
  });

  it('portfolio-pv and greeks complete; greeks went through delegation', async () => {
    h.sim.engine.runUntilIdle(30 * MINUTE);
    const pv = await h.trace('portfolio-pv');
    assert.equal(pv.diagnosis().verdict, 'completed');
    pv.close();
    const greeks = await h.trace('greeks');
    assert.equal(greeks.diagnosis().verdict, 'completed');
    assert.ok(edgesOfKind(greeks, 'delegated-to').length >= 1);
    greeks.close();
  });
});
