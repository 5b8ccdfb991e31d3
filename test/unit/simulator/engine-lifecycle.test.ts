import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeFixture, START, statusesOf } from './engine-fixture';

describe('task lifecycle', () => {
  it('runs a plain task CREATING → PENDING → SUBMITTED → DISPATCHED → PROCESSING → COMPLETED with ordered timestamps', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const task = fx.submit({ outputs: [out!] });
    assert.equal(task.status, 'SUBMITTED');
    fx.engine.runUntilIdle();
    const t = fx.engine.task(task.id)!;
    assert.deepEqual(statusesOf(fx.events, task.id), ['CREATING', 'PENDING', 'SUBMITTED', 'DISPATCHED', 'PROCESSING', 'COMPLETED']);
    const times = [t.createdAt, t.submittedAt, t.receivedAt, t.acquiredAt, t.fetchedAt, t.startedAt, t.processedAt, t.endedAt];
    assert.ok(times.every((x) => typeof x === 'number'), `all timestamps set: ${times.join(',')}`);
    for (let i = 1; i < times.length; i++) assert.ok(times[i]! >= times[i - 1]!, `timestamp ${i} not before ${i - 1}`);
    assert.equal(t.createdAt, START);
    assert.ok(t.podTtl !== undefined);
    assert.ok(t.ownerPodId.startsWith('10.42.'));
    assert.match(t.podHostname, /^compute-plane-default-[a-z0-9]{10}-[a-z0-9]{5}$/);
    assert.equal(t.outputSuccess, true);
    assert.equal(t.outputError, '');
    // Default duration: 200–800 ms of processing.
    const processing = t.processedAt! - t.startedAt!;
    assert.ok(processing >= 200 && processing <= 800, `processing took ${processing} ms`);
    const result = fx.engine.result(out!)!;
    assert.equal(result.status, 'COMPLETED');
    assert.equal(result.ownerTaskId, task.id);
    assert.equal(result.completedAt, t.endedAt);
    const data = fx.engine.resultData(out!)!;
    assert.equal(data.byteLength, result.size);
    assert.match(new TextDecoder().decode(data), new RegExp(task.id));
  });

  it('waits for every data dependency and for the payload before submitting', () => {
    const fx = makeFixture();
    const [input, payload, out] = fx.outputs('input', 'payload', 'out');
    const task = fx.submit({ outputs: [out!], inputs: [input!], payload: payload! });
    assert.equal(fx.engine.task(task.id)!.status, 'PENDING');
    fx.engine.uploadResultData(fx.sessionId, input!, new TextEncoder().encode('x'));
    assert.equal(fx.engine.task(task.id)!.status, 'PENDING', 'still waiting for its payload');
    fx.engine.advance(10_000);
    assert.equal(fx.engine.task(task.id)!.status, 'PENDING');
    fx.engine.uploadResultData(fx.sessionId, payload!, new TextEncoder().encode('p'));
    assert.equal(fx.engine.task(task.id)!.status, 'SUBMITTED');
    assert.equal(fx.engine.task(task.id)!.submittedAt, fx.engine.now());
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'COMPLETED');
  });

  it('chains tasks through results: a consumer starts only after its producer completed', () => {
    const fx = makeFixture();
    const [a, b] = fx.outputs('a', 'b');
    const producer = fx.submit({ outputs: [a!], behaviour: { duration: '2s' } });
    const consumer = fx.submit({ outputs: [b!], inputs: [a!] });
    fx.engine.runUntilIdle();
    const p = fx.engine.task(producer.id)!;
    const c = fx.engine.task(consumer.id)!;
    assert.equal(c.status, 'COMPLETED');
    assert.ok(c.submittedAt! >= p.endedAt!, 'consumer submitted when the producer ended');
  });

  it('keeps tasks SUBMITTED forever on a partition with zero workers, and runs them once workers come', () => {
    const fx = makeFixture({ workers: 0 });
    const [out] = fx.outputs('out');
    const task = fx.submit({ outputs: [out!] });
    fx.engine.advance(3_600_000);
    assert.equal(fx.engine.task(task.id)!.status, 'SUBMITTED');
    assert.equal(fx.engine.task(task.id)!.ownerPodId, '');
    assert.equal(fx.engine.stats().scheduled, 0, 'nothing scheduled while no pod exists');
    fx.engine.setWorkers('default', 1);
    assert.equal(fx.engine.partition('default')!.workers, 1);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'COMPLETED');
  });

  it('gives each pod one task at a time and serves higher priorities first', () => {
    const fx = makeFixture({ workers: 1 });
    const ids: string[] = [];
    for (const priority of [1, 5, 3]) {
      const [out] = fx.outputs(`p${priority}`);
      ids.push(fx.submit({ outputs: [out!], options: { priority }, behaviour: { duration: '1s' } }).id);
    }
    fx.engine.runUntilIdle();
    const tasks = ids.map((id) => fx.engine.task(id)!);
    const order = [...tasks].sort((x, y) => x.startedAt! - y.startedAt!).map((t) => t.options.priority);
    assert.deepEqual(order, [5, 3, 1]);
    for (let i = 1; i < 3; i++) {
      const prev = [...tasks].sort((x, y) => x.startedAt! - y.startedAt!)[i - 1]!;
      const cur = [...tasks].sort((x, y) => x.startedAt! - y.startedAt!)[i]!;
      assert.ok(cur.startedAt! >= prev.endedAt!, 'one task at a time on the only pod');
    }
  });

  it('serves equal priorities in submission order', () => {
    const fx = makeFixture({ workers: 1 });
    const ids = ['a', 'b', 'c'].map((n) => fx.submit({ outputs: fx.outputs(n), behaviour: { duration: '100ms' } }).id);
    fx.engine.runUntilIdle();
    const starts = ids.map((id) => fx.engine.task(id)!.startedAt!);
    assert.deepEqual([...starts].sort((x, y) => x - y), starts);
  });

  it('puts a task whose pod is killed while DISPATCHED back in the queue', () => {
    const fx = makeFixture({ workers: 1 });
    const task = fx.submit({ outputs: fx.outputs('o'), behaviour: { duration: '5s' } });
    while (fx.engine.task(task.id)!.status !== 'DISPATCHED') fx.engine.advance(1);
    fx.engine.setWorkers('default', 0);
    assert.equal(fx.engine.task(task.id)!.status, 'SUBMITTED');
    fx.engine.setWorkers('default', 1);
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(task.id)!.status, 'COMPLETED');
  });

  it('leaves a task PROCESSING on a dead pod until another agent picks the message up and retries it', () => {
    const fx = makeFixture({ workers: 1 });
    const task = fx.submit({ outputs: fx.outputs('o'), behaviour: { duration: '5s' } });
    while (fx.engine.task(task.id)!.status !== 'PROCESSING') fx.engine.advance(1);
    const deadPod = fx.engine.task(task.id)!.podHostname;
    fx.engine.setWorkers('default', 0);
    fx.engine.advance(60_000);
    assert.equal(fx.engine.task(task.id)!.status, 'PROCESSING', 'nobody noticed yet');
    fx.engine.setWorkers('default', 1);
    fx.engine.runUntilIdle();
    const failed = fx.engine.task(task.id)!;
    assert.equal(failed.status, 'RETRIED');
    assert.match(failed.outputError, new RegExp(deadPod));
    assert.equal(fx.engine.task(`${task.id}###1`)!.status, 'COMPLETED');
  });

  it('rejects a negative or fractional worker count with a clear message', () => {
    const fx = makeFixture();
    assert.throws(() => fx.engine.setWorkers('default', -1), /workers must be a whole number/);
    assert.throws(() => fx.engine.setWorkers('nope', 1), (e: Error & { code?: string }) => e.code === 'not-found');
  });
});
