import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeFixture } from './engine-fixture';

const csharpError = {
  kind: 'error',
  message: 'Matrix is singular',
  exception: 'System.InvalidOperationException',
  frames: [{ function: 'Acme.Worker.ComputeService.Invert(Matrix m)', file: 'Worker/ComputeService.cs', line: 42 }],
};

describe('worker errors and cascades (reference §11.6)', () => {
  it('ends the task in ERROR without retry and cascades "Task <id> failed:" up several levels', () => {
    const fx = makeFixture({ sessionOptions: { maxRetries: 3 } });
    const [a, b, c, d] = fx.outputs('a', 'b', 'c', 'd');
    const root = fx.submit({ outputs: [a!], behaviour: { duration: '1s', outcome: csharpError } });
    const l1 = fx.submit({ outputs: [b!], inputs: [a!] });
    const l2 = fx.submit({ outputs: [c!], inputs: [b!] });
    const l3 = fx.submit({ outputs: [d!], inputs: [c!] });
    fx.engine.runUntilIdle();
    const failed = fx.engine.task(root.id)!;
    assert.equal(failed.status, 'ERROR');
    assert.equal(failed.outputSuccess, false);
    assert.equal(
      failed.outputError,
      'System.InvalidOperationException: Matrix is singular\n   at Acme.Worker.ComputeService.Invert(Matrix m) in Worker/ComputeService.cs:line 42\n' +
        '   at ArmoniK.Worker.Sdk.TaskHandlerRunner.RunAsync(ProcessRequest request, CancellationToken token)\n' +
        '   at ArmoniK.Worker.Sdk.WorkerService.Process(ProcessRequest request, ServerCallContext context)',
    );
    assert.equal(fx.engine.taskCount(), 4, 'a worker error is never retried');
    for (const t of [l1, l2, l3]) {
      const rec = fx.engine.task(t.id)!;
      assert.equal(rec.status, 'ERROR');
      // Core passes the same reason down every level.
      assert.equal(rec.outputError, `Task ${root.id} failed:\n${failed.outputError}`);
      assert.equal(rec.startedAt, undefined, 'never ran');
      assert.ok(rec.endedAt !== undefined);
    }
    for (const r of [a, b, c, d]) {
      assert.equal(fx.engine.result(r!)!.status, 'ABORTED');
      assert.ok(fx.engine.result(r!)!.completedAt !== undefined);
    }
  });

  it('renders Python and Java traces in their runtime layout', () => {
    const fx = makeFixture();
    const py = fx.submit({
      outputs: fx.outputs('p'),
      behaviour: {
        outcome: {
          kind: 'error',
          language: 'python',
          exception: 'ValueError',
          message: 'bad input',
          frames: [
            { function: 'parse', file: '/app/worker/compute.py', line: 42, code: 'raise ValueError("bad input")' },
            { function: 'process', file: '/app/worker/main.py', line: 7 },
          ],
        },
      },
    });
    const java = fx.submit({ outputs: fx.outputs('j'), behaviour: { outcome: { kind: 'error', language: 'java', message: 'boom', frames: [{ function: 'com.acme.worker.Compute.run', file: 'com/acme/worker/Compute.java', line: 12 }] } } });
    fx.engine.runUntilIdle();
    assert.equal(
      fx.engine.task(py.id)!.outputError,
      'Traceback (most recent call last):\n  File "/app/worker/main.py", line 7, in process\n  File "/app/worker/compute.py", line 42, in parse\n    raise ValueError("bad input")\nValueError: bad input',
    );
    assert.match(fx.engine.task(java.id)!.outputError, /^java\.lang\.IllegalStateException: boom\n\tat com\.acme\.worker\.Compute\.run\(Compute\.java:12\)/);
  });

  it('times out a task running past max_duration and cascades "timed-out"', () => {
    const fx = makeFixture({ sessionOptions: { maxDurationMs: 5_000 } });
    const [a, b] = fx.outputs('a', 'b');
    const slow = fx.submit({ outputs: [a!], behaviour: { duration: '1m' } });
    const next = fx.submit({ outputs: [b!], inputs: [a!] });
    fx.engine.runUntilIdle();
    const t = fx.engine.task(slow.id)!;
    assert.equal(t.status, 'TIMEOUT');
    assert.equal(t.endedAt! - t.startedAt!, 5_000);
    assert.match(t.outputError, /DeadlineExceeded/);
    assert.equal(fx.engine.task(next.id)!.outputError, `Task ${slow.id} timed-out:\n${t.outputError}`);
    assert.equal(fx.engine.task(next.id)!.status, 'ERROR');
    assert.equal(fx.engine.result(b!)!.status, 'ABORTED');
  });

  it('a timeout outcome waits for the deadline even when the duration is short', () => {
    const fx = makeFixture({ sessionOptions: { maxDurationMs: 2_000 } });
    const t = fx.submit({ outputs: fx.outputs('a'), behaviour: { duration: '10ms', outcome: 'timeout' } });
    fx.engine.runUntilIdle();
    const rec = fx.engine.task(t.id)!;
    assert.equal(rec.status, 'TIMEOUT');
    assert.equal(rec.endedAt! - rec.startedAt!, 2_000);
  });

  it('does not abort an output the failed task had already handed over', () => {
    const fx = makeFixture();
    const [a, b] = fx.outputs('a', 'b');
    const owner = fx.submit({ outputs: [a!] });
    const other = fx.submit({ outputs: [a!, b!], behaviour: { outcome: 'error' } });
    fx.engine.runUntilIdle();
    assert.equal(fx.engine.task(other.id)!.status, 'ERROR');
    assert.equal(fx.engine.result(b!)!.status, 'ABORTED');
    assert.equal(fx.engine.result(a!)!.ownerTaskId, owner.id);
    assert.equal(fx.engine.result(a!)!.status, 'COMPLETED');
  });
});

