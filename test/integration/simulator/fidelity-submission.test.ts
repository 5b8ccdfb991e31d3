// Fidelity audit, reference §11.4 and §11.5: how SubmitTasks merges options and what it checks,
// what its response echoes, and how a worker's subtasks, new results and delegations become
// visible — only after the parent succeeded, in Core's post-processing order, with
// ResultOwnerUpdate events that never name the previous owner.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cond, listRequest, or, rejectsWith, rpc, str, taskField } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { addPartition, advanceUntilStatus, describeEvent, getResult, getSession, getTask, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, createWithData, SESSION_OPTIONS, startTestSimulator, type TestSimulator } from './simulator-fixture';

describe('fidelity §11.4: SubmitTasks', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
    addPartition(t, 'gpu', 0);
    addPartition(t, 'elsewhere', 0);
  });
  after(() => t.stop());

  it('merges session, request and creation options: non-empty fields override, map keys merge, priority comes from the most specific level', async () => {
    const session = await createSession(t.c, { ...SESSION_OPTIONS, priority: 5, options: { team: 'blue', region: 'eu' } }, ['default', 'gpu']);
    const [o1, o2, o3] = await createMetadata(t.c, session, ['o1', 'o2', 'o3']);
    const [payload] = await createWithData(t.c, session, { payload: 'p' });
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: session,
      taskOptions: { priority: 3, applicationName: 'request-app', options: { region: 'us' } },
      taskCreations: [
        { payloadId: payload, expectedOutputKeys: [o1!], dataDependencies: [] },
        { payloadId: payload, expectedOutputKeys: [o2!], dataDependencies: [], taskOptions: { engineType: 'Custom', partitionId: 'gpu', options: { extra: '1' } } },
        { payloadId: payload, expectedOutputKeys: [o3!], dataDependencies: [], taskOptions: { priority: 9, maxRetries: 7, maxDuration: { seconds: 60, nanos: 0 } } },
      ],
    });
    const [a, b, c] = await Promise.all(reply.taskInfos.map((info) => getTask(t.c, info.taskId)));
    const pick = (o: (typeof a)['options']) => ({
      priority: o!.priority,
      app: o!.applicationName,
      version: o!.applicationVersion,
      engine: o!.engineType,
      partition: o!.partitionId,
      retries: o!.maxRetries,
      maxDurationS: Number(o!.maxDuration!.seconds),
      options: o!.options,
    });
    const base = { version: '1.0.0', engine: 'Unified', partition: 'default', retries: 2, maxDurationS: 300 };
    assert.deepEqual(pick(a!.options), { ...base, priority: 3, app: 'request-app', options: { team: 'blue', region: 'us' } });
    // A creation's options without a priority mean priority 0: Core copies it unconditionally.
    assert.deepEqual(pick(b!.options), { ...base, priority: 0, app: 'request-app', engine: 'Custom', partition: 'gpu', options: { team: 'blue', region: 'us', extra: '1' } });
    assert.deepEqual(pick(c!.options), { ...base, priority: 9, app: 'request-app', retries: 7, maxDurationS: 60, options: { team: 'blue', region: 'us' } });
    assert.equal((await getSession(t.c, session)).options!.priority, 5, 'the session defaults are untouched');
  });

  it('echoes the request in its response, with new task IDs, and makes ownerless outputs the new task’s', async () => {
    const session = await createSession(t.c);
    const [in1, out1, out2] = await createMetadata(t.c, session, ['in1', 'out1', 'out2']);
    const [payload] = await createWithData(t.c, session, { payload: 'p' });
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: session,
      taskCreations: [{ payloadId: payload, expectedOutputKeys: [out1!, out2!], dataDependencies: [in1!, payload!] }],
    });
    assert.equal(reply.taskInfos.length, 1);
    const info = reply.taskInfos[0]!;
    assert.deepEqual(info.expectedOutputIds, [out1, out2]);
    assert.deepEqual(info.dataDependencies, [in1, payload], 'dependencies are echoed as given, duplicates of the payload included');
    assert.equal(info.payloadId, payload);
    assert.ok(![in1, out1, out2, payload, session].includes(info.taskId));
    for (const out of [out1!, out2!]) assert.equal((await getResult(t.c, out)).ownerTaskId, info.taskId);
    assert.equal((await getTask(t.c, info.taskId)).status, 'TASK_STATUS_PENDING', 'waits for in1');
  });

  it('checks the partition (UNKNOWN), the queue maximum priority and client submission (FAILED_PRECONDITION)', async () => {
    const session = await createSession(t.c, SESSION_OPTIONS, ['default']);
    const [out] = await createMetadata(t.c, session, ['out']);
    const [payload] = await createWithData(t.c, session, { payload: 'p' });
    const creation = { payloadId: payload, expectedOutputKeys: [out!], dataDependencies: [] };
    await rejectsWith(
      rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [{ ...creation, taskOptions: { ...SESSION_OPTIONS, partitionId: 'elsewhere' } }] }),
      status.UNKNOWN,
      /elsewhere/,
    );
    await rejectsWith(
      rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskOptions: { ...SESSION_OPTIONS, priority: 100 }, taskCreations: [creation] }),
      status.INVALID_ARGUMENT,
      /priority/i,
    );
    await rejectsWith(rpc(t.c.tasks, 'SubmitTasks', { sessionId: 'no-such-session', taskCreations: [creation] }), status.NOT_FOUND);
    await rpc(t.c.sessions, 'StopSubmission', { sessionId: session, client: true, worker: false });
    await rejectsWith(rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [creation] }), status.FAILED_PRECONDITION);
    assert.equal(t.sim.engine.taskCount(session), 0);
    assert.equal((await getResult(t.c, out!)).ownerTaskId, '');
  });
});

