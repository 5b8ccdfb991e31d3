import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../../../src/simulator/engine/engine';
import type { SimErrorCode, SimulatorEngine } from '../../../src/simulator/engine/types';
import { makeFixture, START } from './engine-fixture';

function code(fn: () => unknown): SimErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    return (error as { code: SimErrorCode }).code;
  }
}

function engineWithPartitions(): SimulatorEngine {
  const engine = createEngine({ clock: { kind: 'manual' }, seed: 3, startTime: START });
  for (const id of ['default', 'gpu']) {
    engine.addPartition({ id, parentPartitionIds: [], podReserved: 0, podMax: 2, podConfiguration: {}, preemptionPercentage: 0, priority: 1, workers: 1 });
  }
  return engine;
}

const VALID = { maxRetries: 1, priority: 1, maxDurationMs: 1000 };

describe('CreateSession', () => {
  it('validates the default task options like Core (invalid-argument)', () => {
    const engine = engineWithPartitions();
    assert.equal(code(() => engine.createSession({ ...VALID, maxRetries: 0 }, [])), 'invalid-argument');
    assert.equal(code(() => engine.createSession({ ...VALID, priority: 0 }, [])), 'invalid-argument');
    assert.equal(code(() => engine.createSession({ ...VALID, priority: 100 }, [])), 'invalid-argument');
    assert.equal(code(() => engine.createSession({ maxRetries: 1, priority: 1 }, [])), 'invalid-argument');
    assert.throws(() => engine.createSession({ maxRetries: 0, priority: 0 }, []), /max_retries must be at least 1.*priority must be between 1 and 99.*max_duration must be set/);
  });

  it('requires every partition to exist and defaults to the default partition', () => {
    const engine = engineWithPartitions();
    assert.equal(code(() => engine.createSession(VALID, ['default', 'missing'])), 'not-found');
    assert.throws(() => engine.createSession(VALID, ['missing']), /Partition "missing" not found \(known partitions: default, gpu\)/);
    const s = engine.createSession(VALID, []);
    assert.deepEqual(s.partitionIds, ['default']);
    assert.equal(s.status, 'RUNNING');
    assert.equal(s.clientSubmission, true);
    assert.equal(s.workerSubmission, true);
    assert.equal(s.createdAt, START);
    assert.equal(s.options.partitionId, 'default');
    const g = engine.createSession({ ...VALID, partitionId: 'gpu' }, ['gpu', 'default']);
    assert.deepEqual(g.partitionIds, ['gpu', 'default']);
    assert.equal(g.options.partitionId, 'gpu');
  });
});

