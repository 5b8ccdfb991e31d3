// Fidelity audit, reference §11.1: how IDs relate — parent_task_ids, created_by, initial_task_id,
// retry_of_ids, result owners and creators, status_message and output before a task has run —
// as an ArmoniK client reads them over the wire.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cond, listRequest, or, rpc, str, taskField } from './grpc-test-client';
import { advanceUntilStatus, getResult, getTask, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, createWithData, SESSION_OPTIONS, startTestSimulator, type TestSimulator } from './simulator-fixture';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('fidelity §11.1: identifiers and how they relate', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(() => t.stop());

  it('a client task: parent_task_ids = [session_id], no creator, its own initial ID, success = true and no error before it runs', async () => {
    const session = await createSession(t.c);
    const [out] = await createMetadata(t.c, session, ['out']);
    const [payload] = await createWithData(t.c, session, { payload: 'x' });
    const reply = await rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [{ payloadId: payload, expectedOutputKeys: [out], dataDependencies: [] }] });
    const id = reply.taskInfos[0]!.taskId;
    assert.match(id, GUID);
    assert.match(session, GUID);

    const task = await getTask(t.c, id);
    assert.deepEqual(task.parentTaskIds, [session]);
    assert.equal(task.createdBy, '');
    assert.equal(task.initialTaskId, id);
    assert.deepEqual(task.retryOfIds, []);
    assert.equal(task.statusMessage, '');
    assert.ok(task.status === 'TASK_STATUS_SUBMITTED', `not run yet, got ${task.status}`);
    assert.deepEqual(task.output, { success: true, error: '' }, 'Core starts a new task with success = true');

    const summary = (await rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('TASK_ID'), str('EQUAL', id))]), taskField('TASK_ID')) as never)).tasks[0]!;
    assert.equal(summary.statusMessage, '');
    assert.equal(summary.error, '');
    assert.equal(Number(summary.countParentTaskIds), 1);
    assert.equal(summary.initialTaskId, id);
    assert.equal(summary.createdBy, '');
  });

  it('subtasks: parent_task_ids = the parent list plus the parent, created_by = the parent, own initial ID', async () => {
    const session = await createSession(t.c);
    const [out] = await createMetadata(t.c, session, ['out']);
    const [payload] = await createWithData(t.c, session, { payload: 'x' });
    const grandchild = { duration: '100ms' };
    const child = { duration: '100ms', spawn: { tasks: [{ name: 'grandchild', outputs: ['$output'], behaviour: grandchild }] } };
    const root = { duration: '100ms', spawn: { tasks: [{ name: 'child', outputs: ['$output'], behaviour: child }] } };
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: session,
      taskCreations: [{ payloadId: payload, expectedOutputKeys: [out], dataDependencies: [], taskOptions: withBehaviour(root) }],
    });
    const rootId = reply.taskInfos[0]!.taskId;
    t.sim.engine.advance(10_000);

    const byCreator = async (creator: string) =>
      (await rpc(t.c.tasks, 'ListTasksDetailed', listRequest(or([cond(taskField('CREATED_BY'), str('EQUAL', creator))]), taskField('CREATED_AT')) as never)).tasks;
    const [childTask] = await byCreator(rootId);
    assert.ok(childTask, 'the root has one subtask');
    assert.deepEqual(childTask.parentTaskIds, [session, rootId]);
    assert.equal(childTask.initialTaskId, childTask.id);
    assert.deepEqual(childTask.retryOfIds, []);
    const [grandchildTask] = await byCreator(childTask.id);
    assert.ok(grandchildTask);
    assert.deepEqual(grandchildTask.parentTaskIds, [session, rootId, childTask.id]);
    assert.equal(grandchildTask.createdBy, childTask.id);
    assert.equal(grandchildTask.status, 'TASK_STATUS_COMPLETED');

    // Results a worker creates are created by it; the delegated output ends with the last delegate.
    const payloadOfChild = await getResult(t.c, childTask.payloadId);
    assert.equal(payloadOfChild.createdBy, rootId);
    const output = await getResult(t.c, out!);
    assert.equal(output.ownerTaskId, grandchildTask.id);
    assert.equal(output.createdBy, '', 'client-created results have no creator');
    assert.equal(output.status, 'RESULT_STATUS_COMPLETED');
  });

  it('retries: <initial>###n, created_by = the failed attempt, same initial ID and parents, retry_of_ids oldest first', async () => {
    const session = await createSession(t.c, { ...SESSION_OPTIONS, maxRetries: 3 });
    const [out] = await createMetadata(t.c, session, ['out']);
    const [payload] = await createWithData(t.c, session, { payload: 'x' });
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: session,
      taskCreations: [
        {
          payloadId: payload,
          expectedOutputKeys: [out],
          dataDependencies: [],
          taskOptions: withBehaviour({ duration: '100ms', outcome: { kind: 'infra-failure', message: 'pod evicted', failAttempts: 2 } }, { ...SESSION_OPTIONS, maxRetries: 3 }),
        },
      ],
    });
    const first = reply.taskInfos[0]!.taskId;
    advanceUntilStatus(t, first, 'RETRIED');

    // The retry exists as soon as the attempt is RETRIED, and has not run yet.
    const retry1 = await getTask(t.c, `${first}###1`);
    assert.ok(!['TASK_STATUS_COMPLETED', 'TASK_STATUS_ERROR', 'TASK_STATUS_RETRIED'].includes(retry1.status), retry1.status);
    assert.deepEqual(retry1.output, { success: false, error: '' }, 'Core starts a retry with success = false and no error');
    assert.equal(retry1.createdBy, first);
    assert.equal(retry1.initialTaskId, first);
    assert.deepEqual(retry1.retryOfIds, [first]);
    assert.deepEqual(retry1.parentTaskIds, [session]);
    assert.equal(retry1.payloadId, payload);
    assert.deepEqual(retry1.expectedOutputIds, [out]);

    t.sim.engine.advance(10_000);
    const failed = await getTask(t.c, first);
    assert.equal(failed.status, 'TASK_STATUS_RETRIED');
    assert.deepEqual(failed.output, { success: false, error: 'pod evicted' });
    const retry2 = await getTask(t.c, `${first}###2`);
    assert.equal(retry2.createdBy, `${first}###1`);
    assert.equal(retry2.initialTaskId, first);
    assert.deepEqual(retry2.retryOfIds, [first, `${first}###1`]);
    assert.equal(retry2.status, 'TASK_STATUS_COMPLETED');
    assert.deepEqual(retry2.output, { success: true, error: '' });
    assert.equal((await getResult(t.c, out!)).ownerTaskId, `${first}###2`, 'the output follows the retries');

    // Core tells subtasks from retries with created_by == X and initial_task_id == id.
    const createdByFirst = (await rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('CREATED_BY'), str('EQUAL', first))]), taskField('CREATED_AT')) as never)).tasks;
    assert.deepEqual(
      createdByFirst.map((x) => [x.id, x.initialTaskId === x.id]),
      [[`${first}###1`, false]],
    );
  });

  it('result owners: "" after CreateResultsMetaData, the session after CreateResults, and a submission only takes ownerless outputs', async () => {
    const session = await createSession(t.c);
    const meta = (await rpc(t.c.results, 'CreateResultsMetaData', { sessionId: session, results: [{ name: 'a' }, { name: 'a' }] })).results;
    assert.equal(meta.length, 2, 'names need not be unique');
    for (const r of meta) {
      assert.equal(r.ownerTaskId, '');
      assert.equal(r.createdBy, '');
      assert.equal(r.status, 'RESULT_STATUS_CREATED');
      assert.equal(r.name, 'a');
      assert.equal(r.completedAt, null);
      assert.equal(r.opaqueId.length, 0);
    }
    const withData = (await rpc(t.c.results, 'CreateResults', { sessionId: session, results: [{ name: 'p', data: Buffer.from('42') }] })).results[0]!;
    assert.equal(withData.ownerTaskId, session);
    assert.equal(withData.status, 'RESULT_STATUS_COMPLETED');
    assert.equal(Number(withData.size), 2);
    assert.ok(withData.completedAt);
    assert.ok(withData.opaqueId.length > 0);

    const [a1, a2] = meta.map((r) => r.resultId);
    // The first submission takes a1; a second task listing a1 (and the session-owned result)
    // does not re-own them, but takes the ownerless a2.
    const submit = async (outputs: string[]) =>
      (
        await rpc(t.c.tasks, 'SubmitTasks', {
          sessionId: session,
          taskCreations: [{ payloadId: withData.resultId, expectedOutputKeys: outputs, dataDependencies: [] }],
        })
      ).taskInfos[0]!.taskId;
    const first = await submit([a1!]);
    const second = await submit([a1!, a2!, withData.resultId]);
    assert.equal((await getResult(t.c, a1!)).ownerTaskId, first);
    assert.equal((await getResult(t.c, a2!)).ownerTaskId, second);
    assert.equal((await getResult(t.c, withData.resultId)).ownerTaskId, session);
  });
});
