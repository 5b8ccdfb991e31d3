// Fidelity audit, reference §11.3 (with the purge rule of §11.8): result transitions, no way
// back from ABORTED or DELETED, which path sets completed_at, DELETED through purge with the
// opaque ID emptied, and manual-deletion results left alone.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readAll, rejectsWith, rpc, type RawClients } from './grpc-test-client';
import { advanceUntilStatus, getResult, getTask, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, createWithData, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

function upload(c: RawClients, sessionId: string, resultId: string, data: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const call = c.results.UploadResultData((error, response) => (error ? reject(error) : resolve(response)));
    call.write({ id: { sessionId, resultId } });
    call.write({ dataChunk: Buffer.from(data) });
    call.end();
  });
}

describe('fidelity §11.3: result transitions', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(() => t.stop());

  it('upload completes a CREATED result (completed_at, size, opaque_id) and releases its dependents', async () => {
    const session = await createSession(t.c);
    const [input, out] = await createMetadata(t.c, session, ['input', 'out']);
    const [consumer] = await submitTasks(t.c, session, [{ outputs: [out!], inputs: [input!] }]);
    t.sim.engine.advance(1000);
    assert.equal((await getTask(t.c, consumer!)).status, 'TASK_STATUS_PENDING');
    await upload(t.c, session, input!, 'hello');
    const r = await getResult(t.c, input!);
    assert.equal(r.status, 'RESULT_STATUS_COMPLETED');
    assert.equal(Number(r.size), 5);
    assert.ok(r.completedAt);
    assert.ok(r.opaqueId.length > 0);
    assert.equal(r.ownerTaskId, '', 'completion leaves the owner unchanged');
    assert.equal((await getTask(t.c, consumer!)).status, 'TASK_STATUS_SUBMITTED');
  });

  it('a worker output stays CREATED while its task is PROCESSING and is committed in post-processing', async () => {
    const session = await createSession(t.c);
    const [out] = await createMetadata(t.c, session, ['out']);
    const [id] = await submitTasks(t.c, session, [{ outputs: [out!], options: withBehaviour({ duration: '2s', output: 'forty-two' }) }]);
    advanceUntilStatus(t, id!, 'PROCESSING');
    t.sim.engine.advance(1500);
    assert.equal((await getResult(t.c, out!)).status, 'RESULT_STATUS_CREATED');
    advanceUntilStatus(t, id!, 'COMPLETED');
    const r = await getResult(t.c, out!);
    assert.equal(r.status, 'RESULT_STATUS_COMPLETED');
    assert.equal(r.ownerTaskId, id);
    const chunks = await readAll(t.c.results.DownloadResultData({ sessionId: session, resultId: out }));
    assert.equal(Buffer.concat(chunks.map((c) => c.dataChunk)).toString(), 'forty-two');
  });

  it('no going back: COMPLETED, ABORTED and DELETED results refuse data (FAILED_PRECONDITION) and ABORTED/DELETED ones refuse consumers', async () => {
    const session = await createSession(t.c);
    const [done, doomed, wiped, out] = await createMetadata(t.c, session, ['done', 'doomed', 'wiped', 'out']);
    await upload(t.c, session, done!, 'x');
    await upload(t.c, session, wiped!, 'y');
    await rpc(t.c.results, 'DeleteResultsData', { sessionId: session, resultId: [wiped!] });
    const [failing] = await submitTasks(t.c, session, [{ outputs: [doomed!], options: withBehaviour({ duration: '10ms', outcome: 'error' }) }]);
    advanceUntilStatus(t, failing!, 'ERROR');
    assert.equal((await getResult(t.c, doomed!)).status, 'RESULT_STATUS_ABORTED');
    assert.equal((await getResult(t.c, wiped!)).status, 'RESULT_STATUS_DELETED');

    for (const id of [done!, doomed!, wiped!]) {
      const before = await getResult(t.c, id);
      await rejectsWith(upload(t.c, session, id, 'again'), status.FAILED_PRECONDITION);
      assert.equal((await getResult(t.c, id)).status, before.status, 'the status did not change');
    }
    const tasksBefore = t.sim.engine.taskCount(session);
    const [payload] = await createWithData(t.c, session, { payload: 'p' });
    for (const dep of [doomed!, wiped!]) {
      await rejectsWith(
        rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [{ payloadId: payload, dataDependencies: [dep], expectedOutputKeys: [out!] }] }),
        status.FAILED_PRECONDITION,
      );
      await rejectsWith(
        rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [{ payloadId: dep, dataDependencies: [], expectedOutputKeys: [out!] }] }),
        status.FAILED_PRECONDITION,
      );
    }
    await rejectsWith(
      rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [{ payloadId: payload, dataDependencies: ['no-such-result'], expectedOutputKeys: [out!] }] }),
      status.NOT_FOUND,
    );
    assert.equal(t.sim.engine.taskCount(session), tasksBefore, 'refused submissions leave no task behind');
    assert.equal((await getResult(t.c, out!)).ownerTaskId, '', 'nor an owner');
  });

  it('an abort through the owner task sets completed_at; an abort through CancelSession does not', async () => {
    const session = await createSession(t.c);
    const [viaTask, viaSession] = await createMetadata(t.c, session, ['via-task', 'via-session']);
    const [failing] = await submitTasks(t.c, session, [{ outputs: [viaTask!], options: withBehaviour({ duration: '10ms', outcome: 'error' }) }]);
    advanceUntilStatus(t, failing!, 'ERROR');
    const abortedByTask = await getResult(t.c, viaTask!);
    assert.equal(abortedByTask.status, 'RESULT_STATUS_ABORTED');
    assert.ok(abortedByTask.completedAt);
    assert.equal(abortedByTask.opaqueId.length, 0);

    await rpc(t.c.sessions, 'CancelSession', { sessionId: session });
    const abortedBySession = await getResult(t.c, viaSession!);
    assert.equal(abortedBySession.status, 'RESULT_STATUS_ABORTED');
    assert.equal(abortedBySession.completedAt, null);
  });

  it('purge: COMPLETED, CREATED and ABORTED results become DELETED with an empty opaque_id; manual-deletion results are skipped', async () => {
    const session = await createSession(t.c);
    const created = (await rpc(t.c.results, 'CreateResultsMetaData', { sessionId: session, results: [{ name: 'created' }, { name: 'manual', manualDeletion: true }] })).results;
    const [createdId, manualId] = created.map((r) => r.resultId);
    const [completed] = await createWithData(t.c, session, { completed: 'data' });
    const manualCompleted = (await rpc(t.c.results, 'CreateResults', { sessionId: session, results: [{ name: 'manual-data', data: Buffer.from('keep'), manualDeletion: true }] }))
      .results[0]!.resultId;
    const [aborted] = await createMetadata(t.c, session, ['aborted']);
    const [failing] = await submitTasks(t.c, session, [{ outputs: [aborted!], options: withBehaviour({ duration: '10ms', outcome: 'error' }) }]);
    advanceUntilStatus(t, failing!, 'ERROR');
    await rpc(t.c.sessions, 'CloseSession', { sessionId: session });

    const purged = (await rpc(t.c.sessions, 'PurgeSession', { sessionId: session })).session!;
    assert.equal(purged.status, 'SESSION_STATUS_PURGED');
    assert.ok(purged.purgedAt);
    for (const id of [createdId!, completed!, aborted!]) {
      const r = await getResult(t.c, id);
      assert.equal(r.status, 'RESULT_STATUS_DELETED', `${r.name} is DELETED`);
      assert.equal(r.opaqueId.length, 0, `${r.name} has no opaque_id any more`);
    }
    assert.equal((await getResult(t.c, manualId!)).status, 'RESULT_STATUS_CREATED');
    const kept = await getResult(t.c, manualCompleted);
    assert.equal(kept.status, 'RESULT_STATUS_COMPLETED');
    assert.ok(kept.opaqueId.length > 0);
    await rejectsWith(readAll(t.c.results.DownloadResultData({ sessionId: session, resultId: completed })), status.NOT_FOUND);
  });
});
