// Fidelity audit, reference §11.6 and §11.7: how worker errors, timeouts and infrastructure
// failures end a task and propagate (texts, statuses, max_retries + 1 attempts, RETRIED
// outputs), and what CancelTasks and CancelSession do (CANCELLING with ended_at, outputs ABORTED,
// dependents ERROR with the reason, running and queued tasks CANCELLED by their agent).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cond, listRequest, or, rpc, str, taskField } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { addPartition, advanceUntilStatus, describeEvent, getResult, getSession, getTask, ms, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

describe('fidelity §11.6: failures, retries and propagation', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
  });
  after(() => t.stop());

  it('a worker error: ERROR without retry, outputs ABORTED, dependents ERROR with "Task <id> failed:\\n<msg>", recursively', async () => {
    const session = await createSession(t.c);
    const [a, b, c] = await createMetadata(t.c, session, ['a', 'b', 'c']);
    const error = { kind: 'error', message: 'Matrix is singular', exception: 'System.InvalidOperationException', language: 'csharp' };
    const [root, mid, top] = await submitTasks(t.c, session, [
      { outputs: [a!], options: withBehaviour({ duration: '100ms', outcome: error }) },
      { outputs: [b!], inputs: [a!] },
      { outputs: [c!], inputs: [b!] },
    ]);
    t.sim.engine.advance(10_000);
    const failed = await getTask(t.c, root!);
    assert.equal(failed.status, 'TASK_STATUS_ERROR');
    assert.equal(failed.output!.success, false);
    assert.match(failed.output!.error, /System\.InvalidOperationException: Matrix is singular/);
    assert.ok(failed.endedAt);
    const retries = await rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('INITIAL_TASK_ID'), str('EQUAL', root!))]), taskField('CREATED_AT')) as never);
    assert.equal(retries.total, 1, 'a worker error is not retried');

    const reason = `Task ${root} failed:\n${failed.output!.error}`;
    for (const id of [mid!, top!]) {
      const dependent = await getTask(t.c, id);
      assert.equal(dependent.status, 'TASK_STATUS_ERROR');
      assert.deepEqual(dependent.output, { success: false, error: reason }, 'the root reason is passed down unchanged');
      assert.ok(dependent.endedAt);
      assert.equal(dependent.startedAt, null);
    }
    for (const id of [a!, b!, c!]) {
      const r = await getResult(t.c, id);
      assert.equal(r.status, 'RESULT_STATUS_ABORTED');
      assert.ok(r.completedAt, 'the task path sets completed_at');
    }
    // Root cause: walk the ABORTED result to its owner and read its error.
    assert.equal((await getResult(t.c, c!)).ownerTaskId, top);
  });

  it('a timeout: TIMEOUT at max_duration, no retry, dependents read "Task <id> timed-out:"', async () => {
    const session = await createSession(t.c);
    const [a, b] = await createMetadata(t.c, session, ['a', 'b']);
    const [slow, dependent] = await submitTasks(t.c, session, [
      { outputs: [a!], options: withBehaviour({ duration: '1h' }, { ...SESSION_OPTIONS, maxDuration: { seconds: 2, nanos: 0 } }) },
      { outputs: [b!], inputs: [a!] },
    ]);
    advanceUntilStatus(t, slow!, 'TIMEOUT', 10_000);
    const timedOut = await getTask(t.c, slow!);
    const ran = ms(timedOut.endedAt)! - ms(timedOut.startedAt)!;
    assert.ok(ran >= 2000 && ran < 2100, `stopped at the deadline, ran ${ran} ms`);
    assert.equal(timedOut.output!.success, false);
    assert.notEqual(timedOut.output!.error, '');
    const dep = await getTask(t.c, dependent!);
    assert.equal(dep.status, 'TASK_STATUS_ERROR');
    assert.equal(dep.output!.error, `Task ${slow} timed-out:\n${timedOut.output!.error}`);
    assert.equal((await getResult(t.c, a!)).status, 'RESULT_STATUS_ABORTED');
  });

  it('infrastructure failures: max_retries + 1 attempts, each RETRIED with its error, the last ERROR; ownership follows each attempt', async () => {
    const options = withBehaviour({ duration: '100ms', outcome: { kind: 'infra-failure', message: 'Worker unreachable' } }, { ...SESSION_OPTIONS, maxRetries: 2 });
    const session = await createSession(t.c);
    const events = readEvents(t.c, { sessionId: session, returnedEvents: ['EVENTS_ENUM_RESULT_OWNER_UPDATE', 'EVENTS_ENUM_NEW_TASK'] });
    const [out, down] = await createMetadata(t.c, session, ['out', 'down']);
    const [first, dependent] = await submitTasks(t.c, session, [{ outputs: [out!], options }, { outputs: [down!], inputs: [out!] }]);
    // One attempt at a time, letting the stream deliver in between: events that pile up while
    // the stream is not writing are coalesced per result, like Core's looked-up statuses.
    for (const attempt of [first!, `${first}###1`, `${first}###2`]) {
      advanceUntilStatus(t, attempt, 'PROCESSING');
      await events.until((r) => r.some((e) => e.resultOwnerUpdate?.currentOwnerId === attempt));
    }
    t.sim.engine.advance(20_000);

    const attempts = (await rpc(t.c.tasks, 'ListTasksDetailed', listRequest(or([cond(taskField('INITIAL_TASK_ID'), str('EQUAL', first!))]), taskField('CREATED_AT')) as never)).tasks;
    assert.deepEqual(
      attempts.map((a) => [a.id, a.status]),
      [
        [first, 'TASK_STATUS_RETRIED'],
        [`${first}###1`, 'TASK_STATUS_RETRIED'],
        [`${first}###2`, 'TASK_STATUS_ERROR'],
      ],
      'max_retries = 2 gives three attempts',
    );
    for (const attempt of attempts) assert.deepEqual(attempt.output, { success: false, error: 'Worker unreachable' });
    const last = `${first}###2`;
    const output = await getResult(t.c, out!);
    assert.equal(output.ownerTaskId, last);
    assert.equal(output.status, 'RESULT_STATUS_ABORTED');
    const dep = await getTask(t.c, dependent!);
    assert.equal(dep.status, 'TASK_STATUS_ERROR');
    assert.equal(dep.output!.error, `Task ${last} failed:\nWorker unreachable`);

    await events.until((r) => r.filter((e) => e.resultOwnerUpdate?.resultId === out).length >= 3);
    events.cancel();
    const owners = events.received.filter((e) => e.resultOwnerUpdate?.resultId === out).map(describeEvent);
    assert.deepEqual(owners, [`resultOwnerUpdate ${out} '' -> ${first}`, `resultOwnerUpdate ${out} '' -> ${first}###1`, `resultOwnerUpdate ${out} '' -> ${last}`]);
    const newTasks = events.received.filter((e) => e.newTask).map((e) => e.newTask!);
    const retryEvent = newTasks.find((n) => n.taskId === `${first}###1`)!;
    assert.equal(retryEvent.status, 'TASK_STATUS_CREATING');
    assert.equal(retryEvent.originTaskId, first);
    assert.deepEqual(retryEvent.retryOfIds, [first]);
  });
});