describe('session transitions (reference §11.8)', () => {
  const ops = {
    pause: (e: SimulatorEngine, id: string) => e.pauseSession(id),
    resume: (e: SimulatorEngine, id: string) => e.resumeSession(id),
    close: (e: SimulatorEngine, id: string) => e.closeSession(id),
    cancel: (e: SimulatorEngine, id: string) => e.cancelSession(id),
    purge: (e: SimulatorEngine, id: string) => e.purgeSession(id),
  };
  // Reach each status through legal steps.
  const reach: Record<string, Array<keyof typeof ops>> = {
    RUNNING: [],
    PAUSED: ['pause'],
    CLOSED: ['close'],
    CANCELLED: ['cancel'],
    PURGED: ['close', 'purge'],
  };
  const allowed: Record<keyof typeof ops, string[]> = {
    pause: ['RUNNING'],
    resume: ['RUNNING', 'PAUSED'],
    close: ['RUNNING', 'PAUSED'],
    cancel: ['RUNNING', 'PAUSED', 'CLOSED'],
    purge: ['CLOSED', 'CANCELLED'],
  };
  for (const [op, from] of Object.entries(allowed) as Array<[keyof typeof ops, string[]]>) {
    for (const status of Object.keys(reach)) {
      const expected = from.includes(status) ? 'ok' : 'failed-precondition';
      it(`${op} from ${status} → ${expected}`, () => {
        const engine = engineWithPartitions();
        const id = engine.createSession(VALID, []).sessionId;
        for (const step of reach[status]!) ops[step](engine, id);
        assert.equal(engine.session(id)!.status, status);
        assert.equal(code(() => ops[op](engine, id)), expected);
      });
    }
  }

  it('answers not-found for unknown sessions', () => {
    const engine = engineWithPartitions();
    for (const op of Object.values(ops)) assert.equal(code(() => op(engine, 'nope')), 'not-found');
    assert.equal(code(() => engine.stopSubmission('nope', true, true)), 'not-found');
  });

  it('close sets closed_at and duration and disables submissions', () => {
    const fx = makeFixture();
    fx.engine.advance(5_000);
    const s = fx.engine.closeSession(fx.sessionId);
    assert.equal(s.status, 'CLOSED');
    assert.equal(s.closedAt, START + 5_000);
    assert.equal(s.durationMs, 5_000);
    assert.equal(s.clientSubmission, false);
    assert.equal(s.workerSubmission, false);
    assert.throws(() => fx.submit({ outputs: fx.outputs('x') }), (e: Error & { code?: string }) => e.code === 'failed-precondition' || e.code === 'not-found');
  });

  it('cancel aborts CREATED results without completed_at and makes non-final tasks CANCELLING', () => {
    const fx = makeFixture({ workers: 0 });
    const [a, b] = fx.outputs('a', 'b');
    const queued = fx.submit({ outputs: [a!] });
    const waiting = fx.submit({ outputs: [b!], inputs: [a!] });
    const s = fx.engine.cancelSession(fx.sessionId);
    assert.equal(s.status, 'CANCELLED');
    assert.equal(s.cancelledAt, START);
    assert.equal(s.durationMs, undefined, 'only CloseSession sets duration');
    assert.equal(s.clientSubmission, false);
    for (const id of [a!, b!]) {
      assert.equal(fx.engine.result(id)!.status, 'ABORTED');
      assert.equal(fx.engine.result(id)!.completedAt, undefined);
    }
    assert.equal(fx.engine.task(queued.id)!.status, 'CANCELLING');
    assert.equal(fx.engine.task(waiting.id)!.status, 'CANCELLING');
    fx.engine.setWorkers('default', 1);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(queued.id)!.status, 'CANCELLED', 'dequeued by an agent');
    assert.equal(fx.engine.task(waiting.id)!.status, 'CANCELLING', 'never queued, stays CANCELLING');
  });

  it('pause turns SUBMITTED and DISPATCHED tasks PAUSED, keeps PROCESSING ones running, and resume re-queues', () => {
    const fx = makeFixture({ workers: 1 });
    const running = fx.submit({ outputs: fx.outputs('r'), behaviour: { duration: '2s' } });
    const queued = fx.submit({ outputs: fx.outputs('q'), behaviour: { duration: '1s' } });
    while (fx.engine.task(running.id)!.status !== 'PROCESSING') fx.engine.advance(1);
    fx.engine.pauseSession(fx.sessionId);
    assert.equal(fx.engine.task(queued.id)!.status, 'PAUSED');
    assert.equal(fx.engine.task(running.id)!.status, 'PROCESSING');
    const late = fx.submit({ outputs: fx.outputs('late') });
    assert.equal(fx.engine.task(late.id)!.status, 'PAUSED', 'ready tasks of a paused session are PAUSED, not queued');
    fx.engine.advance(60_000);
    assert.equal(fx.engine.task(running.id)!.status, 'COMPLETED');
    assert.equal(fx.engine.task(queued.id)!.status, 'PAUSED');
    fx.engine.resumeSession(fx.sessionId);
    assert.equal(fx.engine.task(queued.id)!.status, 'SUBMITTED');
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(queued.id)!.status, 'COMPLETED');
    assert.equal(fx.engine.task(late.id)!.status, 'COMPLETED');
  });

  it('pausing takes a DISPATCHED task back from its pod', () => {
    const fx = makeFixture({ workers: 1 });
    const task = fx.submit({ outputs: fx.outputs('o') });
    while (fx.engine.task(task.id)!.status !== 'DISPATCHED') fx.engine.advance(1);
    fx.engine.pauseSession(fx.sessionId);
    fx.engine.advance(10_000);
    assert.equal(fx.engine.task(task.id)!.status, 'PAUSED');
    fx.engine.resumeSession(fx.sessionId);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'COMPLETED');
  });

  it('purge deletes the data of every non-manual result and empties opaque IDs', () => {
    const fx = makeFixture();
    const [done, manual] = [fx.outputs('done')[0]!, fx.engine.createResultsMetadata(fx.sessionId, [{ name: 'keep', manualDeletion: true }])[0]!.resultId];
    fx.submit({ outputs: [done] });
    fx.engine.runUntilIdle();
    const [never] = fx.outputs('never');
    fx.engine.closeSession(fx.sessionId);
    fx.events.length = 0;
    const s = fx.engine.purgeSession(fx.sessionId);
    assert.equal(s.status, 'PURGED');
    assert.equal(s.purgedAt, fx.engine.now());
    for (const id of [done, never!]) {
      assert.equal(fx.engine.result(id)!.status, 'DELETED');
      assert.equal(fx.engine.result(id)!.opaqueId, '');
    }
    assert.equal(fx.engine.resultData(done), undefined);
    assert.equal(fx.engine.result(manual)!.status, 'CREATED', 'manual_deletion results are skipped');
    assert.ok(fx.events.some((e) => e.kind === 'resultStatusUpdate' && e.status === 'DELETED'));
  });

  it('delete removes everything physically, emits nothing, and answers DELETED even for unknown IDs', () => {
    const fx = makeFixture();
    const task = fx.submit({ outputs: fx.outputs('o') });
    fx.engine.advance(100);
    fx.events.length = 0;
    const s = fx.engine.deleteSession(fx.sessionId);
    assert.equal(s.status, 'DELETED');
    assert.equal(s.deletedAt, fx.engine.now());
    assert.equal(fx.engine.session(fx.sessionId), undefined);
    assert.equal(fx.engine.task(task.id), undefined);
    assert.equal(fx.engine.taskCount(), 0);
    assert.equal(fx.engine.resultCount(), 0);
    assert.deepEqual([...fx.engine.tasks(fx.sessionId)], []);
    fx.engine.runUntilIdle();
    assert.deepEqual(fx.events, []);
    const ghost = fx.engine.deleteSession('00000000-0000-4000-8000-000000000000');
    assert.equal(ghost.status, 'DELETED');
    assert.equal(ghost.sessionId, '00000000-0000-4000-8000-000000000000');
    assert.ok(ghost.deletedAt !== undefined);
  });

  it('stop-submission blocks the chosen side only', () => {
    const fx = makeFixture();
    fx.engine.stopSubmission(fx.sessionId, false, true);
    assert.equal(fx.engine.session(fx.sessionId)!.workerSubmission, false);
    fx.submit({ outputs: fx.outputs('ok') });
    fx.engine.stopSubmission(fx.sessionId, true, false);
    assert.throws(() => fx.submit({ outputs: fx.outputs('refused') }), /Client submission is closed/);
  });

  it('a worker cannot submit subtasks once worker submission is stopped: the parent fails', () => {
    const fx = makeFixture();
    fx.engine.stopSubmission(fx.sessionId, false, true);
    const parent = fx.submit({ outputs: fx.outputs('o'), behaviour: { spawn: { tasks: [{ outputs: ['$output'] }] } } });
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(parent.id)!.status, 'ERROR');
    assert.match(fx.engine.task(parent.id)!.outputError, /Worker submission is closed/);
  });
});
