// Fidelity audit at engine level: the corners found by the wire-level audit
// (test/integration/simulator/fidelity-*.test.ts) that are easiest to pin down without gRPC.
//  - A cancelled task held by an agent must end CANCELLED however the agent lets go of it
//    (reference §11.2 "CANCELLED … stops a cancelled running task", §11.7).
//  - Every outside change must move the state counters that listing caches rely on, including
//    changes that move no task (reference §11.11: a first page reflects the current state).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SimulatorEngine } from '../../../src/simulator/engine/types';
import { makeFixture, statusesOf } from './engine-fixture';

function advanceUntil(engine: SimulatorEngine, taskId: string, status: string): void {
  for (let i = 0; i < 100_000 && engine.task(taskId)!.status !== status; i++) engine.advance(1);
  assert.equal(engine.task(taskId)!.status, status);
}

describe('fidelity: cancelled tasks held by an agent end CANCELLED', () => {
  it('cancelled while DISPATCHED: the agent drops it at the end of fetching, CANCELLED, never PROCESSING', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const task = fx.submit({ outputs: [out!], behaviour: { duration: '1s' } });
    advanceUntil(fx.engine, task.id, 'DISPATCHED');
    fx.engine.cancelTasks([task.id]);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLED');
    assert.deepEqual(statusesOf(fx.events, task.id).slice(-2), ['CANCELLING', 'CANCELLED']);
    assert.ok(!statusesOf(fx.events, task.id).includes('PROCESSING'));
  });

  it('cancelled just before its worker returns: CANCELLED, and the worker’s output is not committed', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const task = fx.submit({ outputs: [out!], behaviour: { duration: '1s', output: 'late' } });
    advanceUntil(fx.engine, task.id, 'PROCESSING');
    fx.engine.advance(999);
    fx.engine.cancelTasks([task.id]);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLED');
    assert.equal(fx.engine.result(out!)!.status, 'ABORTED');
    assert.equal(fx.engine.resultData(out!), undefined);
  });

  it('a session cancelled while its task is DISPATCHED: the task ends CANCELLED', () => {
    const fx = makeFixture();
    const task = fx.submit({ outputs: fx.outputs('out'), behaviour: { duration: '1s' } });
    advanceUntil(fx.engine, task.id, 'DISPATCHED');
    fx.engine.cancelSession(fx.sessionId);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLED');
  });

  it('its pod killed before it stopped: the redelivered message is dequeued by another agent, CANCELLED', () => {
    const fx = makeFixture({ workers: 1 });
    const task = fx.submit({ outputs: fx.outputs('out'), behaviour: { duration: '1h' } });
    advanceUntil(fx.engine, task.id, 'PROCESSING');
    fx.engine.cancelTasks([task.id]);
    fx.engine.setWorkers('default', 0);
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLING');
    fx.engine.setWorkers('default', 1);
    fx.engine.advance(1000);
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLED');
  });
});

describe('fidelity: the state counters move with every outside change', () => {
  const token = (engine: SimulatorEngine) => JSON.stringify({ ...engine.stats(), scheduled: 0 });

  it('uploads, deletions, stop-submission, pause, close and purge move them even when no task moves', () => {
    const fx = makeFixture({ workers: 0 });
    const [a, b] = fx.outputs('a', 'b');
    const changes: Array<[string, () => unknown]> = [
      ['upload', () => fx.engine.uploadResultData(fx.sessionId, a!, new Uint8Array([1]))],
      ['delete data', () => fx.engine.deleteResultsData(fx.sessionId, [a!])],
      ['stop submission', () => fx.engine.stopSubmission(fx.sessionId, false, true)],
      ['pause', () => fx.engine.pauseSession(fx.sessionId)],
      ['resume', () => fx.engine.resumeSession(fx.sessionId)],
      ['close', () => fx.engine.closeSession(fx.sessionId)],
      ['purge', () => fx.engine.purgeSession(fx.sessionId)],
      ['set workers', () => fx.engine.setWorkers('default', 2)],
    ];
    for (const [what, change] of changes) {
      const before = token(fx.engine);
      change();
      assert.notEqual(token(fx.engine), before, `${what} changed the state counters`);
    }
    assert.equal(fx.engine.result(b!)!.status, 'DELETED', 'the purge did happen');
  });
});