describe('fidelity §11.7: cancellation', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
    addPartition(t, 'idle', 0);
  });
  after(() => t.stop());

  it('CancelTasks: CANCELLING with ended_at, outputs ABORTED, PENDING dependents ERROR with the reason, summaries of the listed tasks', async () => {
    const session = await createSession(t.c, SESSION_OPTIONS, ['default', 'idle']);
    const [a, b, c, d] = await createMetadata(t.c, session, ['a', 'b', 'c', 'd']);
    const [queued, dependent, done] = await submitTasks(t.c, session, [
      { outputs: [a!], options: { ...SESSION_OPTIONS, partitionId: 'idle' } },
      { outputs: [b!], inputs: [a!] },
      { outputs: [c!] },
    ]);
    t.sim.engine.advance(5000);
    assert.equal((await getTask(t.c, done!)).status, 'TASK_STATUS_COMPLETED');
    const [untouched] = await submitTasks(t.c, session, [{ outputs: [d!], inputs: [c!] }]);

    const reply = await rpc(t.c.tasks, 'CancelTasks', { taskIds: [queued!, done!, 'no-such-task'] });
    assert.deepEqual(
      reply.tasks.map((s) => [s.id, s.status]).sort(),
      [
        [queued, 'TASK_STATUS_CANCELLING'],
        [done, 'TASK_STATUS_COMPLETED'],
      ].sort(),
      'each listed known task, final ones unchanged',
    );
    const cancelling = await getTask(t.c, queued!);
    assert.equal(ms(cancelling.endedAt), t.sim.engine.now());
    assert.equal((await getResult(t.c, a!)).status, 'RESULT_STATUS_ABORTED');
    const dep = await getTask(t.c, dependent!);
    assert.equal(dep.status, 'TASK_STATUS_ERROR');
    assert.match(dep.output!.error, new RegExp(`^Client requested cancellation of tasks .*${queued}`));
    assert.equal((await getResult(t.c, b!)).status, 'RESULT_STATUS_ABORTED');
    assert.equal((await getResult(t.c, c!)).status, 'RESULT_STATUS_COMPLETED', 'a final task keeps its outputs');
    assert.notEqual((await getTask(t.c, untouched!)).status, 'TASK_STATUS_ERROR');

    t.sim.engine.setWorkers('idle', 1);
    t.sim.engine.advance(1000);
    assert.equal((await getTask(t.c, queued!)).status, 'TASK_STATUS_CANCELLED', 'dequeued by an agent');
    t.sim.engine.setWorkers('idle', 0);
  });

  it('a DISPATCHED task, and a running task whose worker returns before the stop arrives, both end CANCELLED', async () => {
    const session = await createSession(t.c);
    const [a, b] = await createMetadata(t.c, session, ['a', 'b']);
    const [dispatched] = await submitTasks(t.c, session, [{ outputs: [a!], options: withBehaviour({ duration: '1s' }) }]);
    advanceUntilStatus(t, dispatched!, 'DISPATCHED');
    await rpc(t.c.tasks, 'CancelTasks', { taskIds: [dispatched!] });
    const [returning] = await submitTasks(t.c, session, [{ outputs: [b!], options: withBehaviour({ duration: '1s' }) }]);
    advanceUntilStatus(t, returning!, 'PROCESSING');
    t.sim.engine.advance(995);
    await rpc(t.c.tasks, 'CancelTasks', { taskIds: [returning!] });
    t.sim.engine.advance(10_000);
    for (const id of [dispatched!, returning!]) {
      const task = await getTask(t.c, id);
      assert.equal(task.status, 'TASK_STATUS_CANCELLED', `${id} is not left CANCELLING`);
    }
    assert.equal((await getResult(t.c, b!)).status, 'RESULT_STATUS_ABORTED', 'the late worker result is not committed');
  });

  it('CancelSession: CANCELLED with both submission flags off and cancelled_at, CREATED results ABORTED, non-final tasks CANCELLING, no duration', async () => {
    const session = await createSession(t.c, SESSION_OPTIONS, ['default', 'idle']);
    const [a, b, kept] = await createMetadata(t.c, session, ['a', 'b', 'kept']);
    const [queued, pending] = await submitTasks(t.c, session, [
      { outputs: [a!], options: { ...SESSION_OPTIONS, partitionId: 'idle' } },
      { outputs: [b!], inputs: [a!] },
    ]);
    await new Promise<void>((resolve, reject) => {
      const upload = t.c.results.UploadResultData((error) => (error ? reject(error) : resolve()));
      upload.write({ id: { sessionId: session, resultId: kept } });
      upload.write({ dataChunk: Buffer.from('k') });
      upload.end();
    });
    t.sim.engine.advance(1000);
    const cancelled = (await rpc(t.c.sessions, 'CancelSession', { sessionId: session })).session!;
    assert.equal(cancelled.status, 'SESSION_STATUS_CANCELLED');
    assert.equal(cancelled.clientSubmission, false);
    assert.equal(cancelled.workerSubmission, false);
    assert.equal(ms(cancelled.cancelledAt), t.sim.engine.now());
    assert.equal(cancelled.duration, null, 'duration is only set by CloseSession');
    assert.equal(cancelled.closedAt, null);
    for (const id of [queued!, pending!]) assert.equal((await getTask(t.c, id)).status, 'TASK_STATUS_CANCELLING');
    for (const id of [a!, b!]) assert.equal((await getResult(t.c, id)).status, 'RESULT_STATUS_ABORTED');
    assert.equal((await getResult(t.c, kept!)).status, 'RESULT_STATUS_COMPLETED');
    assert.equal((await getSession(t.c, session)).status, 'SESSION_STATUS_CANCELLED');
  });
});