describe('retries (reference §11.6)', () => {
  it('retries infrastructure failures as <initial>###n and succeeds after failAttempts', () => {
    const fx = makeFixture({ sessionOptions: { maxRetries: 3 } });
    const [out, down] = fx.outputs('out', 'down');
    const first = fx.submit({ outputs: [out!], behaviour: { duration: '1s', outcome: { kind: 'infra-failure', failAttempts: 2 } } });
    const consumer = fx.submit({ outputs: [down!], inputs: [out!] });
    fx.engine.runUntilIdle();
    const t0 = fx.engine.task(first.id)!;
    const t1 = fx.engine.task(`${first.id}###1`)!;
    const t2 = fx.engine.task(`${first.id}###2`)!;
    assert.equal(t0.status, 'RETRIED');
    assert.equal(t1.status, 'RETRIED');
    assert.equal(t2.status, 'COMPLETED');
    assert.equal(fx.engine.task(`${first.id}###3`), undefined);
    assert.match(t0.outputError, /Unavailable/);
    assert.deepEqual(t1.retryOfIds, [first.id]);
    assert.deepEqual(t2.retryOfIds, [first.id, t1.id]);
    assert.equal(t1.createdBy, first.id);
    assert.equal(t2.createdBy, t1.id);
    for (const t of [t1, t2]) {
      assert.equal(t.initialTaskId, first.id);
      assert.equal(t.payloadId, first.payloadId);
      assert.deepEqual(t.expectedOutputIds, first.expectedOutputIds);
      assert.deepEqual(t.parentTaskIds, first.parentTaskIds);
      assert.equal(t.options, first.options);
    }
    assert.equal(fx.engine.result(out!)!.ownerTaskId, t2.id);
    assert.equal(fx.engine.result(out!)!.status, 'COMPLETED');
    assert.equal(fx.engine.task(consumer.id)!.status, 'COMPLETED');
    const owners = fx.events.filter((e) => e.kind === 'resultOwnerUpdate' && e.resultId === out).map((e) => (e as { currentOwnerId: string }).currentOwnerId);
    assert.deepEqual(owners, [first.id, t1.id, t2.id]);
    const retryCreated = fx.events.find((e) => e.kind === 'newTask' && e.taskId === t1.id);
    assert.deepEqual(retryCreated && { ...retryCreated }, {
      kind: 'newTask',
      sessionId: fx.sessionId,
      taskId: t1.id,
      payloadId: first.payloadId,
      originTaskId: first.id,
      status: 'CREATING',
      expectedOutputKeys: [out],
      dataDependencies: [],
      retryOfIds: [first.id],
      parentTaskIds: [fx.sessionId],
    });
  });

  it('a retry starts with success = false and an empty error', () => {
    const fx = makeFixture({ workers: 0, sessionOptions: { maxRetries: 1 } });
    const first = fx.submit({ outputs: fx.outputs('o'), behaviour: { outcome: { kind: 'infra-failure', failAttempts: 1 } } });
    fx.engine.setWorkers('default', 1);
    while (!fx.engine.task(`${first.id}###1`)) fx.engine.advance(10);
    const retry = fx.engine.task(`${first.id}###1`)!;
    assert.equal(retry.outputSuccess, false);
    assert.equal(retry.outputError, '');
  });

  it('gives up after max_retries: max_retries + 1 attempts, the last one ERROR, dependents aborted', () => {
    const fx = makeFixture({ sessionOptions: { maxRetries: 2 } });
    const [out, down] = fx.outputs('out', 'down');
    const first = fx.submit({ outputs: [out!], behaviour: { outcome: { kind: 'infra-failure', message: 'OOMKilled' } } });
    const consumer = fx.submit({ outputs: [down!], inputs: [out!] });
    fx.engine.runUntilIdle();
    const statuses = [first.id, `${first.id}###1`, `${first.id}###2`].map((id) => fx.engine.task(id)?.status);
    assert.deepEqual(statuses, ['RETRIED', 'RETRIED', 'ERROR']);
    assert.equal(fx.engine.task(`${first.id}###3`), undefined);
    const last = fx.engine.task(`${first.id}###2`)!;
    assert.equal(last.outputError, 'OOMKilled');
    assert.equal(fx.engine.result(out!)!.status, 'ABORTED');
    assert.equal(fx.engine.task(consumer.id)!.outputError, `Task ${last.id} failed:\nOOMKilled`);
  });
});
