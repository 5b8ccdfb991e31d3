// Events.GetEvents over the wire (reference §11.10): replay of current state, live updates,
// filters and their allowed fields, a stream that never ends by itself, cancellation, shutdown,
// and a slow client that must not make the server buffer without bound or stall.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import type { WireEventSubscriptionResponse } from '../../../src/armonik/wire/types';
import { cond, or, rejectsWith, resultField, rpc, str, taskField, taskGenericField } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { createMetadata, createSession, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

const behaviour = (b: object) => ({ priority: 1, options: { 'sim.behaviour': JSON.stringify(b) } });
const newTasks = (rs: WireEventSubscriptionResponse[]) => rs.filter((r) => r.update === 'newTask').map((r) => r.newTask!);
const newResults = (rs: WireEventSubscriptionResponse[]) => rs.filter((r) => r.update === 'newResult').map((r) => r.newResult!);
const statusUpdates = (rs: WireEventSubscriptionResponse[], taskId: string) =>
  rs.filter((r) => r.update === 'taskStatusUpdate' && r.taskStatusUpdate!.taskId === taskId).map((r) => r.taskStatusUpdate!.status);

describe('Events service', () => {
  let t: TestSimulator;
  let session: string;
  let otherSession: string;
  let done: string;
  let waiting: string;
  let doneOut: string;
  let waitingOut: string;

  before(async () => {
    t = await startTestSimulator();
    session = await createSession(t.c);
    otherSession = await createSession(t.c);
    [doneOut, waitingOut] = await createMetadata(t.c, session, ['done-out', 'waiting-out']);
    const [never] = await createMetadata(t.c, session, ['never']);
    [done, waiting] = await submitTasks(t.c, session, [
      { outputs: [doneOut], options: { ...behaviour({ duration: '1s' }), options: { team: 'blue', 'sim.behaviour': '{"duration":"1s"}' } } },
      { outputs: [waitingOut], inputs: [never] },
    ]);
    const [o] = await createMetadata(t.c, otherSession, ['other']);
    await submitTasks(t.c, otherSession, [{ outputs: [o] }]);
    t.sim.engine.advance(30_000);
  });
  after(() => t.stop());

  it('replays one NewTask per task with its current state, and one NewResult per result', async () => {
    const reader = readEvents(t.c, { sessionId: session, returnedEvents: [] });
    const taskCount = t.sim.engine.taskCount(session);
    const resultCount = t.sim.engine.resultCount(session);
    await reader.until((rs) => newTasks(rs).length === taskCount && newResults(rs).length === resultCount);
    const tasks = new Map(newTasks(reader.received).map((n) => [n.taskId, n]));
    assert.equal(tasks.get(done)!.status, 'TASK_STATUS_COMPLETED', 'replay carries the current status, not CREATING');
    assert.equal(tasks.get(waiting)!.status, 'TASK_STATUS_PENDING');
    assert.deepEqual(tasks.get(done)!.expectedOutputKeys, [doneOut]);
    assert.equal(tasks.get(done)!.originTaskId, done, 'origin_task_id is the initial task id');
    assert.deepEqual(tasks.get(done)!.parentTaskIds, [session]);
    const results = new Map(newResults(reader.received).map((n) => [n.resultId, n]));
    assert.equal(results.get(doneOut)!.status, 'RESULT_STATUS_COMPLETED');
    assert.equal(results.get(doneOut)!.ownerId, done);
    assert.equal(results.get(waitingOut)!.status, 'RESULT_STATUS_CREATED');
    assert.ok(reader.received.every((r) => r.sessionId === session), 'only events of the requested session');
    reader.cancel();
  });

  it('streams live updates after the replay and stays open when the work is done', async () => {
    const reader = readEvents(t.c, { sessionId: session, returnedEvents: [] });
    const replayed = t.sim.engine.taskCount(session) + t.sim.engine.resultCount(session);
    await reader.until((rs) => rs.length >= replayed);
    const [out] = await createMetadata(t.c, session, ['live-out']);
    const [task] = await submitTasks(t.c, session, [{ outputs: [out], options: behaviour({ duration: '1s' }) }]);
    await reader.until((rs) => newTasks(rs).some((n) => n.taskId === task));
    assert.equal(newTasks(reader.received).find((n) => n.taskId === task)!.status, 'TASK_STATUS_CREATING', 'live NewTask is the insertion');
    t.sim.engine.advance(30_000);
    await reader.until((rs) => statusUpdates(rs, task).includes('TASK_STATUS_COMPLETED'));
    await reader.until((rs) => rs.some((r) => r.update === 'resultStatusUpdate' && r.resultStatusUpdate!.resultId === out && r.resultStatusUpdate!.status === 'RESULT_STATUS_COMPLETED'));
    const seen = statusUpdates(reader.received, task);
    assert.ok(seen.indexOf('TASK_STATUS_PROCESSING') < seen.indexOf('TASK_STATUS_COMPLETED'), `status order ${seen.join(' → ')}`);
    await sleep(200);
    assert.equal(reader.ended(), false, 'the stream does not end when the session is idle');
    assert.equal(reader.error(), undefined);
    reader.cancel();
  });

  it('without NEW_TASK/NEW_RESULT requested there is no replay, only the requested kinds', async () => {
    const reader = readEvents(t.c, { sessionId: session, returnedEvents: ['EVENTS_ENUM_TASK_STATUS_UPDATE'] });
    await sleep(150);
    assert.equal(reader.received.length, 0, 'nothing is replayed');
    const [out] = await createMetadata(t.c, session, ['kind-out']);
    const [task] = await submitTasks(t.c, session, [{ outputs: [out] }]);
    t.sim.engine.advance(30_000);
    await reader.until((rs) => statusUpdates(rs, task).includes('TASK_STATUS_COMPLETED'));
    assert.ok(reader.received.every((r) => r.update === 'taskStatusUpdate'));
    reader.cancel();
  });

  it('applies task and result filters to replayed and live events', async () => {
    const reader = readEvents(t.c, {
      sessionId: session,
      returnedEvents: [],
      tasksFilters: or([cond(taskGenericField('team'), str('EQUAL', 'blue'))]),
      resultsFilters: or([cond(resultField('NAME'), str('STARTS_WITH', 'waiting'))]),
    });
    await reader.until((rs) => newTasks(rs).length === 1 && newResults(rs).length === 1);
    assert.equal(newTasks(reader.received)[0].taskId, done);
    assert.equal(newResults(reader.received)[0].resultId, waitingOut);
    const [blueOut, greyOut] = await createMetadata(t.c, session, ['blue-out', 'grey-out']);
    const [blue, grey] = await submitTasks(t.c, session, [
      { outputs: [blueOut], options: { priority: 1, options: { team: 'blue' } } },
      { outputs: [greyOut], options: { priority: 1, options: { team: 'grey' } } },
    ]);
    t.sim.engine.advance(30_000);
    await reader.until((rs) => statusUpdates(rs, blue).includes('TASK_STATUS_COMPLETED'));
    await sleep(50);
    assert.deepEqual(statusUpdates(reader.received, grey), [], 'the grey task does not match the tasks filter');
    assert.ok(
      reader.received.every((r) => !r.resultStatusUpdate || r.resultStatusUpdate.resultId === waitingOut),
      'result events only for results matching the results filter',
    );
    reader.cancel();
  });

  it('rejects filter fields GetEvents does not allow (INVALID_ARGUMENT) and malformed ones (UNKNOWN)', async () => {
    const statusFilter = readEvents(t.c, { sessionId: session, tasksFilters: or([cond(taskField('STATUS'), { filterStatus: { value: 'TASK_STATUS_COMPLETED' } })]) });
    const e1 = await statusFilter.failure();
    assert.equal(e1.code, status.INVALID_ARGUMENT);
    assert.match(e1.details, /Cannot filter TASK_SUMMARY_ENUM_FIELD_STATUS/);
    const dateFilter = readEvents(t.c, { sessionId: session, resultsFilters: or([cond(resultField('CREATED_AT'), { filterDate: { value: null } })]) });
    assert.equal((await dateFilter.failure()).code, status.INVALID_ARGUMENT);
    const mismatch = readEvents(t.c, { sessionId: session, tasksFilters: or([cond(taskField('TASK_ID'), { filterNumber: { value: 1 } })]) });
    assert.equal((await mismatch.failure()).code, status.UNKNOWN);
    // The allowed fields, including PAYLOAD_ID and task options, are accepted.
    const ok = readEvents(t.c, {
      sessionId: session,
      tasksFilters: or([cond(taskField('PAYLOAD_ID'), str('NOT_EQUAL', '')), cond({ taskOptionField: { field: 'TASK_OPTION_ENUM_FIELD_PARTITION_ID' } }, str('EQUAL', 'default'))]),
      resultsFilters: or([cond(resultField('OWNER_TASK_ID'), str('EQUAL', done))]),
    });
    await ok.until((rs) => newTasks(rs).length > 0 && newResults(rs).length > 0);
    ok.cancel();
  });

  it('an empty session ID matches nothing but keeps the stream open', async () => {
    const reader = readEvents(t.c, { sessionId: '' });
    await sleep(150);
    assert.equal(reader.received.length, 0);
    assert.equal(reader.error(), undefined);
    reader.cancel();
  });

  it('releases the subscription when the client cancels', async () => {
    const hub = t.sim.server.context.hub;
    const before = hub.subscriberCount;
    const reader = readEvents(t.c, { sessionId: session });
    await reader.until((rs) => rs.length > 0);
    assert.equal(hub.subscriberCount, before + 1);
    reader.cancel();
    const deadline = Date.now() + 2000;
    while (hub.subscriberCount !== before && Date.now() < deadline) await sleep(10);
    assert.equal(hub.subscriberCount, before, 'the server stops listening for a cancelled stream');
  });

  it('ends open streams with UNAVAILABLE when the server stops', async () => {
    const own = await startTestSimulator();
    const s = await createSession(own.c);
    const reader = readEvents(own.c, { sessionId: s });
    await sleep(100);
    const stopping = own.sim.stop();
    const error = await reader.failure();
    assert.equal(error.code, status.UNAVAILABLE);
    await stopping;
    own.c.close();
  });

  it('keeps serving other calls during a large replay to a stalled client, then delivers final states', async () => {
    const big = await createSession(t.c);
    const engine = t.sim.engine;
    const count = 10_000;
    const outputs = engine.createResultsMetadata(big, Array.from({ length: count }, (_, i) => ({ name: `o${i}`, manualDeletion: false })));
    const payloads = engine.createResults(big, Array.from({ length: count }, (_, i) => ({ name: `p${i}`, data: new Uint8Array([i % 256]), manualDeletion: false })));
    const tasks = engine.submitTasks(
      big,
      undefined,
      outputs.map((o, i) => ({ expectedOutputIds: [o.resultId], dataDependencies: [], payloadId: payloads[i].resultId })),
    );
    const reader = readEvents(t.c, { sessionId: big, returnedEvents: [] });
    reader.stream.pause();
    await sleep(100);
    // The replay is stuck behind the stalled client; unary calls must still be answered quickly.
    const started = Date.now();
    await rpc(t.c.versions, 'ListVersions', {});
    await rpc(t.c.tasks, 'GetTask', { taskId: tasks[0].id });
    assert.ok(Date.now() - started < 1000, `unary calls took ${Date.now() - started} ms during the replay`);
    // Lots of transitions while the client is still stalled.
    engine.setWorkers('default', 2000);
    engine.advance(120_000);
    assert.equal(engine.task(tasks[count - 1].id)!.status, 'COMPLETED');
    reader.stream.resume();
    // Track the last status seen per task incrementally (the condition runs on every message).
    const lastStatus = new Map<string, string>();
    const ours = new Set(tasks.map((task) => task.id));
    let completed = 0;
    let read = 0;
    const note = (taskId: string, value: string): void => {
      if (!ours.has(taskId)) return;
      const before = lastStatus.get(taskId);
      if (before === 'TASK_STATUS_COMPLETED') completed--;
      if (value === 'TASK_STATUS_COMPLETED') completed++;
      lastStatus.set(taskId, value);
    };
    await reader.until((rs) => {
      for (; read < rs.length; read++) {
        const r = rs[read];
        if (r.newTask) note(r.newTask.taskId, r.newTask.status);
        if (r.taskStatusUpdate) note(r.taskStatusUpdate.taskId, r.taskStatusUpdate.status);
      }
      return completed === count;
    }, 60_000);
    reader.cancel();
    await rejectsWith(rpc(t.c.tasks, 'GetTask', { taskId: 'still-serving' }), status.NOT_FOUND);
  });
});
