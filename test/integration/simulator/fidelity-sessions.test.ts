// Fidelity audit, reference §11.8: the whole session transition table over the wire (every RPC
// from every status, FAILED_PRECONDITION otherwise), CreateSession's partitions, DeleteSession
// for known and unknown IDs, and duration set only by CloseSession.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WireSessionRaw } from '../../../src/armonik/wire/types';
import { cond, listRequest, or, readAll, rejectsWith, resultField, rpc, str, taskField } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { getSession, ms } from './fidelity-fixture';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

type From = 'RUNNING' | 'PAUSED' | 'CLOSED' | 'CANCELLED' | 'PURGED';
type Op = 'PauseSession' | 'ResumeSession' | 'CloseSession' | 'CancelSession' | 'PurgeSession' | 'DeleteSession' | 'StopSubmission';

/** Reference §11.8: the status each RPC leads to from each status; undefined = FAILED_PRECONDITION. */
const TABLE: Record<Op, Partial<Record<From, string>>> = {
  PauseSession: { RUNNING: 'PAUSED' },
  ResumeSession: { RUNNING: 'RUNNING', PAUSED: 'RUNNING' },
  CloseSession: { RUNNING: 'CLOSED', PAUSED: 'CLOSED' },
  CancelSession: { RUNNING: 'CANCELLED', PAUSED: 'CANCELLED', CLOSED: 'CANCELLED' },
  PurgeSession: { CLOSED: 'PURGED', CANCELLED: 'PURGED' },
  DeleteSession: { RUNNING: 'DELETED', PAUSED: 'DELETED', CLOSED: 'DELETED', CANCELLED: 'DELETED', PURGED: 'DELETED' },
  StopSubmission: { RUNNING: 'RUNNING', PAUSED: 'PAUSED', CLOSED: 'CLOSED', CANCELLED: 'CANCELLED', PURGED: 'PURGED' },
};
const PATH_TO: Record<From, Array<'PauseSession' | 'CloseSession' | 'CancelSession' | 'PurgeSession'>> = {
  RUNNING: [],
  PAUSED: ['PauseSession'],
  CLOSED: ['CloseSession'],
  CANCELLED: ['CancelSession'],
  PURGED: ['CloseSession', 'PurgeSession'],
};

