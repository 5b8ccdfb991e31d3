// Fidelity audit, reference §11.9: the request flags Core ignores, GetOwnerTaskId's quirk,
// GetResultIds and CountTasksByStatus as group-bys that omit what is absent, the upload protocol
// and NOT_FOUND for unknown IDs.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cond, or, readAll, rejectsWith, rpc, sessionField, str, taskField, type RawClients } from './grpc-test-client';
import { advanceUntilStatus, getResult, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

type UploadMessage = { id?: { sessionId: string; resultId: string }; dataChunk?: Buffer };

function uploadMessages(c: RawClients, messages: UploadMessage[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const call = c.results.UploadResultData((error, response) => (error ? reject(error) : resolve(response)));
    for (const m of messages) call.write(m);
    call.end();
  });
}

describe('fidelity §11.9: behaviour of the other RPCs', () => {
  let t: TestSimulator;
  let session: string;
  let failed: string;
  let running: string;
  let outputs: string[];
  before(async () => {
    t = await startTestSimulator();
    session = await createSession(t.c, { ...SESSION_OPTIONS, options: { team: 'blue' } });
    outputs = await createMetadata(t.c, session, ['o1', 'o2', 'o3']);
    [failed, running] = (await submitTasks(t.c, session, [
      { outputs: [outputs[0]!], options: withBehaviour({ duration: '10ms', outcome: { kind: 'error', message: 'boom' } }) },
      { outputs: [outputs[1]!, outputs[2]!], options: withBehaviour({ duration: '1h' }) },
    ])) as [string, string];
    advanceUntilStatus(t, failed, 'ERROR');
    advanceUntilStatus(t, running, 'PROCESSING');
  });
  after(() => t.stop());

  it('ListSessions returns options even with with_task_options = false', async () => {
    const reply = await rpc(t.c.sessions, 'ListSessions', {
      page: 0,
      pageSize: 10,
      filters: or([cond(sessionField('SESSION_ID'), str('EQUAL', session))]),
      sort: { field: sessionField('CREATED_AT'), direction: 'SORT_DIRECTION_ASC' },
      withTaskOptions: false,
    } as never);
    assert.equal(reply.sessions.length, 1);
    assert.equal(reply.sessions[0]!.options!.maxRetries, SESSION_OPTIONS.maxRetries);
    assert.deepEqual(reply.sessions[0]!.options!.options, { team: 'blue' });
  });

  it('ListTasks fills error even with with_errors = false', async () => {
    const reply = await rpc(t.c.tasks, 'ListTasks', {
      page: 0,
      pageSize: 10,
      filters: or([cond(taskField('TASK_ID'), str('EQUAL', failed))]),
      sort: { field: taskField('CREATED_AT'), direction: 'SORT_DIRECTION_ASC' },
      withErrors: false,
    } as never);
    assert.match(reply.tasks[0]!.error, /boom/);
  });

  it('GetOwnerTaskId: pairs carry the result name, unknown IDs are omitted, the session ID is not used for the lookup', async () => {
    const other = await createSession(t.c);
    const reply = await rpc(t.c.results, 'GetOwnerTaskId', { sessionId: other, resultId: [outputs[1]!, 'no-such-result', outputs[0]!] });
    assert.equal(reply.sessionId, other);
    assert.deepEqual(
      reply.resultTask.map((p) => [p.resultId, p.taskId]),
      [
        ['o2', running],
        ['o1', failed],
      ],
    );
  });

  it('GetResultIds maps each known task to its expected outputs, omitting unknown ones', async () => {
    const reply = await rpc(t.c.tasks, 'GetResultIds', { taskId: ['no-such-task', running, failed] });
    assert.deepEqual(
      reply.taskResults.map((m) => [m.taskId, m.resultIds]),
      [
        [running, [outputs[1], outputs[2]]],
        [failed, [outputs[0]]],
      ],
    );
  });

  it('CountTasksByStatus lists only the statuses present among the filtered tasks', async () => {
    const reply = await rpc(t.c.tasks, 'CountTasksByStatus', { filters: or([cond(taskField('SESSION_ID'), str('EQUAL', session))]) });
    assert.deepEqual(
      Object.fromEntries(reply.status.map((s) => [s.status, s.count])),
      { TASK_STATUS_ERROR: 1, TASK_STATUS_PROCESSING: 1 },
    );
    const none = await rpc(t.c.tasks, 'CountTasksByStatus', { filters: or([cond(taskField('SESSION_ID'), str('EQUAL', 'no-such-session'))]) });
    assert.deepEqual(none.status, []);
  });

  it('UploadResultData: id first (INVALID_ARGUMENT otherwise), an empty stream is FAILED_PRECONDITION, unknown results NOT_FOUND', async () => {
    const [target] = await createMetadata(t.c, session, ['target']);
    await rejectsWith(uploadMessages(t.c, [{ dataChunk: Buffer.from('x') }, { id: { sessionId: session, resultId: target! } }]), status.INVALID_ARGUMENT);
    await rejectsWith(uploadMessages(t.c, []), status.FAILED_PRECONDITION);
    await rejectsWith(uploadMessages(t.c, [{ id: { sessionId: session, resultId: 'no-such-result' } }, { dataChunk: Buffer.from('x') }]), status.NOT_FOUND);
    assert.equal((await getResult(t.c, target!)).status, 'RESULT_STATUS_CREATED', 'failed uploads change nothing');
    const chunks = ['ab', 'cd', 'e'].map((s) => ({ dataChunk: Buffer.from(s) }));
    await uploadMessages(t.c, [{ id: { sessionId: session, resultId: target! } }, ...chunks]);
    const downloaded = await readAll(t.c.results.DownloadResultData({ sessionId: session, resultId: target }));
    assert.equal(Buffer.concat(downloaded.map((d) => d.dataChunk)).toString(), 'abcde');
    assert.equal(Number((await getResult(t.c, target!)).size), 5);
  });

  it('GetTask, GetResult, GetSession, GetPartition of unknown IDs are NOT_FOUND', async () => {
    await rejectsWith(rpc(t.c.tasks, 'GetTask', { taskId: 'nope' }), status.NOT_FOUND);
    await rejectsWith(rpc(t.c.results, 'GetResult', { resultId: 'nope' }), status.NOT_FOUND);
    await rejectsWith(rpc(t.c.sessions, 'GetSession', { sessionId: 'nope' }), status.NOT_FOUND);
    await rejectsWith(rpc(t.c.partitions, 'GetPartition', { id: 'nope' }), status.NOT_FOUND);
    await rejectsWith(readAll(t.c.results.DownloadResultData({ sessionId: session, resultId: 'nope' })), status.NOT_FOUND);
  });
});
