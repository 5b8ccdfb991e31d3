import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeTaskOptions, completeTaskOptions } from '../../../src/simulator/engine/task-options';
import { makeFixture } from './engine-fixture';

describe('task options merging (reference §11.4)', () => {
  it('lets non-empty fields override, merges map keys, and always takes priority from the more specific level', () => {
    const fx = makeFixture({ sessionOptions: { priority: 4, maxRetries: 3, applicationName: 'app', options: { a: '1', b: '2' } } });
    const [o1, o2, o3] = fx.outputs('o1', 'o2', 'o3');
    const payload = fx.payload();
    const [t1, t2, t3] = fx.engine.submitTasks(fx.sessionId, { priority: 7, applicationVersion: 'v2', options: { b: 'req' } }, [
      { expectedOutputIds: [o1!], dataDependencies: [], payloadId: payload },
      { expectedOutputIds: [o2!], dataDependencies: [], payloadId: payload, options: { options: { c: '3' }, maxRetries: 0, applicationName: '' } },
      { expectedOutputIds: [o3!], dataDependencies: [], payloadId: payload, options: { priority: 2, maxRetries: 5 } },
    ]);
    assert.equal(t1!.options.priority, 7, 'request priority wins over the session');
    assert.equal(t1!.options.applicationName, 'app');
    assert.equal(t1!.options.applicationVersion, 'v2');
    assert.deepEqual(t1!.options.options, { a: '1', b: 'req' });
    assert.equal(t1!.options.maxRetries, 3);
    // A present creation level without priority yields 0, as Core's merge copies it as is.
    assert.equal(t2!.options.priority, 0);
    assert.equal(t2!.options.maxRetries, 3, 'zero does not override');
    assert.equal(t2!.options.applicationName, 'app', 'empty does not override');
    assert.deepEqual(t2!.options.options, { a: '1', b: 'req', c: '3' });
    assert.equal(t3!.options.priority, 2);
    assert.equal(t3!.options.maxRetries, 5);
    assert.ok(Object.isFrozen(t1!.options), 'options are frozen');
  });

  it('shares one frozen options object between tasks submitted with the same options', () => {
    const fx = makeFixture();
    const payload = fx.payload();
    const outs = fx.outputs('a', 'b');
    const [t1, t2] = fx.engine.submitTasks(
      fx.sessionId,
      undefined,
      outs.map((o) => ({ expectedOutputIds: [o], dataDependencies: [], payloadId: payload, options: { priority: 3, options: { k: 'v' } } })),
    );
    assert.equal(t1!.options, t2!.options);
  });

  it('merges pure functions consistently', () => {
    const base = completeTaskOptions({ maxRetries: 2, priority: 5, maxDurationMs: 100, partitionId: 'p' });
    assert.equal(mergeTaskOptions(base, undefined), base);
    const merged = mergeTaskOptions(base, { maxDurationMs: 0, partitionId: '' });
    assert.equal(merged.maxDurationMs, 100);
    assert.equal(merged.partitionId, 'p');
    assert.equal(merged.priority, 0);
  });
});