describe('fidelity §11.5: subtasks and transfer of ownership', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(() => t.stop());

  it('commits nothing while the parent runs, then results, completions, subtasks, owners, readiness and the parent, in that order', async () => {
    const session = await createSession(t.c);
    const events = readEvents(t.c, { sessionId: session });
    const [out] = await createMetadata(t.c, session, ['out']);
    const [payload] = await createWithData(t.c, session, { payload: 'p' });
    const behaviour = {
      duration: '1s',
      spawn: {
        results: ['partial'],
        tasks: [
          { name: 'producer', outputs: ['partial'], behaviour: { duration: '1s' } },
          { name: 'aggregator', inputs: ['partial'], outputs: ['$output'], behaviour: { duration: '1s' } },
        ],
      },
    };
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: session,
      taskCreations: [{ payloadId: payload, expectedOutputKeys: [out!], dataDependencies: [], taskOptions: withBehaviour(behaviour) }],
    });
    const parent = reply.taskInfos[0]!.taskId;
    advanceUntilStatus(t, parent, 'PROCESSING');
    t.sim.engine.advance(900);
    const byCreator = () => rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('CREATED_BY'), str('EQUAL', parent))]), taskField('CREATED_AT')) as never);
    assert.equal((await byCreator()).total, 0, 'subtasks are buffered while the parent is PROCESSING');
    await events.until((r) => r.some((e) => e.taskStatusUpdate?.status === 'TASK_STATUS_PROCESSING'));
    const mark = events.received.length;

    advanceUntilStatus(t, parent, 'COMPLETED');
    await events.until((r) => r.some((e) => e.taskStatusUpdate?.taskId === parent && e.taskStatusUpdate.status === 'TASK_STATUS_COMPLETED'));
    const subtasks = (await rpc(t.c.tasks, 'ListTasksDetailed', listRequest(or([cond(taskField('CREATED_BY'), str('EQUAL', parent))]), taskField('CREATED_AT')) as never)).tasks;
    assert.equal(subtasks.length, 2);
    const producer = subtasks.find((s) => s.dataDependencies.length === 0)!;
    const aggregator = subtasks.find((s) => s.dataDependencies.length === 1)!;
    const partial = producer.expectedOutputIds[0]!;
    const partialRaw = await getResult(t.c, partial);
    assert.equal(partialRaw.createdBy, parent);
    assert.equal(partialRaw.ownerTaskId, producer.id);
    assert.equal((await getResult(t.c, out!)).ownerTaskId, aggregator.id, 'the parent output was delegated to the aggregator');
    assert.equal((await getResult(t.c, out!)).status, 'RESULT_STATUS_CREATED', 'a delegated output stays CREATED after the parent completed');

    const lines = events.received.slice(mark).map(describeEvent);
    const index = (line: string) => {
      const i = lines.indexOf(line);
      assert.ok(i >= 0, `missing event "${line}" in\n${lines.join('\n')}`);
      return i;
    };
    const steps = [
      index(`newResult ${partial} CREATED owner=`),
      index(`resultStatusUpdate ${producer.payloadId} COMPLETED`),
      index(`newTask ${producer.id} CREATING`),
      index(`resultOwnerUpdate ${partial} '' -> ${producer.id}`),
      index(`resultOwnerUpdate ${out} '' -> ${aggregator.id}`),
      index(`taskStatusUpdate ${producer.id} SUBMITTED`),
      index(`taskStatusUpdate ${parent} COMPLETED`),
    ];
    assert.deepEqual(steps, [...steps].sort((x, y) => x - y), `Core's order, got\n${lines.join('\n')}`);
    assert.ok(
      events.received.every((e) => !e.resultOwnerUpdate || e.resultOwnerUpdate.previousOwnerId === ''),
      'previous_owner_id is always empty',
    );
    assert.ok(lines.indexOf(`taskStatusUpdate ${aggregator.id} SUBMITTED`) < 0, 'the aggregator waits for the partial result');

    t.sim.engine.advance(10_000);
    await events.until((r) => r.some((e) => e.resultStatusUpdate?.resultId === out && e.resultStatusUpdate.status === 'RESULT_STATUS_COMPLETED'));
    events.cancel();
    assert.equal((await getTask(t.c, aggregator.id)).status, 'TASK_STATUS_COMPLETED');
  });

  it('a delegate that completes without producing the output leaves it CREATED forever, owned by a COMPLETED task', async () => {
    const session = await createSession(t.c);
    const [out, downstream] = await createMetadata(t.c, session, ['out', 'downstream']);
    const [payload] = await createWithData(t.c, session, { payload: 'p' });
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: session,
      taskCreations: [
        { payloadId: payload, expectedOutputKeys: [out!], dataDependencies: [], taskOptions: withBehaviour({ duration: '100ms', outcome: 'orphan' }) },
        { payloadId: payload, expectedOutputKeys: [downstream!], dataDependencies: [out!] },
      ],
    });
    const [producer, consumer] = reply.taskInfos.map((i) => i.taskId);
    t.sim.engine.advance(10_000);
    assert.equal((await getTask(t.c, producer!)).status, 'TASK_STATUS_COMPLETED');
    const orphan = await getResult(t.c, out!);
    assert.equal(orphan.status, 'RESULT_STATUS_CREATED');
    assert.equal(orphan.ownerTaskId, producer);
    assert.equal((await getTask(t.c, consumer!)).status, 'TASK_STATUS_PENDING');
  });
});
