// Every blocker reason on a hand-built cone: the verdict a user would read, the blocker and its
// facts, the root cause and the chain from the target down to it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiagnosisContext } from '../../../src/trace/analysis/context';
import { diagnose } from '../../../src/trace/diagnose';
import type { Blocker, Diagnosis } from '../../../src/trace/types';
import { NOW, SESSION, completedResult, cone, ran, result, task } from './support/hand-built';

const ctx = (extra: Partial<DiagnosisContext> = {}): DiagnosisContext => ({ now: NOW, session: { sessionId: SESSION, status: 'RUNNING' }, ...extra });

function blocker(diagnosis: Diagnosis, id: string): Blocker {
  const found = diagnosis.blockers.find((b) => b.id === id);
  assert.ok(found, `no blocker for ${id}; blockers: ${diagnosis.blockers.map((b) => `${b.id}:${b.reason}`).join(', ')}`);
  return found;
}

describe('diagnose: reason codes', () => {
  it('completed: the target is completed, no blockers, ETA zero', () => {
    const d = diagnose(cone('r', [completedResult('r', 't'), task('t', { expectedOutputIds: ['r'], ...ran(20, 10) })]), ctx());
    assert.equal(d.verdict, 'completed');
    assert.deepEqual(d.blockers, []);
    assert.deepEqual(d.rootCauses, []);
    assert.equal(d.eta.remainingMs, 0);
    assert.match(d.headline, /is completed/);
  });

  it('failed: the worker error of the owner is the root cause', () => {
    const d = diagnose(
      cone('r', [result('r', { status: 'ABORTED', ownerTaskId: 't' }), task('t', { status: 'ERROR', expectedOutputIds: ['r'], error: 'ValueError: bad input\n  at line 3', ...ran(30, 25) })]),
      ctx(),
    );
    assert.equal(d.verdict, 'failed');
    const b = blocker(d, 't');
    assert.equal(b.reason, 'failed');
    assert.equal(b.error, 'ValueError: bad input\n  at line 3');
    assert.match(b.explanation, /failed: ValueError: bad input/);
    assert.match(b.nextStep, /re-run task t locally/);
    assert.deepEqual(d.rootCauses.map((r) => [r.id, r.reason, r.error]), [['t', 'failed', 'ValueError: bad input\n  at line 3']]);
    assert.deepEqual(d.chains, [['r', 't']]);
    assert.equal(d.eta.remainingMs, undefined);
    assert.match(d.headline, /will never be produced: task t failed: ValueError: bad input/);
  });

  it('failed with TIMEOUT: says it timed out and suggests raising maxDuration', () => {
    const d = diagnose(
      cone('r', [result('r', { status: 'ABORTED', ownerTaskId: 't' }), task('t', { status: 'TIMEOUT', maxDurationMs: 5000, expectedOutputIds: ['r'], error: 'deadline exceeded', ...ran(30, 25) })]),
      ctx(),
    );
    const b = blocker(d, 't');
    assert.equal(b.reason, 'failed');
    assert.equal(b.facts.maxDurationMs, 5000);
    assert.match(b.explanation, /timed out/);
    assert.match(b.nextStep, /maxDuration/);
  });

  it('cascade: walks three levels down to the task that really failed', () => {
    // r <- a (cascade) <- ia (ABORTED) <- b (cascade) <- ib (ABORTED) <- c (cascade) <- ic <- x (own error)
    const reason = 'Task x failed:\nZeroDivisionError';
    const d = diagnose(
      cone('r', [
        result('r', { status: 'ABORTED', ownerTaskId: 'a' }),
        task('a', { status: 'ERROR', dataDependencies: ['ia'], expectedOutputIds: ['r'], error: reason, endedAt: NOW - 5000 }),
        result('ia', { status: 'ABORTED', ownerTaskId: 'b' }),
        task('b', { status: 'ERROR', dataDependencies: ['ib'], expectedOutputIds: ['ia'], error: reason, endedAt: NOW - 6000 }),
        result('ib', { status: 'ABORTED', ownerTaskId: 'c' }),
        task('c', { status: 'ERROR', dataDependencies: ['ic'], expectedOutputIds: ['ib'], error: reason, endedAt: NOW - 7000 }),
        result('ic', { status: 'ABORTED', ownerTaskId: 'x' }),
        task('x', { status: 'ERROR', expectedOutputIds: ['ic'], error: 'ZeroDivisionError', ...ran(20, 8) }),
      ]),
      ctx(),
    );
    assert.equal(d.verdict, 'failed');
    assert.deepEqual(d.rootCauses.map((r) => r.id), ['x']);
    assert.deepEqual(d.chains, [['r', 'a', 'ia', 'b', 'ib', 'c', 'ic', 'x']]);
    for (const id of ['a', 'b', 'c']) {
      const b = blocker(d, id);
      assert.equal(b.reason, 'cascade');
      assert.equal(b.facts.rootCauseTaskId, 'x');
      assert.match(b.explanation, /because upstream task x failed: ZeroDivisionError/);
    }
    // The root cause weighs the most: every cascaded task waits on it.
    assert.equal(d.blockers[0]!.id, 'x');
    assert.equal(d.blockers[0]!.impact, 4);
  });

  it('cascade from a cancellation: the cancelled task is the root cause', () => {
    const d = diagnose(
      cone('r', [
        result('r', { status: 'ABORTED', ownerTaskId: 'a' }),
        task('a', { status: 'ERROR', dataDependencies: ['i'], expectedOutputIds: ['r'], error: 'Client requested cancellation of tasks k' }),
        result('i', { status: 'ABORTED', ownerTaskId: 'k' }),
        task('k', { status: 'CANCELLED', expectedOutputIds: ['i'], endedAt: NOW - 1000 }),
      ]),
      ctx(),
    );
    assert.equal(d.verdict, 'failed');
    assert.deepEqual(d.rootCauses.map((r) => [r.id, r.reason]), [['k', 'cancelled']]);
    assert.equal(blocker(d, 'a').reason, 'cascade');
    assert.equal(blocker(d, 'a').facts.rootCauseTaskId, 'k');
  });

  it('waiting-dependencies: lists the inputs not complete yet and follows them', () => {
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'agg' }),
        task('agg', { status: 'PENDING', dataDependencies: ['i1', 'i2', 'i3'], expectedOutputIds: ['r'] }),
        completedResult('i1', 'w1'),
        task('w1', { expectedOutputIds: ['i1'], ...ran(100, 90) }),
        result('i2', { ownerTaskId: 'w2' }),
        task('w2', { status: 'PROCESSING', expectedOutputIds: ['i2'], submittedAt: NOW - 6000, startedAt: NOW - 5000 }),
        result('i3', { ownerTaskId: 'w3' }),
        task('w3', { status: 'SUBMITTED', expectedOutputIds: ['i3'], submittedAt: NOW - 4000 }),
      ]),
      ctx({ partitions: new Map([['default', { id: 'default', podMax: 4, podReserved: 1 }]]) }),
    );
    assert.equal(d.verdict, 'in-progress');
    const agg = blocker(d, 'agg');
    assert.equal(agg.reason, 'waiting-dependencies');
    assert.deepEqual(agg.facts.waitingOn, ['i2', 'i3']);
    assert.match(agg.explanation, /waiting for 2 of its 3 inputs/);
    assert.equal(blocker(d, 'w2').reason, 'running');
    assert.equal(blocker(d, 'w3').reason, 'queued');
    assert.equal(blocker(d, 'w3').facts.partitionWorkers, 4);
    // Upstream work first: both workers hold up the aggregator, the aggregator only itself.
    assert.deepEqual(d.blockers.map((b) => b.id), ['w2', 'w3', 'agg']);
    assert.deepEqual(d.progress, { done: 1, total: 4 });
    assert.match(d.headline, /in progress: 1\/4 tasks done \(1 running, 1 queued, 1 waiting\)/);
  });

  it('queued in a partition with 0 workers configured: blocked, with the partition to check', () => {
    const d = diagnose(
      cone('r', [result('r', { ownerTaskId: 't' }), task('t', { status: 'SUBMITTED', partitionId: 'gpu', expectedOutputIds: ['r'], submittedAt: NOW - 30_000 })]),
      ctx({ partitions: new Map([['gpu', { id: 'gpu', podMax: 0, podReserved: 0 }]]) }),
    );
    assert.equal(d.verdict, 'blocked');
    const b = blocker(d, 't');
    assert.equal(b.reason, 'queued');
    assert.equal(b.facts.partitionId, 'gpu');
    assert.equal(b.facts.partitionWorkers, 0);
    assert.equal(b.facts.queueAgeMs, 30_000);
    assert.match(b.nextStep, /partition `gpu` has 0 workers: check its deployment/);
    assert.deepEqual(d.rootCauses.map((r) => r.id), ['t']);
  });

  it('queued with workers is normal progress; queued for long with no activity in the partition is blocked', () => {
    const nodes = (submittedAgo: number) => [
      result('r', { ownerTaskId: 't' }),
      task('t', { status: 'SUBMITTED', partitionId: 'cpu', expectedOutputIds: ['r'], submittedAt: NOW - submittedAgo }),
    ];
    const fresh = diagnose(cone('r', nodes(5_000)), ctx());
    assert.equal(fresh.verdict, 'in-progress');
    assert.equal(fresh.blockers[0]!.reason, 'queued');
    const idle = diagnose(cone('r', nodes(3_600_000)), ctx());
    assert.equal(idle.verdict, 'blocked');
    assert.match(idle.blockers[0]!.explanation, /no task of this trace has started there since/);
  });

  it('queued where nothing runs anywhere on the cluster: blocked once past the patience of its partition', () => {
    const nodes = (submittedAgo: number) => [
      result('r', { ownerTaskId: 't' }),
      task('t', { status: 'SUBMITTED', partitionId: 'gpu', expectedOutputIds: ['r'], submittedAt: NOW - submittedAgo }),
    ];
    const reserved = new Map([['gpu', { id: 'gpu', podMax: 4, podReserved: 2 }]]);
    const scaleFromZero = new Map([['gpu', { id: 'gpu', podMax: 4, podReserved: 0 }]]);
    const idle = new Map([['gpu', { running: 0 }]]);
    const busy = new Map([['gpu', { running: 3 }]]);
    // Pods are reserved: 30 s of queue with nothing running is enough.
    const a = diagnose(cone('r', nodes(45_000)), ctx({ partitions: reserved, partitionActivity: idle }));
    assert.equal(a.verdict, 'blocked');
    assert.equal(a.blockers[0]!.facts.partitionWorkers, 0);
    assert.match(a.blockers[0]!.nextStep, /partition `gpu` has no running workers/);
    // Scale from zero: give the first pod two minutes.
    assert.equal(diagnose(cone('r', nodes(45_000)), ctx({ partitions: scaleFromZero, partitionActivity: idle })).verdict, 'in-progress');
    assert.equal(diagnose(cone('r', nodes(150_000)), ctx({ partitions: scaleFromZero, partitionActivity: idle })).verdict, 'blocked');
    // Something runs there: the queue is just busy.
    assert.equal(diagnose(cone('r', nodes(150_000)), ctx({ partitions: scaleFromZero, partitionActivity: busy })).verdict, 'in-progress');
  });

  it('running: reports elapsed time against max duration, and flags an overdue task', () => {
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 't' }),
        task('t', { status: 'PROCESSING', podHostname: 'worker-7', maxDurationMs: 60_000, expectedOutputIds: ['r'], startedAt: NOW - 90_000 }),
      ]),
      ctx(),
    );
    const b = blocker(d, 't');
    assert.equal(b.reason, 'running');
    assert.equal(b.facts.elapsedMs, 90_000);
    assert.equal(b.facts.maxDurationMs, 60_000);
    assert.match(b.explanation, /past its max duration/);
    assert.match(b.nextStep, /worker-7/);
    assert.equal(d.verdict, 'in-progress');
  });

  it('retrying: the current attempt number and the previous attempt’s error', () => {
    const d = diagnose(
      cone(
        'r',
        [
          result('r', { ownerTaskId: 't###1' }),
          task('t###1', { status: 'SUBMITTED', retryOfIds: ['t'], createdBy: 't', expectedOutputIds: ['r'], submittedAt: NOW - 2000 }),
          task('t', { status: 'RETRIED', expectedOutputIds: ['r'], error: 'agent lost connection to worker', ...ran(50, 40) }),
        ],
        { t: 'context' },
      ),
      ctx(),
    );
    assert.equal(d.verdict, 'in-progress');
    const b = blocker(d, 't###1');
    assert.equal(b.reason, 'retrying');
    assert.equal(b.facts.attempt, 2);
    assert.equal(b.facts.maxAttempts, 3);
    assert.match(b.explanation, /attempt 2 of 3/);
    assert.match(b.explanation, /agent lost connection to worker/);
    // The failed attempt is context, not work still to do.
    assert.deepEqual(d.progress, { done: 0, total: 1 });
  });

  it('paused: a PAUSED task, or a queued task of a paused session, needs the session resumed', () => {
    const d = diagnose(cone('r', [result('r', { ownerTaskId: 't' }), task('t', { status: 'PAUSED', expectedOutputIds: ['r'] })]), ctx());
    assert.equal(d.verdict, 'blocked');
    assert.equal(blocker(d, 't').reason, 'paused');
    assert.equal(blocker(d, 't').nextStep, `resume session ${SESSION}`);

    const s = diagnose(
      cone('r', [result('r', { ownerTaskId: 't' }), task('t', { status: 'SUBMITTED', expectedOutputIds: ['r'], submittedAt: NOW - 1000 })]),
      ctx({ session: { sessionId: SESSION, status: 'PAUSED' } }),
    );
    assert.equal(s.verdict, 'blocked');
    assert.equal(blocker(s, 't').reason, 'paused');
  });

  it('cancelled: a cancelled owner means the result will never come', () => {
    const d = diagnose(
      cone('r', [result('r', { status: 'ABORTED', ownerTaskId: 't' }), task('t', { status: 'CANCELLED', expectedOutputIds: ['r'], endedAt: NOW - 1000 })]),
      ctx({ session: { sessionId: SESSION, status: 'CANCELLED' } }),
    );
    assert.equal(d.verdict, 'failed');
    assert.equal(blocker(d, 't').reason, 'cancelled');
    assert.match(blocker(d, 't').nextStep, /session was cancelled/);
  });

  it('orphaned-output: a COMPLETED owner with a CREATED output blocks everything downstream', () => {
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'agg' }),
        task('agg', { status: 'PENDING', dataDependencies: ['o'], expectedOutputIds: ['r'] }),
        result('o', { ownerTaskId: 'p' }),
        task('p', { expectedOutputIds: ['o'], ...ran(100, 90) }),
      ]),
      ctx(),
    );
    assert.equal(d.verdict, 'blocked');
    const b = blocker(d, 'o');
    assert.equal(b.kind, 'result');
    assert.equal(b.reason, 'orphaned-output');
    assert.match(b.explanation, /task p completed without producing or delegating result o/);
    assert.deepEqual(d.rootCauses.map((r) => [r.id, r.kind]), [['o', 'result']]);
    assert.deepEqual(d.chains, [['r', 'agg', 'o']]);
    assert.equal(d.blockers[0]!.id, 'o');
  });

  it('orphaned-output: a result nobody owns (metadata only, never submitted)', () => {
    const d = diagnose(cone('r', [result('r', { ownerTaskId: '' })]), ctx());
    assert.equal(d.verdict, 'blocked');
    assert.equal(d.blockers[0]!.reason, 'orphaned-output');
    assert.match(d.blockers[0]!.explanation, /no task was ever submitted/);
    assert.equal(d.blockers[0]!.impact, 1);
  });

  it('orphaned-output: a result the client must upload (owner is the session)', () => {
    const d = diagnose(
      cone('r', [result('r', { ownerTaskId: 't' }), task('t', { status: 'PENDING', payloadId: 'p', expectedOutputIds: ['r'] }), result('p', { ownerTaskId: SESSION })]),
      ctx(),
    );
    assert.equal(d.verdict, 'blocked');
    const b = blocker(d, 'p');
    assert.equal(b.reason, 'orphaned-output');
    assert.match(b.nextStep, /upload the data of p/);
  });

  it('aborted-input: a task left PENDING on an aborted input (Core 0.37) points at the failed producer', () => {
    const d = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'a' }),
        task('a', { status: 'PENDING', dataDependencies: ['i'], expectedOutputIds: ['r'] }),
        result('i', { status: 'ABORTED', ownerTaskId: 'x' }),
        task('x', { status: 'ERROR', expectedOutputIds: ['i'], error: 'KeyError', ...ran(10, 5) }),
      ]),
      ctx(),
    );
    assert.equal(d.verdict, 'failed');
    const b = blocker(d, 'a');
    assert.equal(b.reason, 'aborted-input');
    assert.equal(b.facts.resultId, 'i');
    assert.equal(b.facts.rootCauseTaskId, 'x');
    assert.deepEqual(d.rootCauses.map((r) => r.id), ['x']);
    assert.deepEqual(d.chains, [['r', 'a', 'i', 'x']]);
  });

  it('missing-input: an input that does not exist, or whose data was deleted', () => {
    const missing = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'a' }),
        task('a', { status: 'PENDING', dataDependencies: ['gone'], expectedOutputIds: ['r'] }),
        result('gone', { status: 'NOTFOUND', missing: true }),
      ]),
      ctx(),
    );
    assert.equal(missing.verdict, 'failed');
    assert.equal(blocker(missing, 'a').reason, 'missing-input');
    assert.match(blocker(missing, 'a').explanation, /input gone does not exist/);
    assert.deepEqual(missing.rootCauses.map((r) => [r.id, r.kind, r.reason]), [['gone', 'result', 'missing-input']]);

    const deleted = diagnose(
      cone('r', [
        result('r', { ownerTaskId: 'a' }),
        task('a', { status: 'PENDING', dataDependencies: ['d'], expectedOutputIds: ['r'] }),
        result('d', { status: 'DELETED', ownerTaskId: SESSION }),
      ]),
      ctx(),
    );
    assert.equal(deleted.verdict, 'failed');
    assert.match(blocker(deleted, 'a').explanation, /was deleted/);
  });

  it('stuck-pending: PENDING long after every input completed', () => {
    const nodes = (completedAgoS: number) => [
      result('r', { ownerTaskId: 'a' }),
      task('a', { status: 'PENDING', dataDependencies: ['i'], expectedOutputIds: ['r'], createdAt: NOW - 900_000 }),
      completedResult('i', 'w', completedAgoS),
      task('w', { expectedOutputIds: ['i'], ...ran(1000, 800) }),
    ];
    const stuck = diagnose(cone('r', nodes(600)), ctx());
    assert.equal(stuck.verdict, 'blocked');
    assert.equal(blocker(stuck, 'a').reason, 'stuck-pending');
    assert.equal(blocker(stuck, 'a').ageMs, 600_000);
    // A moment after its last input completed, PENDING is just Core catching up.
    const fresh = diagnose(cone('r', nodes(1)), ctx());
    assert.equal(fresh.verdict, 'in-progress');
    assert.equal(blocker(fresh, 'a').reason, 'queued');
  });

  it('the target itself DELETED is failed with a missing-input blocker on it', () => {
    const d = diagnose(cone('r', [result('r', { status: 'DELETED', ownerTaskId: 't' }), task('t', { expectedOutputIds: ['r'], ...ran(10, 5) })]), ctx());
    assert.equal(d.verdict, 'failed');
    assert.equal(d.blockers[0]!.id, 'r');
    assert.equal(d.blockers[0]!.reason, 'missing-input');
  });
});
