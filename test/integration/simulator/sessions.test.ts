// Sessions service over the wire: CreateSession validation, the lifecycle table and its error
// codes (reference §11.8), StopSubmission, and filters/sort on session fields.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { arr, bool, cond, date, dur, listRequest, or, rejectsWith, rpc, sessionField, sessionOptionField, sessionStatus, str } from './grpc-test-client';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

describe('Sessions service', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
    t.sim.engine.addPartition({ id: 'gpu', parentPartitionIds: [], podReserved: 0, podMax: 2, podConfiguration: {}, preemptionPercentage: 0, priority: 2, workers: 1 });
  });
  after(() => t.stop());

  const get = async (sessionId: string) => (await rpc(t.c.sessions, 'GetSession', { sessionId })).session!;

  it('validates CreateSession default options (INVALID_ARGUMENT)', async () => {
    await rejectsWith(rpc(t.c.sessions, 'CreateSession', { partitionIds: [] }), status.INVALID_ARGUMENT, /DefaultTaskOption/);
    await rejectsWith(rpc(t.c.sessions, 'CreateSession', { defaultTaskOption: { ...SESSION_OPTIONS, maxRetries: 0 } }), status.INVALID_ARGUMENT, /MaxRetries/);
    await rejectsWith(rpc(t.c.sessions, 'CreateSession', { defaultTaskOption: { ...SESSION_OPTIONS, priority: 100 } }), status.INVALID_ARGUMENT, /Priority/);
    await rejectsWith(rpc(t.c.sessions, 'CreateSession', { defaultTaskOption: { ...SESSION_OPTIONS, maxDuration: null } }), status.INVALID_ARGUMENT, /MaxDuration/);
    await rejectsWith(rpc(t.c.sessions, 'CreateSession', { defaultTaskOption: SESSION_OPTIONS, partitionIds: ['nowhere'] }), status.NOT_FOUND, /nowhere/);
  });

  it('creates a RUNNING session on the default partition when none is named', async () => {
    const s = await get(await createSession(t.c));
    assert.equal(s.status, 'SESSION_STATUS_RUNNING');
    assert.deepEqual(s.partitionIds, ['default']);
    assert.equal(s.clientSubmission, true);
    assert.equal(s.workerSubmission, true);
    assert.equal(s.options!.applicationName, 'pricing');
    assert.ok(s.createdAt);
    assert.equal(s.closedAt, null);
    await rejectsWith(rpc(t.c.sessions, 'GetSession', { sessionId: 'nope' }), status.NOT_FOUND, /nope/);
  });

  it('follows the lifecycle table and refuses other transitions with FAILED_PRECONDITION', async () => {
    const id = await createSession(t.c);
    assert.equal((await rpc(t.c.sessions, 'PauseSession', { sessionId: id })).session!.status, 'SESSION_STATUS_PAUSED');
    await rejectsWith(rpc(t.c.sessions, 'PauseSession', { sessionId: id }), status.FAILED_PRECONDITION);
    assert.equal((await rpc(t.c.sessions, 'ResumeSession', { sessionId: id })).session!.status, 'SESSION_STATUS_RUNNING');
    t.sim.engine.advance(5000);
    const closed = (await rpc(t.c.sessions, 'CloseSession', { sessionId: id })).session!;
    assert.equal(closed.status, 'SESSION_STATUS_CLOSED');
    assert.ok(closed.closedAt && closed.duration, 'closing sets closed_at and duration');
    assert.equal(Number(closed.duration!.seconds), 5);
    await rejectsWith(rpc(t.c.sessions, 'PauseSession', { sessionId: id }), status.FAILED_PRECONDITION);
    assert.equal((await rpc(t.c.sessions, 'PurgeSession', { sessionId: id })).session!.status, 'SESSION_STATUS_PURGED');
    await rejectsWith(rpc(t.c.sessions, 'CancelSession', { sessionId: id }), status.FAILED_PRECONDITION);
    const deleted = (await rpc(t.c.sessions, 'DeleteSession', { sessionId: id })).session!;
    assert.equal(deleted.status, 'SESSION_STATUS_DELETED');
    assert.ok(deleted.deletedAt);
    await rejectsWith(rpc(t.c.sessions, 'GetSession', { sessionId: id }), status.NOT_FOUND);
    // Core answers DeleteSession with a DELETED record even for an unknown ID.
    assert.equal((await rpc(t.c.sessions, 'DeleteSession', { sessionId: 'never-existed' })).session!.status, 'SESSION_STATUS_DELETED');
  });

  it('CancelSession aborts CREATED results; StopSubmission blocks client submissions', async () => {
    const id = await createSession(t.c);
    const [r] = await createMetadata(t.c, id, ['pending']);
    const cancelled = (await rpc(t.c.sessions, 'CancelSession', { sessionId: id })).session!;
    assert.equal(cancelled.status, 'SESSION_STATUS_CANCELLED');
    assert.ok(cancelled.cancelledAt);
    assert.equal((await rpc(t.c.results, 'GetResult', { resultId: r })).result!.status, 'RESULT_STATUS_ABORTED');

    const open = await createSession(t.c);
    const stopped = (await rpc(t.c.sessions, 'StopSubmission', { sessionId: open, client: true, worker: false })).session!;
    assert.deepEqual([stopped.clientSubmission, stopped.workerSubmission], [false, true]);
    const [out] = await createMetadata(t.c, open, ['out']);
    await rejectsWith(submitTasks(t.c, open, [{ outputs: [out] }]), status.FAILED_PRECONDITION);
  });

  it('filters and sorts sessions on raw fields, task options and generic options', async () => {
    t.sim.engine.advance(10);
    const gpu = await createSession(t.c, { ...SESSION_OPTIONS, applicationName: 'gpu-app', partitionId: 'gpu', options: { tier: 'gold' } }, ['gpu', 'default']);
    t.sim.engine.advance(10);
    const paused = await createSession(t.c);
    await rpc(t.c.sessions, 'PauseSession', { sessionId: paused });
    t.sim.engine.advance(10);
    const stopped = await createSession(t.c);
    await rpc(t.c.sessions, 'StopSubmission', { sessionId: stopped, client: true, worker: true });
    const ids = async (filters: object, sortField: object = sessionField('CREATED_AT'), direction: 'ASC' | 'DESC' = 'ASC') =>
      (await rpc(t.c.sessions, 'ListSessions', listRequest(filters, sortField, { direction }) as never)).sessions.map((s) => s.sessionId);

    assert.deepEqual(await ids(or([cond(sessionField('SESSION_ID'), str('EQUAL', gpu))])), [gpu]);
    assert.deepEqual(await ids(or([cond(sessionField('PARTITION_IDS'), arr('CONTAINS', 'gpu'))])), [gpu]);
    assert.ok(!(await ids(or([cond(sessionField('PARTITION_IDS'), arr('NOT_CONTAINS', 'default'))]))).includes(paused));
    assert.deepEqual(await ids(or([cond(sessionField('STATUS'), sessionStatus('EQUAL', 'PAUSED'))])), [paused]);
    const noClient = await ids(
      or([cond(sessionField('CLIENT_SUBMISSION'), bool(false)), cond(sessionField('WORKER_SUBMISSION'), bool(false)), cond(sessionField('STATUS'), sessionStatus('EQUAL', 'RUNNING'))]),
    );
    assert.deepEqual(noClient, [stopped], 'only one running session has both submission sides stopped (cancelled ones have too)');
    assert.deepEqual(await ids(or([cond(sessionOptionField('APPLICATION_NAME'), str('EQUAL', 'gpu-app'))])), [gpu]);
    assert.deepEqual(await ids(or([cond({ taskOptionGenericField: { field: 'tier' } }, str('EQUAL', 'gold'))])), [gpu]);
    const closedAtUnset = await ids(or([cond(sessionField('CLOSED_AT'), date('EQUAL', undefined))]));
    assert.ok(closedAtUnset.includes(gpu) && closedAtUnset.includes(paused));
    assert.deepEqual(await ids(or([cond(sessionField('DURATION'), dur('LONGER_THAN', 0)), cond(sessionField('SESSION_ID'), str('EQUAL', gpu))])), []);
    const newestFirst = await ids(or([]), sessionField('CREATED_AT'), 'DESC');
    assert.deepEqual(newestFirst.slice(0, 3), [stopped, paused, gpu]);
    await rejectsWith(
      rpc(t.c.sessions, 'ListSessions', listRequest(or([cond(sessionField('OPTIONS'), str('EQUAL', 'x'))]), sessionField('CREATED_AT')) as never),
      status.UNKNOWN,
      /OPTIONS/,
    );
    await rejectsWith(rpc(t.c.sessions, 'ListSessions', listRequest(or([]), sessionField('OPTIONS')) as never), status.UNKNOWN, /Cannot sort on .*OPTIONS/);
  });
});