describe('SubmitTasks checks', () => {
  it('refuses a partition the session does not allow with code unknown, as Core does', () => {
    const fx = makeFixture();
    assert.throws(
      () => fx.submit({ outputs: fx.outputs('o'), options: { partitionId: 'gpu' } }),
      (e: Error & { code?: string }) => e.code === 'unknown' && /assigned to the partitions \[default\].*partition gpu/.test(e.message),
    );
  });

  it('refuses priorities at or above the queue maximum', () => {
    const fx = makeFixture();
    assert.throws(() => fx.submit({ outputs: fx.outputs('o'), options: { priority: 100 } }), (e: Error & { code?: string }) => e.code === 'invalid-argument');
  });

  it('refuses unknown dependencies (not-found) and ABORTED or DELETED ones (failed-precondition), inserting nothing', () => {
    const fx = makeFixture();
    const [out, dep] = fx.outputs('out', 'dep');
    const before = fx.engine.taskCount();
    assert.throws(
      () => fx.submit({ outputs: [out!], inputs: ['11111111-1111-4111-8111-111111111111'] }),
      (e: Error & { code?: string }) => e.code === 'not-found' && /Data dependency/.test(e.message),
    );
    assert.throws(() => fx.submit({ outputs: [out!], payload: 'nope' }), (e: Error & { code?: string }) => e.code === 'not-found' && /Payload/.test(e.message));
    fx.engine.deleteResultsData(fx.sessionId, [dep!]);
    assert.throws(() => fx.submit({ outputs: [out!], inputs: [dep!] }), (e: Error & { code?: string }) => e.code === 'failed-precondition' && /DELETED/.test(e.message));
    assert.equal(fx.engine.taskCount(), before);
    assert.equal(fx.engine.result(out!)!.ownerTaskId, '', 'no owner assigned by a refused request');
  });

  it('refuses a dependency of another session as unknown', () => {
    const fx = makeFixture();
    const other = fx.engine.createSession({ maxRetries: 1, priority: 1, maxDurationMs: 1000 }, []);
    const [foreign] = fx.engine.createResultsMetadata(other.sessionId, [{ name: 'x', manualDeletion: false }]);
    assert.throws(() => fx.submit({ outputs: fx.outputs('o'), inputs: [foreign!.resultId] }), (e: Error & { code?: string }) => e.code === 'not-found');
  });

  it('refuses an empty request and names the faulty creation in a batch', () => {
    const fx = makeFixture();
    assert.throws(() => fx.engine.submitTasks(fx.sessionId, undefined, []), (e: Error & { code?: string }) => e.code === 'invalid-argument');
    const payload = fx.payload();
    assert.throws(
      () =>
        fx.engine.submitTasks(fx.sessionId, undefined, [
          { expectedOutputIds: fx.outputs('a'), dataDependencies: [], payloadId: payload },
          { expectedOutputIds: ['missing'], dataDependencies: [], payloadId: payload },
        ]),
      /task_creations\[1\]: Expected output missing not found/,
    );
  });

  it('refuses a malformed simulator behaviour with the field at fault', () => {
    const fx = makeFixture();
    assert.throws(
      () => fx.submit({ outputs: fx.outputs('o'), behaviour: { outcome: { kind: 'explode' } } }),
      (e: Error & { code?: string }) => e.code === 'invalid-argument' && /sim\.behaviour.*outcome\.kind/.test(e.message),
    );
  });
});

describe('result ownership at submission (reference §11.1)', () => {
  it('gives an ownerless output to the new task and emits the owner update', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    const task = fx.submit({ outputs: [out!] });
    assert.equal(fx.engine.result(out!)!.ownerTaskId, task.id);
    const update = fx.events.find((e) => e.kind === 'resultOwnerUpdate' && e.resultId === out);
    assert.deepEqual(update, { kind: 'resultOwnerUpdate', sessionId: fx.sessionId, resultId: out, previousOwnerId: '', currentOwnerId: task.id });
  });

  it('does not re-own a result that already has an owner', () => {
    const fx = makeFixture({ workers: 0 });
    const [out] = fx.outputs('out');
    const first = fx.submit({ outputs: [out!] });
    const second = fx.submit({ outputs: [out!] });
    assert.equal(fx.engine.result(out!)!.ownerTaskId, first.id);
    assert.notEqual(first.id, second.id);
  });

  it('lets the last task of a request win an ownerless output listed twice', () => {
    const fx = makeFixture({ workers: 0 });
    const [out] = fx.outputs('out');
    const payload = fx.payload();
    const [, b] = fx.engine.submitTasks(fx.sessionId, undefined, [
      { expectedOutputIds: [out!], dataDependencies: [], payloadId: payload },
      { expectedOutputIds: [out!], dataDependencies: [], payloadId: payload },
    ]);
    assert.equal(fx.engine.result(out!)!.ownerTaskId, b!.id);
  });

  it('emits creation events in Core order: NewTask(CREATING), owner updates, PENDING, SUBMITTED', () => {
    const fx = makeFixture();
    const [out] = fx.outputs('out');
    fx.events.length = 0;
    const task = fx.submit({ outputs: [out!] });
    const kinds = fx.events.filter((e) => e.kind !== 'newResult').map((e) => `${e.kind}:${'status' in e ? e.status : ''}`);
    assert.deepEqual(kinds, ['newTask:CREATING', 'resultOwnerUpdate:', 'taskStatusUpdate:PENDING', 'taskStatusUpdate:SUBMITTED']);
    const newTask = fx.events.find((e) => e.kind === 'newTask');
    assert.deepEqual(newTask, {
      kind: 'newTask',
      sessionId: fx.sessionId,
      taskId: task.id,
      payloadId: task.payloadId,
      originTaskId: task.id,
      status: 'CREATING',
      expectedOutputKeys: [out],
      dataDependencies: [],
      retryOfIds: [],
      parentTaskIds: [fx.sessionId],
    });
    assert.equal(task.initialTaskId, task.id);
    assert.equal(task.createdBy, '');
  });
});

