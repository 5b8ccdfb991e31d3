import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeFixture } from './engine-fixture';

describe('CancelTasks (reference §11.7)', () => {
  it('cancels a running task: CANCELLING at once, CANCELLED when its agent stops it, outputs aborted', () => {
    const fx = makeFixture();
    const [out, down] = fx.outputs('out', 'down');
    const task = fx.submit({ outputs: [out!], behaviour: { duration: '10s' } });
    const dependent = fx.submit({ outputs: [down!], inputs: [out!] });
    while (fx.engine.task(task.id)!.status !== 'PROCESSING') fx.engine.advance(1);
    const now = fx.engine.now();
    const [summary] = fx.engine.cancelTasks([task.id]);
    assert.equal(summary!.status, 'CANCELLING');
    assert.equal(summary!.endedAt, now);
    assert.equal(fx.engine.result(out!)!.status, 'ABORTED');
    const dep = fx.engine.task(dependent.id)!;
    assert.equal(dep.status, 'ERROR');
    assert.equal(dep.outputError, `Client requested cancellation of tasks ${task.id}`);
    fx.engine.advance(200);
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLED');
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'CANCELLED', 'the worker result is ignored');
  });

  it('a queued task becomes CANCELLED when dequeued; a PENDING one stays CANCELLING', () => {
    const fx = makeFixture({ workers: 0 });
    const [a, b] = fx.outputs('a', 'b');
    const queued = fx.submit({ outputs: [a!] });
    const pending = fx.submit({ outputs: [b!], inputs: [a!] });
    fx.engine.cancelTasks([queued.id, pending.id, 'unknown-id']);
    fx.engine.setWorkers('default', 1);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(queued.id)!.status, 'CANCELLED');
    assert.equal(fx.engine.task(pending.id)!.status, 'CANCELLING');
  });

  it('leaves final tasks untouched and omits unknown IDs from the answer', () => {
    const fx = makeFixture();
    const done = fx.submit({ outputs: fx.outputs('a') });
    fx.engine.runUntilIdle();
    const answer = fx.engine.cancelTasks([done.id, 'nope']);
    assert.equal(answer.length, 1);
    assert.equal(answer[0]!.status, 'COMPLETED');
  });
});