describe('fidelity §11.8: session lifecycle', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(() => t.stop());

  const call = async (op: Op, sessionId: string): Promise<WireSessionRaw> => {
    if (op === 'StopSubmission') return (await rpc(t.c.sessions, 'StopSubmission', { sessionId, client: true, worker: false })).session!;
    return (await rpc(t.c.sessions, op, { sessionId })).session!;
  };

  for (const from of Object.keys(PATH_TO) as From[]) {
    it(`from ${from}: each RPC follows the table, anything else is FAILED_PRECONDITION and changes nothing`, async () => {
      for (const op of Object.keys(TABLE) as Op[]) {
        const sessionId = await createSession(t.c);
        for (const step of PATH_TO[from]) await call(step, sessionId);
        assert.equal((await getSession(t.c, sessionId)).status, `SESSION_STATUS_${from}`);
        const expected = TABLE[op][from];
        if (expected === undefined) {
          await rejectsWith(call(op, sessionId), status.FAILED_PRECONDITION);
          assert.equal((await getSession(t.c, sessionId)).status, `SESSION_STATUS_${from}`, `${op} from ${from} changed nothing`);
        } else {
          const answer = await call(op, sessionId);
          assert.equal(answer.status, `SESSION_STATUS_${expected}`, `${op} from ${from}`);
          if (op === 'DeleteSession') await rejectsWith(getSession(t.c, sessionId), status.NOT_FOUND);
          else assert.equal((await getSession(t.c, sessionId)).status, `SESSION_STATUS_${expected}`);
        }
      }
    });
  }

  it('every lifecycle RPC on an unknown session is NOT_FOUND, except DeleteSession', async () => {
    for (const op of Object.keys(TABLE) as Op[]) {
      if (op === 'DeleteSession') continue;
      await rejectsWith(call(op, 'no-such-session'), status.NOT_FOUND);
    }
    const ghost = await call('DeleteSession', 'no-such-session');
    assert.equal(ghost.status, 'SESSION_STATUS_DELETED');
    assert.equal(ghost.sessionId, 'no-such-session');
    assert.ok(ghost.deletedAt);
  });

  it('CreateSession: RUNNING, both submission flags on, empty partitions mean the default one, unknown partitions are NOT_FOUND', async () => {
    const session = await getSession(t.c, await createSession(t.c, SESSION_OPTIONS, []));
    assert.equal(session.status, 'SESSION_STATUS_RUNNING');
    assert.deepEqual(session.partitionIds, ['default']);
    assert.equal(session.clientSubmission, true);
    assert.equal(session.workerSubmission, true);
    for (const unset of ['cancelledAt', 'closedAt', 'purgedAt', 'deletedAt', 'duration'] as const) assert.equal(session[unset], null, unset);
    await rejectsWith(createSession(t.c, SESSION_OPTIONS, ['default', 'no-such-partition']), status.NOT_FOUND, /no-such-partition/);
  });

  it('duration is set by CloseSession only: close minus creation', async () => {
    const closedId = await createSession(t.c);
    const cancelledId = await createSession(t.c);
    t.sim.engine.advance(4_250);
    const closed = await call('CloseSession', closedId);
    const cancelled = await call('CancelSession', cancelledId);
    assert.equal(ms(closed.closedAt)! - ms(closed.createdAt)!, 4_250);
    assert.deepEqual({ seconds: Number(closed.duration!.seconds), nanos: closed.duration!.nanos }, { seconds: 4, nanos: 250_000_000 });
    assert.equal(closed.clientSubmission, false);
    assert.equal(closed.workerSubmission, false);
    assert.equal(cancelled.duration, null);
    const cancelledAfterClose = await call('CancelSession', closedId);
    assert.deepEqual(cancelledAfterClose.duration, closed.duration, 'cancelling a closed session keeps its duration');
    assert.ok(cancelledAfterClose.cancelledAt);
  });

  it('StopSubmission clears only the named side', async () => {
    const sessionId = await createSession(t.c);
    const workerOnly = (await rpc(t.c.sessions, 'StopSubmission', { sessionId, client: false, worker: true })).session!;
    assert.deepEqual([workerOnly.clientSubmission, workerOnly.workerSubmission], [true, false]);
    const both = (await rpc(t.c.sessions, 'StopSubmission', { sessionId, client: true, worker: false })).session!;
    assert.deepEqual([both.clientSubmission, both.workerSubmission], [false, false]);
  });

  it('DeleteSession removes tasks, results and the session physically, without events; Get* answer NOT_FOUND', async () => {
    const sessionId = await createSession(t.c);
    const [out] = await createMetadata(t.c, sessionId, ['out']);
    const [taskId] = await submitTasks(t.c, sessionId, [{ outputs: [out!] }]);
    t.sim.engine.advance(5_000);
    const events = readEvents(t.c, { sessionId, returnedEvents: ['EVENTS_ENUM_TASK_STATUS_UPDATE', 'EVENTS_ENUM_RESULT_STATUS_UPDATE', 'EVENTS_ENUM_RESULT_OWNER_UPDATE'] });
    await new Promise((r) => setTimeout(r, 50));
    const deleted = await call('DeleteSession', sessionId);
    assert.equal(deleted.status, 'SESSION_STATUS_DELETED');
    assert.equal(deleted.sessionId, sessionId);
    assert.ok(deleted.deletedAt);
    assert.ok(deleted.createdAt, 'the record of a known session is returned');
    await rejectsWith(getSession(t.c, sessionId), status.NOT_FOUND);
    await rejectsWith(rpc(t.c.tasks, 'GetTask', { taskId: taskId! }), status.NOT_FOUND);
    await rejectsWith(rpc(t.c.results, 'GetResult', { resultId: out! }), status.NOT_FOUND);
    await rejectsWith(readAll(t.c.results.DownloadResultData({ sessionId, resultId: out })), status.NOT_FOUND);
    const tasks = await rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('SESSION_ID'), str('EQUAL', sessionId))]), taskField('TASK_ID')) as never);
    const results = await rpc(t.c.results, 'ListResults', listRequest(or([cond(resultField('SESSION_ID'), str('EQUAL', sessionId))]), resultField('RESULT_ID')) as never);
    assert.equal(tasks.total, 0);
    assert.equal(results.total, 0);
    await new Promise((r) => setTimeout(r, 50));
    events.cancel();
    assert.deepEqual(events.received, [], 'physical deletions emit nothing');
  });
});