describe('results service', () => {
  it('creates metadata CREATED without owner, and data results COMPLETED owned by the session', () => {
    const fx = makeFixture();
    const [meta] = fx.engine.createResultsMetadata(fx.sessionId, [{ name: 'm', manualDeletion: false }]);
    assert.equal(meta!.status, 'CREATED');
    assert.equal(meta!.ownerTaskId, '');
    assert.equal(meta!.opaqueId, '');
    const [data] = fx.engine.createResults(fx.sessionId, [{ name: 'd', data: new TextEncoder().encode('hello'), manualDeletion: false }]);
    assert.equal(data!.status, 'COMPLETED');
    assert.equal(data!.ownerTaskId, fx.sessionId);
    assert.equal(data!.size, 5);
    assert.notEqual(data!.opaqueId, '');
    assert.equal(new TextDecoder().decode(fx.engine.resultData(data!.resultId)), 'hello');
    assert.equal(fx.engine.resultData(meta!.resultId), undefined);
  });

  it('uploads only into CREATED results of the session', () => {
    const fx = makeFixture();
    const [r] = fx.outputs('r');
    const done = fx.engine.uploadResultData(fx.sessionId, r!, new Uint8Array([1, 2, 3]));
    assert.equal(done.status, 'COMPLETED');
    assert.equal(done.size, 3);
    assert.throws(() => fx.engine.uploadResultData(fx.sessionId, r!, new Uint8Array([1])), (e: Error & { code?: string }) => e.code === 'failed-precondition');
    assert.throws(() => fx.engine.uploadResultData(fx.sessionId, 'nope', new Uint8Array([1])), (e: Error & { code?: string }) => e.code === 'not-found');
  });

  it('deletes data (→ DELETED) but skips manual-deletion results', () => {
    const fx = makeFixture();
    const [auto, manual] = fx.engine.createResults(fx.sessionId, [
      { name: 'a', data: new Uint8Array([1]), manualDeletion: false },
      { name: 'm', data: new Uint8Array([2]), manualDeletion: true },
    ]);
    assert.deepEqual(fx.engine.deleteResultsData(fx.sessionId, [auto!.resultId, manual!.resultId]), [auto!.resultId, manual!.resultId]);
    assert.equal(fx.engine.result(auto!.resultId)!.status, 'DELETED');
    assert.equal(fx.engine.resultData(auto!.resultId), undefined);
    assert.equal(fx.engine.result(manual!.resultId)!.status, 'COMPLETED');
  });

  it('refuses to create results in a cancelled session', () => {
    const fx = makeFixture();
    fx.engine.cancelSession(fx.sessionId);
    assert.throws(() => fx.outputs('x'), (e: Error & { code?: string }) => e.code === 'failed-precondition');
    assert.throws(() => fx.engine.createResultsMetadata('nope', []), (e: Error & { code?: string }) => e.code === 'not-found');
  });
});
