// Live traces against the in-memory control plane: events extend the cone when ownership moves or
// a retry appears, bursts are coalesced into one re-read, a lost stream is reconciled, a control
// plane without Events is polled, and only the frontier is watched.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ArmoniKError } from '../../../src/armonik/errors';
import { startTrace, type StartTraceOptions } from '../../../src/trace/start-trace';
import { FakeArmoniK } from '../../support/fake-armonik';
import { changeWhere } from '../../support/trace-change';

const LIVE: Partial<StartTraceOptions> = {
  live: true,
  partitions: false,
  tuning: { coalesceMs: 10, poll: { minIntervalMs: 15, maxIntervalMs: 60, backoff: 2 } },
};

const settle = (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms));

/** `out` owned by `root`, which is running. */
function seedRunningRoot(fake: FakeArmoniK): void {
  fake.addResult({ resultId: 'payload', ownerTaskId: 'session', status: 'COMPLETED' }, false);
  fake.addResult({ resultId: 'out', ownerTaskId: 'root' }, false);
  fake.addTask({ id: 'root', status: 'PROCESSING', payloadId: 'payload', expectedOutputIds: ['out'], startedAt: new Date() }, false);
}

describe('live trace', () => {
  it('ownership moving to a subtask extends the cone without restarting', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    assert.equal(trace.diagnosis().blockers[0]!.reason, 'running');
    await settle();

    // root completes: it created part results and workers, and handed `out` to `agg` (§11.5).
    fake.addResult({ resultId: 'part0', ownerTaskId: 'w0', createdBy: 'root' });
    fake.addResult({ resultId: 'part1', ownerTaskId: 'w1', createdBy: 'root' });
    fake.addTask({ id: 'w0', status: 'SUBMITTED', createdBy: 'root', payloadId: 'payload', expectedOutputIds: ['part0'], submittedAt: new Date() });
    fake.addTask({ id: 'w1', status: 'SUBMITTED', createdBy: 'root', payloadId: 'payload', expectedOutputIds: ['part1'], submittedAt: new Date() });
    fake.addTask({ id: 'agg', status: 'PENDING', createdBy: 'root', payloadId: 'payload', dataDependencies: ['part0', 'part1'], expectedOutputIds: ['out'] });
    const changed = changeWhere(trace, () => trace.node('w1') !== undefined);
    fake.updateResult('out', { ownerTaskId: 'agg' });
    fake.updateTask('root', { status: 'COMPLETED', endedAt: new Date() });
    const change = await changed;

    assert.ok(change.addedNodes.some((n) => n.id === 'agg'));
    assert.ok(change.addedEdges.some((e) => e.kind === 'delegated-to' && e.source === 'root' && e.target === 'agg'));
    assert.ok(change.removedEdgeIds.includes('output:out->root'));
    const d = change.diagnosis;
    assert.equal(d.target.ownerTaskId, 'agg');
    assert.equal(d.verdict, 'in-progress');
    assert.deepEqual(d.blockers.map((b) => b.reason).sort(), ['queued', 'queued', 'waiting-dependencies']);
    trace.close();
  });

  it('a retry replacing a failed attempt appears with its retry-of edge and attempt number', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    const changed = changeWhere(trace, () => trace.node('root###1') !== undefined);
    fake.updateTask('root', { status: 'RETRIED', error: 'worker pod OOMKilled', endedAt: new Date() });
    fake.addTask({ id: 'root###1', initialTaskId: 'root', status: 'SUBMITTED', retryOfIds: ['root'], createdBy: 'root', payloadId: 'payload', expectedOutputIds: ['out'], submittedAt: new Date() });
    fake.updateResult('out', { ownerTaskId: 'root###1' });
    const change = await changed;
    assert.ok(change.addedEdges.some((e) => e.id === 'retry-of:root###1->root'));
    const top = change.diagnosis.blockers[0]!;
    assert.equal(top.id, 'root###1');
    assert.equal(top.reason, 'retrying');
    assert.match(top.explanation, /retry of task root is queued \(attempt 2 of 3\) after an infrastructure failure: worker pod OOMKilled/);
    trace.close();
  });

  it('a failure upstream turns the verdict to failed with the root cause', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'in', ownerTaskId: 'w' }, false);
    fake.addResult({ resultId: 'out', ownerTaskId: 'agg' }, false);
    fake.addTask({ id: 'w', status: 'PROCESSING', expectedOutputIds: ['in'], startedAt: new Date() }, false);
    fake.addTask({ id: 'agg', status: 'PENDING', dataDependencies: ['in'], expectedOutputIds: ['out'] }, false);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    const failed = changeWhere(trace, (c) => c.diagnosis.verdict === 'failed');
    fake.updateTask('w', { status: 'ERROR', error: 'IndexError: list index out of range', endedAt: new Date() });
    fake.updateResult('in', { status: 'ABORTED' });
    fake.updateTask('agg', { status: 'ERROR', error: 'Task w failed:\nIndexError: list index out of range', endedAt: new Date() });
    fake.updateResult('out', { status: 'ABORTED' });
    const change = await failed;
    assert.deepEqual(change.diagnosis.rootCauses.map((r) => r.id), ['w']);
    assert.deepEqual(change.diagnosis.chains, [['out', 'agg', 'in', 'w']]);
    trace.close();
  });

  it('coalesces a burst of events into one batched re-read', async () => {
    const fake = new FakeArmoniK();
    const parts = Array.from({ length: 50 }, (_, i) => `p${i}`);
    parts.forEach((p, i) => {
      fake.addResult({ resultId: p, ownerTaskId: `w${i}` }, false);
      fake.addTask({ id: `w${i}`, status: 'PROCESSING', expectedOutputIds: [p], startedAt: new Date() }, false);
    });
    fake.addResult({ resultId: 'out', ownerTaskId: 'agg' }, false);
    fake.addTask({ id: 'agg', status: 'PENDING', dataDependencies: parts, expectedOutputIds: ['out'] }, false);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out', tuning: { ...LIVE.tuning, coalesceMs: 50 } });
    await settle();
    let changes = 0;
    trace.onDidChange(() => (changes += 1));
    fake.resetCalls();
    for (let i = 0; i < 50; i++) {
      fake.updateTask(`w${i}`, { status: 'COMPLETED', endedAt: new Date() });
      fake.updateResult(`p${i}`, { status: 'COMPLETED', completedAt: new Date() });
    }
    await changeWhere(trace, (c) => c.diagnosis.blockers.some((b) => b.id === 'agg' && b.reason !== 'waiting-dependencies'));
    assert.equal(changes, 1);
    assert.equal(fake.callsOf('tasks.byIds').length, 1);
    assert.equal(fake.callsOf('results.byIds').length, 1);
    assert.equal(fake.callsOf('tasks.byIds')[0]!.ids!.length, 50);
    trace.close();
  });

  it('ignores events that only repeat what the trace already knows', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    fake.resetCalls();
    fake.emit({ kind: 'taskStatusUpdate', sessionId: 'session', taskId: 'root', status: 'PROCESSING' });
    fake.emit({ kind: 'resultStatusUpdate', sessionId: 'session', resultId: 'out', status: 'CREATED' });
    await settle(60);
    assert.equal(fake.callsOf('tasks.byIds').length + fake.callsOf('results.byIds').length, 0);
    trace.close();
  });

  it('watches only the frontier, with ID filters, and lets finished nodes go', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'done', ownerTaskId: 'w0', status: 'COMPLETED' }, false);
    fake.addTask({ id: 'w0', status: 'COMPLETED', expectedOutputIds: ['done'] }, false);
    fake.addResult({ resultId: 'p1', ownerTaskId: 'w1' }, false);
    fake.addTask({ id: 'w1', status: 'PROCESSING', expectedOutputIds: ['p1'], startedAt: new Date() }, false);
    fake.addResult({ resultId: 'out', ownerTaskId: 'agg' }, false);
    fake.addTask({ id: 'agg', status: 'PENDING', dataDependencies: ['done', 'p1'], expectedOutputIds: ['out'] }, false);
    for (let i = 0; i < 100; i++) fake.addTask({ id: `noise${i}`, status: 'SUBMITTED' }, false);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    const watched = () => {
      const open = fake.openSubscriptions();
      const ids = (w: unknown) => (w as { id?: string[] } | undefined)?.id ?? [];
      return {
        tasks: open.flatMap((s) => ids(s.options.tasks)).sort(),
        results: open.flatMap((s) => ids(s.options.results)).sort(),
        sessionWide: open.some((s) => s.options.tasks === undefined && s.options.results === undefined),
      };
    };
    assert.deepEqual(watched(), { tasks: ['agg', 'w1'], results: ['out', 'p1'], sessionWide: false });
    assert.equal(trace.diagnosis().stats.liveMode, 'events');

    const done = changeWhere(trace, (c) => c.diagnosis.verdict === 'completed');
    fake.updateTask('w1', { status: 'COMPLETED', endedAt: new Date() });
    fake.updateResult('p1', { status: 'COMPLETED', completedAt: new Date() });
    await settle(40);
    fake.updateTask('agg', { status: 'COMPLETED', endedAt: new Date() });
    fake.updateResult('out', { status: 'COMPLETED', completedAt: new Date() });
    await done;
    await settle();
    assert.equal(fake.openSubscriptions().length, 0, 'nothing left to watch once everything is final');
    trace.close();
  });

  it('reconciles with the server after the stream was lost', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    fake.disconnect();
    fake.updateTask('root', { status: 'COMPLETED', endedAt: new Date() });
    fake.updateResult('out', { status: 'COMPLETED', completedAt: new Date() });
    await settle(40);
    assert.equal(trace.diagnosis().verdict, 'in-progress', 'missed events cannot be known before reconciling');
    const done = changeWhere(trace, (c) => c.diagnosis.verdict === 'completed');
    fake.reconnect();
    await done;
    trace.close();
  });

  it('falls back to polling the frontier when the control plane has no Events service', async () => {
    const fake = new FakeArmoniK({ events: 'unimplemented' });
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle(10);
    assert.equal(trace.diagnosis().stats.liveMode, 'polling');
    const done = changeWhere(trace, (c) => c.diagnosis.verdict === 'completed');
    fake.updateTask('root', { status: 'COMPLETED', endedAt: new Date() }, false);
    fake.updateResult('out', { status: 'COMPLETED', completedAt: new Date() }, false);
    const change = await done;
    assert.equal(change.diagnosis.stats.liveMode, 'polling');
    // Polls read the frontier only, never a session-wide list.
    assert.equal(fake.callsOf('tasks.list').length + fake.callsOf('tasks.listDetailed').length + fake.callsOf('results.list').length, 0);
    trace.close();
  });

  it('reports a feed that fails for good and keeps its last state', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    const failure = new Promise<Error>((resolve) => trace.onDidFail(resolve));
    fake.failStreams(new ArmoniKError('unavailable', 'control plane at fake://armonik went away'));
    const error = await failure;
    assert.match(error.message, /went away/);
    assert.equal(trace.diagnosis().verdict, 'in-progress');
    assert.ok(trace.node('root'));
    trace.close();
  });

  it('refresh() re-reads the whole cone on request', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { resultId: 'out', partitions: false });
    fake.updateTask('root', { status: 'COMPLETED', endedAt: new Date() }, false);
    fake.updateResult('out', { status: 'COMPLETED', completedAt: new Date() }, false);
    assert.equal(trace.diagnosis().verdict, 'in-progress');
    const changed = changeWhere(trace, () => true);
    await trace.refresh();
    assert.equal((await changed).diagnosis.verdict, 'completed');
    assert.equal(trace.diagnosis().verdict, 'completed');
    assert.equal(trace.diagnosis().stats.liveMode, 'snapshot');
    assert.equal(fake.openSubscriptions().length, 0, 'a snapshot opens no stream');
  });

  it('probes the partition of a queued task and turns blocked as time passes, without any event', async () => {
    const fake = new FakeArmoniK();
    fake.addPartition('gpu', 4, 1);
    let now = Date.now();
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'SUBMITTED', options: { partitionId: 'gpu' }, expectedOutputIds: ['r'], submittedAt: new Date(now - 1000) }, false);
    const trace = await startTrace(fake, { ...LIVE, partitions: undefined, resultId: 'r', now: () => now, tuning: { ...LIVE.tuning, tickMs: 20 } });
    assert.equal(trace.diagnosis().verdict, 'in-progress');
    assert.equal(fake.callsOf('tasks.count').length, 0, 'a fresh queue is not worth asking about');
    const blocked = changeWhere(trace, (c) => c.diagnosis.verdict === 'blocked');
    now += 60_000;
    const change = await blocked;
    assert.deepEqual(fake.callsOf('tasks.count')[0]!.where, { partitionId: 'gpu', status: ['DISPATCHED', 'PROCESSING'] });
    assert.match(change.diagnosis.blockers[0]!.explanation, /no task is running anywhere on the cluster/);
    trace.close();
  });

  it('close() stops the streams', async () => {
    const fake = new FakeArmoniK();
    seedRunningRoot(fake);
    const trace = await startTrace(fake, { ...LIVE, resultId: 'out' });
    await settle();
    assert.ok(fake.openSubscriptions().length > 0);
    trace.close();
    assert.equal(fake.openSubscriptions().length, 0);
  });
});
