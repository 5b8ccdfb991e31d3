// Fidelity audit: a plain ArmoniK "hello world" (reference §11.4's typical sequence) run unchanged
// against the simulator at speed 1 with the options an ordinary client sends (no simulator
// behaviour, no partition named): CreateSession → CreateResultsMetaData (payload + output) →
// UploadResultData (payload) → SubmitTasks → GetEvents until the output is COMPLETED →
// DownloadResultData → CloseSession → PurgeSession → DeleteSession.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cond, or, readAll, resultField, rpc, str } from './grpc-test-client';
import { readEvents } from './event-stream-reader';
import { getTask } from './fidelity-fixture';
import { startTestSimulator, type TestSimulator } from './simulator-fixture';

describe('fidelity: a plain ArmoniK hello world at speed 1', () => {
  let t: TestSimulator;
  before(async () => {
    t = await startTestSimulator({ clock: { kind: 'realtime', speed: 1 } });
  });
  after(() => t.stop());

  it('runs the whole client sequence with default options and gets the output back within seconds', async () => {
    const started = Date.now();
    const { sessionId } = await rpc(t.c.sessions, 'CreateSession', {
      defaultTaskOption: { maxDuration: { seconds: 300, nanos: 0 }, maxRetries: 2, priority: 1 },
      partitionIds: [],
    });
    const created = (await rpc(t.c.results, 'CreateResultsMetaData', { sessionId, results: [{ name: 'payload' }, { name: 'output' }] })).results;
    const [payloadId, outputId] = created.map((r) => r.resultId);

    await new Promise((resolve, reject) => {
      const upload = t.c.results.UploadResultData((error, reply) => (error ? reject(error) : resolve(reply)));
      upload.write({ id: { sessionId, resultId: payloadId } });
      upload.write({ dataChunk: Buffer.from('Hello') });
      upload.end();
    });

    const submitted = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId,
      taskCreations: [{ payloadId, expectedOutputKeys: [outputId!], dataDependencies: [] }],
    });
    const taskId = submitted.taskInfos[0]!.taskId;

    // What the SDKs' "wait for results" helpers do: NewResult replay + status updates on the IDs.
    const events = readEvents(t.c, {
      sessionId,
      returnedEvents: ['EVENTS_ENUM_NEW_RESULT', 'EVENTS_ENUM_RESULT_STATUS_UPDATE'],
      resultsFilters: or([cond(resultField('RESULT_ID'), str('EQUAL', outputId!))]),
    });
    await events.until(
      (received) =>
        received.some((e) => e.resultStatusUpdate?.status === 'RESULT_STATUS_COMPLETED' || e.newResult?.status === 'RESULT_STATUS_COMPLETED'),
      10_000,
    );
    events.cancel();
    assert.ok(
      events.received.every((e) => e.newResult?.resultId === outputId || e.resultStatusUpdate?.resultId === outputId),
      'only the awaited result',
    );

    const chunks = await readAll(t.c.results.DownloadResultData({ sessionId, resultId: outputId }));
    const text = Buffer.concat(chunks.map((c) => c.dataChunk)).toString('utf8');
    assert.ok(text.length > 0, 'the output has data');
    const task = await getTask(t.c, taskId);
    assert.equal(task.status, 'TASK_STATUS_COMPLETED');
    assert.equal(task.options!.partitionId, 'default', 'the task ran on the default partition');

    assert.equal((await rpc(t.c.sessions, 'CloseSession', { sessionId })).session!.status, 'SESSION_STATUS_CLOSED');
    assert.equal((await rpc(t.c.sessions, 'PurgeSession', { sessionId })).session!.status, 'SESSION_STATUS_PURGED');
    assert.equal((await rpc(t.c.sessions, 'DeleteSession', { sessionId })).session!.status, 'SESSION_STATUS_DELETED');
    const elapsed = Date.now() - started;
    // A guard against hangs rather than a timing goal: the default task takes 200-800 ms.
    assert.ok(elapsed < 10_000, `the hello world took ${elapsed} ms`);
  });
});
