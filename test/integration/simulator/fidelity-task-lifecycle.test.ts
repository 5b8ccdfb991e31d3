// Fidelity audit, reference §11.2: every task status and the timestamps Core sets with it, pause
// and resume (SUBMITTED and DISPATCHED tasks pause, PROCESSING ones keep running), and what an
// agent does with queued tasks of a closed or cancelled session.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rpc } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { addPartition, advanceUntilStatus, describeEvent, getTask, ms, withBehaviour } from './fidelity-fixture';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

describe('fidelity §11.2: task statuses and timestamps', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator();
    addPartition(t, 'idle', 0);
  });
  after(() => t.stop());

  it('runs CREATING → PENDING → SUBMITTED → DISPATCHED → PROCESSING → COMPLETED, setting each timestamp at its step', async () => {
    const session = await createSession(t.c);
    const events = readEvents(t.c, { sessionId: session, returnedEvents: ['EVENTS_ENUM_NEW_TASK', 'EVENTS_ENUM_TASK_STATUS_UPDATE'] });
    const [out] = await createMetadata(t.c, session, ['out']);
    const [id] = await submitTasks(t.c, session, [{ outputs: [out!], options: withBehaviour({ duration: '1s' }) }]);

    const submitted = await getTask(t.c, id!);
    assert.equal(submitted.status, 'TASK_STATUS_SUBMITTED');
    assert.ok(ms(submitted.createdAt)! <= ms(submitted.submittedAt)!);
    for (const unset of ['receivedAt', 'acquiredAt', 'fetchedAt', 'startedAt', 'processedAt', 'endedAt', 'podTtl'] as const) {
      assert.equal(submitted[unset], null, `${unset} is not set while SUBMITTED`);
    }
    assert.equal(submitted.ownerPodId, '');
    assert.equal(submitted.podHostname, '');
    assert.equal(submitted.creationToEndDuration, null);

    advanceUntilStatus(t, id!, 'DISPATCHED');
    const dispatched = await getTask(t.c, id!);
    assert.notEqual(dispatched.ownerPodId, '');
    assert.notEqual(dispatched.podHostname, '');
    assert.ok(ms(dispatched.receivedAt)! >= ms(dispatched.submittedAt)!);
    assert.ok(ms(dispatched.acquiredAt)! >= ms(dispatched.receivedAt)!);
    for (const unset of ['fetchedAt', 'startedAt', 'processedAt', 'endedAt', 'podTtl'] as const) {
      assert.equal(dispatched[unset], null, `${unset} is not set while DISPATCHED`);
    }

    advanceUntilStatus(t, id!, 'PROCESSING');
    const processing = await getTask(t.c, id!);
    assert.ok(ms(processing.fetchedAt)! >= ms(processing.acquiredAt)!);
    assert.ok(ms(processing.startedAt)! >= ms(processing.fetchedAt)!);
    assert.ok(processing.podTtl);
    assert.equal(processing.endedAt, null);
    assert.equal(processing.processedAt, null);
    assert.equal(processing.processingToEndDuration, null);

    advanceUntilStatus(t, id!, 'COMPLETED');
    const done = await getTask(t.c, id!);
    assert.deepEqual(done.output, { success: true, error: '' });
    const [created, started, processed, ended, received] = [done.createdAt, done.startedAt, done.processedAt, done.endedAt, done.receivedAt].map((x) => ms(x)!);
    assert.ok(started! < processed! && processed! <= ended!, 'the worker returns, then post-processing ends the task');
    assert.ok(processed! - started! >= 1000, 'the worker ran for its duration');
    const durationMs = (d: { seconds: number; nanos: number } | null) => (d ? Number(d.seconds) * 1000 + d.nanos / 1e6 : undefined);
    assert.equal(durationMs(done.creationToEndDuration), ended! - created!);
    assert.equal(durationMs(done.processingToEndDuration), ended! - started!);
    assert.equal(durationMs(done.receivedToEndDuration), ended! - received!);

    await events.until((r) => r.some((e) => e.taskStatusUpdate?.status === 'TASK_STATUS_COMPLETED'));
    events.cancel();
    // Core reads statuses when it sends (reference §11.10): PENDING, immediately followed by
    // SUBMITTED, may be seen briefly or not at all. Everything else arrives once, in order.
    const seen = events.received.map(describeEvent).filter((line) => line !== `taskStatusUpdate ${id} PENDING`);
    assert.deepEqual(
      seen,
      [`newTask ${id} CREATING`, ...['SUBMITTED', 'DISPATCHED', 'PROCESSING', 'COMPLETED'].map((s) => `taskStatusUpdate ${id} ${s}`)],
      'PROCESSED is never set',
    );
  });

  it('a task waiting for an input is PENDING without submitted_at, and SUBMITTED once the input is uploaded', async () => {
    const session = await createSession(t.c);
    const [input, out] = await createMetadata(t.c, session, ['input', 'out']);
    const [id] = await submitTasks(t.c, session, [{ outputs: [out!], inputs: [input!] }]);
    t.sim.engine.advance(5000);
    const pending = await getTask(t.c, id!);
    assert.equal(pending.status, 'TASK_STATUS_PENDING');
    assert.equal(pending.submittedAt, null);

    const upload = t.c.results.UploadResultData((error) => assert.ifError(error));
    upload.write({ id: { sessionId: session, resultId: input } });
    upload.write({ dataChunk: Buffer.from('input data') });
    upload.end();
    await waitFor(async () => (await getTask(t.c, id!)).status === 'TASK_STATUS_SUBMITTED');
    assert.equal(ms((await getTask(t.c, id!)).submittedAt), t.sim.engine.now());
  });

  it('pause: SUBMITTED and DISPATCHED tasks become PAUSED, PROCESSING ones finish, new ready tasks are PAUSED; resume re-queues them', async () => {
    const session = await createSession(t.c, SESSION_OPTIONS, ['default', 'idle']);
    const [o1, o2, o3, o4] = await createMetadata(t.c, session, ['o1', 'o2', 'o3', 'o4']);
    const [running] = await submitTasks(t.c, session, [{ outputs: [o1!], options: withBehaviour({ duration: '10s' }) }]);
    advanceUntilStatus(t, running!, 'PROCESSING');
    const [dispatched] = await submitTasks(t.c, session, [{ outputs: [o2!], options: withBehaviour({ duration: '1s' }) }]);
    advanceUntilStatus(t, dispatched!, 'DISPATCHED');
    const [queued] = await submitTasks(t.c, session, [{ outputs: [o3!], options: { ...SESSION_OPTIONS, partitionId: 'idle' } }]);

    const paused = (await rpc(t.c.sessions, 'PauseSession', { sessionId: session })).session!;
    assert.equal(paused.status, 'SESSION_STATUS_PAUSED');
    assert.equal((await getTask(t.c, running!)).status, 'TASK_STATUS_PROCESSING');
    assert.equal((await getTask(t.c, dispatched!)).status, 'TASK_STATUS_PAUSED');
    assert.equal((await getTask(t.c, queued!)).status, 'TASK_STATUS_PAUSED');

    const [late] = await submitTasks(t.c, session, [{ outputs: [o4!], options: withBehaviour({ duration: '1s' }) }]);
    t.sim.engine.advance(30_000);
    assert.equal((await getTask(t.c, running!)).status, 'TASK_STATUS_COMPLETED', 'a running task is not interrupted');
    assert.equal((await getTask(t.c, dispatched!)).status, 'TASK_STATUS_PAUSED', 'nothing paused runs');
    assert.equal((await getTask(t.c, late!)).status, 'TASK_STATUS_PAUSED', 'a task ready in a paused session is not queued');

    assert.equal((await rpc(t.c.sessions, 'ResumeSession', { sessionId: session })).session!.status, 'SESSION_STATUS_RUNNING');
    assert.equal((await getTask(t.c, queued!)).status, 'TASK_STATUS_SUBMITTED');
    t.sim.engine.advance(30_000);
    for (const id of [dispatched!, late!]) assert.equal((await getTask(t.c, id)).status, 'TASK_STATUS_COMPLETED');
    assert.equal((await getTask(t.c, queued!)).status, 'TASK_STATUS_SUBMITTED', 'still waiting for a worker');
  });

  it('closed session: a running task finishes, queued tasks are CANCELLED (with ended_at) when an agent dequeues them', async () => {
    const session = await createSession(t.c, SESSION_OPTIONS, ['default', 'idle']);
    const [o1, o2, o3, o4] = await createMetadata(t.c, session, ['o1', 'o2', 'o3', 'o4']);
    const [running] = await submitTasks(t.c, session, [{ outputs: [o1!], options: withBehaviour({ duration: '5s' }) }]);
    advanceUntilStatus(t, running!, 'PROCESSING');
    const [queued, waiting] = await submitTasks(t.c, session, [
      { outputs: [o2!], options: { ...SESSION_OPTIONS, partitionId: 'idle' } },
      { outputs: [o3!], inputs: [o4!] },
    ]);
    await rpc(t.c.sessions, 'CloseSession', { sessionId: session });
    t.sim.engine.setWorkers('idle', 1);
    t.sim.engine.advance(10_000);
    assert.equal((await getTask(t.c, running!)).status, 'TASK_STATUS_COMPLETED');
    const cancelled = await getTask(t.c, queued!);
    assert.equal(cancelled.status, 'TASK_STATUS_CANCELLED');
    assert.ok(cancelled.endedAt, 'ended_at is set');
    assert.equal(cancelled.startedAt, null, 'it never ran');
    assert.equal((await getTask(t.c, waiting!)).status, 'TASK_STATUS_PENDING', 'no message, nothing to dequeue');
    t.sim.engine.setWorkers('idle', 0);
  });

  it('cancelled session: queued tasks are CANCELLING at once and CANCELLED when dequeued; a running one is stopped', async () => {
    const session = await createSession(t.c, SESSION_OPTIONS, ['default', 'idle']);
    const [o1, o2] = await createMetadata(t.c, session, ['o1', 'o2']);
    const [running, queued] = await submitTasks(t.c, session, [
      { outputs: [o1!], options: withBehaviour({ duration: '1h' }) },
      { outputs: [o2!], options: { ...SESSION_OPTIONS, partitionId: 'idle' } },
    ]);
    advanceUntilStatus(t, running!, 'PROCESSING');
    await rpc(t.c.sessions, 'CancelSession', { sessionId: session });
    for (const id of [running!, queued!]) {
      const task = await getTask(t.c, id);
      assert.equal(task.status, 'TASK_STATUS_CANCELLING');
      assert.equal(ms(task.endedAt), t.sim.engine.now(), 'CANCELLING sets ended_at');
    }
    t.sim.engine.setWorkers('idle', 1);
    t.sim.engine.advance(5000);
    for (const id of [running!, queued!]) assert.equal((await getTask(t.c, id)).status, 'TASK_STATUS_CANCELLED');
    t.sim.engine.setWorkers('idle', 0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
