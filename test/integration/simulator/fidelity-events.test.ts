// Fidelity audit, reference §11.10 (and the GetEvents validator of §10): one session per stream,
// an empty session ID matches nothing, no existence check, the replay of current state, no
// end-of-replay marker and no natural end.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cond, date, or, resultField, resultStatus, str, taskField, taskOptionField, taskStatus } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { advanceUntilStatus, eventKind, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

const settle = (msWall = 150) => new Promise((r) => setTimeout(r, msWall));

describe('fidelity §11.10: GetEvents', () => {
  let t: TestSimulator;
  let session: string;
  let retried: string;
  let delegating: string;
  before(async () => {
    t = await startTestSimulator();
    session = await createSession(t.c);
    const [a, b, c, waiting] = await createMetadata(t.c, session, ['a', 'b', 'c', 'waiting']);
    [retried, delegating] = (await submitTasks(t.c, session, [
      { outputs: [a!], options: withBehaviour({ duration: '10ms', outcome: { kind: 'infra-failure', failAttempts: 1 } }) },
      { outputs: [b!], options: withBehaviour({ duration: '10ms', spawn: { tasks: [{ name: 'delegate', outputs: ['$output'], behaviour: { duration: '1h' } }] } }) },
      { outputs: [c!], inputs: [waiting!] },
    ])) as [string, string];
    advanceUntilStatus(t, `${retried}###1`, 'COMPLETED');
    advanceUntilStatus(t, delegating, 'COMPLETED');
  });
  after(() => t.stop());

  it('replays one NewTask per task and one NewResult per result with their current state, then nothing until something changes', async () => {
    const engine = t.sim.engine;
    const events = readEvents(t.c, { sessionId: session });
    const tasks = [...engine.tasks(session)];
    const results = [...engine.results(session)];
    await events.until((r) => r.length >= tasks.length + results.length);
    await settle();
    assert.equal(events.received.length, tasks.length + results.length, 'no replay of past status or owner updates');
    assert.ok(events.received.every((e) => e.sessionId === session));
    assert.ok(events.received.every((e) => eventKind(e) === 'newTask' || eventKind(e) === 'newResult'));

    for (const task of tasks) {
      const replayed = events.received.find((e) => e.newTask?.taskId === task.id)!.newTask!;
      assert.deepEqual(
        {
          status: replayed.status,
          origin: replayed.originTaskId,
          outputs: replayed.expectedOutputKeys,
          deps: replayed.dataDependencies,
          payload: replayed.payloadId,
          retries: replayed.retryOfIds,
          parents: replayed.parentTaskIds,
        },
        {
          status: `TASK_STATUS_${task.status}`,
          origin: task.initialTaskId,
          outputs: task.expectedOutputIds,
          deps: task.dataDependencies,
          payload: task.payloadId,
          retries: task.retryOfIds,
          parents: task.parentTaskIds,
        },
        `NewTask of ${task.id}`,
      );
    }
    const retryEvent = events.received.find((e) => e.newTask?.taskId === `${retried}###1`)!.newTask!;
    assert.equal(retryEvent.originTaskId, retried, 'origin_task_id is the initial task ID');
    assert.equal(retryEvent.status, 'TASK_STATUS_COMPLETED', 'the current status, not CREATING');
    for (const result of results) {
      const replayed = events.received.find((e) => e.newResult?.resultId === result.resultId)!.newResult!;
      assert.deepEqual([replayed.status, replayed.ownerId], [`RESULT_STATUS_${result.status}`, result.ownerTaskId]);
    }
    const delegated = engine.task(delegating)!.expectedOutputIds[0]!;
    assert.notEqual(events.received.find((e) => e.newResult?.resultId === delegated)!.newResult!.ownerId, delegating, 'the current owner: the delegate');
    assert.equal(events.ended(), false, 'no end marker, no natural end');
    events.cancel();
  });

  it('replays only what is asked: NEW_RESULT alone replays results; status updates alone replay nothing', async () => {
    const resultsOnly = readEvents(t.c, { sessionId: session, returnedEvents: ['EVENTS_ENUM_NEW_RESULT'] });
    const updatesOnly = readEvents(t.c, { sessionId: session, returnedEvents: ['EVENTS_ENUM_TASK_STATUS_UPDATE', 'EVENTS_ENUM_RESULT_STATUS_UPDATE'] });
    await resultsOnly.until((r) => r.length >= t.sim.engine.resultCount(session));
    await settle();
    assert.ok(resultsOnly.received.every((e) => eventKind(e) === 'newResult'));
    assert.equal(resultsOnly.received.length, t.sim.engine.resultCount(session));
    assert.deepEqual(updatesOnly.received, []);
    assert.equal(updatesOnly.error(), undefined);
    resultsOnly.cancel();
    updatesOnly.cancel();
  });

  it('an empty session ID matches nothing, even while other sessions change; an unknown session is accepted', async () => {
    const empty = readEvents(t.c, { sessionId: '' });
    const unknown = readEvents(t.c, { sessionId: 'no-such-session' });
    const busy = await createSession(t.c);
    const [out] = await createMetadata(t.c, busy, ['out']);
    await submitTasks(t.c, busy, [{ outputs: [out!] }]);
    t.sim.engine.advance(5000);
    await settle();
    for (const stream of [empty, unknown]) {
      assert.deepEqual(stream.received, []);
      assert.equal(stream.error(), undefined);
      assert.equal(stream.ended(), false);
      stream.cancel();
    }
  });

  it('filters keep to one session and the fields Core allows; status, date and error fields are INVALID_ARGUMENT', async () => {
    const other = await createSession(t.c);
    // A SESSION_ID filter naming another session does not widen the stream.
    const stream = readEvents(t.c, {
      sessionId: session,
      returnedEvents: ['EVENTS_ENUM_NEW_TASK'],
      tasksFilters: or([cond(taskField('SESSION_ID'), str('EQUAL', other))]),
    });
    const byOption = readEvents(t.c, {
      sessionId: session,
      returnedEvents: ['EVENTS_ENUM_NEW_TASK'],
      tasksFilters: or([cond(taskOptionField('PARTITION_ID'), str('EQUAL', SESSION_OPTIONS.partitionId!))]),
    });
    const [out] = await createMetadata(t.c, other, ['out']);
    await submitTasks(t.c, other, [{ outputs: [out!] }]);
    await byOption.until((r) => r.length >= t.sim.engine.taskCount(session));
    await settle();
    assert.deepEqual(stream.received, []);
    assert.ok(byOption.received.every((e) => e.sessionId === session));
    stream.cancel();
    byOption.cancel();

    const refused = [
      { tasksFilters: or([cond(taskField('STATUS'), taskStatus('EQUAL', 'COMPLETED'))]) },
      { tasksFilters: or([cond(taskField('CREATED_AT'), date('AFTER', 0))]) },
      { tasksFilters: or([cond(taskField('ERROR'), str('CONTAINS', 'x'))]) },
      { resultsFilters: or([cond(resultField('STATUS'), resultStatus('EQUAL', 'COMPLETED'))]) },
      { resultsFilters: or([cond(resultField('CREATED_AT'), date('AFTER', 0))]) },
    ];
    for (const filters of refused) {
      const failing = readEvents(t.c, { sessionId: session, ...filters });
      const error = await failing.failure();
      assert.equal(error.code, status.INVALID_ARGUMENT, JSON.stringify(filters));
    }
  });
});
