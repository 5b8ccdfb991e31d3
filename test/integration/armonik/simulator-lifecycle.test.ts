// Writes through the typed client against the simulator: the client-side ArmoniK workflow
// (reference §11.4), session transitions and their error codes, cancellation, unknown IDs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ArmoniKClient } from '../../../src/armonik/api';
import { isArmoniKError, type ArmoniKErrorKind } from '../../../src/armonik/errors';
import type { TaskOptions } from '../../../src/armonik/model';
import { startSimHarness, type SimHarness } from './simulator-harness';

const OPTIONS: TaskOptions = {
  options: { team: 'risk' },
  maxDurationMs: 300_000,
  maxRetries: 2,
  priority: 3,
  partitionId: 'default',
  applicationName: 'pricer',
  applicationVersion: '1.0.0',
  applicationNamespace: 'Acme',
  applicationService: 'Svc',
  engineType: 'Unified',
};

async function rejects(promise: Promise<unknown>, kind: ArmoniKErrorKind, message: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(isArmoniKError(e), String(e));
    assert.equal(e.kind, kind, e.message);
    assert.match(e.message, message);
    return true;
  });
}

async function withSim(fn: (h: SimHarness, client: ArmoniKClient) => Promise<void>): Promise<void> {
  const h = await startSimHarness(undefined);
  try {
    await fn(h, h.client);
  } finally {
    await h.stop();
  }
}

test('create → upload → submit → run → download: the whole client workflow', () =>
  withSim(async (h, client) => {
    const sessionId = await client.sessions.create({ defaultTaskOptions: OPTIONS, partitionIds: ['default'] });
    const session = await client.sessions.get(sessionId);
    assert.equal(session.status, 'RUNNING');
    assert.deepEqual(session.options, OPTIONS);
    assert.equal(session.clientSubmission, true);

    const [payload, output] = await client.results.createMetadata(sessionId, [{ name: 'payload' }, { name: 'output' }]);
    assert.equal(payload!.status, 'CREATED');
    assert.equal(payload!.ownerTaskId, '');
    const [input] = await client.results.create(sessionId, [{ name: 'input', data: new TextEncoder().encode('abc') }]);
    assert.equal(input!.status, 'COMPLETED');
    assert.equal(input!.ownerTaskId, sessionId, 'client-created data is owned by the session (Core quirk)');

    const [submitted] = await client.tasks.submit({
      sessionId,
      tasks: [{ payloadId: payload!.resultId, expectedOutputIds: [output!.resultId], dataDependencies: [input!.resultId], options: { priority: 5 } }],
    });
    assert.deepEqual(submitted!.expectedOutputIds, [output!.resultId]);
    let task = await client.tasks.get(submitted!.taskId);
    assert.equal(task.status, 'PENDING', 'the payload is a dependency too');
    assert.equal(task.options?.priority, 5);
    assert.equal(task.options?.applicationName, 'pricer', 'unset fields come from the session');
    assert.deepEqual(task.parentTaskIds, [sessionId]);
    assert.equal((await client.results.get(output!.resultId)).ownerTaskId, task.id);

    const big = new Uint8Array(5 * 1024 * 1024).map((_, i) => i % 251);
    const uploaded = await client.results.upload(sessionId, payload!.resultId, big);
    assert.equal(uploaded.status, 'COMPLETED');
    assert.equal(uploaded.size, big.length);
    assert.deepEqual(await client.results.download(sessionId, payload!.resultId), big);
    task = await client.tasks.get(task.id);
    assert.equal(task.status, 'SUBMITTED');

    h.run();
    assert.equal((await client.tasks.get(task.id)).status, 'COMPLETED');
    const out = await client.results.get(output!.resultId);
    assert.equal(out.status, 'COMPLETED');
    assert.ok((await client.results.download(sessionId, out.resultId)).length > 0);
    assert.deepEqual((await client.tasks.resultIds([task.id, 'unknown'])).get(task.id), [output!.resultId]);
    assert.equal((await client.tasks.resultIds([task.id, 'unknown'])).has('unknown'), false);
    // GetOwnerTaskId quirk: the pair's resultId holds the result's *name*.
    assert.deepEqual(await client.results.ownerTaskIds(sessionId, [output!.resultId]), [{ resultName: 'output', taskId: task.id }]);

    const deleted = await client.results.deleteData(sessionId, [output!.resultId]);
    assert.deepEqual(deleted, [output!.resultId]);
    assert.equal((await client.results.get(output!.resultId)).status, 'DELETED');
    assert.equal((await client.results.serviceConfiguration()).dataChunkMaxSize, 2 * 1024 * 1024);

    // Purging deletes the data of every non-manual result, keeping the metadata (§11.8).
    await client.sessions.close(sessionId);
    await client.sessions.purge(sessionId);
    for (const r of await client.results.byIds([payload!.resultId, input!.resultId])) {
      assert.equal(r.status, 'DELETED');
      assert.equal(r.opaqueId.length, 0);
    }
    await rejects(client.results.download(sessionId, payload!.resultId), 'not-found', /not found/);
  }));

test('session lifecycle: legal transitions succeed, illegal ones are FAILED_PRECONDITION with the action named', () =>
  withSim(async (_h, client) => {
    const id = await client.sessions.create({ defaultTaskOptions: OPTIONS });
    assert.equal((await client.sessions.pause(id)).status, 'PAUSED');
    await rejects(client.sessions.pause(id), 'failed-precondition', new RegExp(`^cannot pause session ${id}: .+ \\(FAILED_PRECONDITION\\)$`));
    assert.equal((await client.sessions.resume(id)).status, 'RUNNING');
    await rejects(client.sessions.purge(id), 'failed-precondition', /^cannot purge session/);
    const closed = await client.sessions.close(id);
    assert.equal(closed.status, 'CLOSED');
    assert.ok(closed.closedAt instanceof Date);
    assert.equal(typeof closed.durationMs, 'number');
    assert.equal(closed.clientSubmission, false);
    await rejects(client.sessions.pause(id), 'failed-precondition', /^cannot pause session .*CLOSED/i);
    await rejects(client.sessions.resume(id), 'failed-precondition', /^cannot resume session/);
    const purged = await client.sessions.purge(id);
    assert.equal(purged.status, 'PURGED');
    assert.ok(purged.purgedAt instanceof Date);
    await rejects(client.sessions.cancel(id), 'failed-precondition', /^cannot cancel session/);
    const deleted = await client.sessions.delete(id);
    assert.equal(deleted.status, 'DELETED');
    await rejects(client.sessions.get(id), 'not-found', new RegExp(`^session ${id} not found on http://127\\.0\\.0\\.1:\\d+$`));
    // Core answers DeleteSession with a DELETED session even for an unknown ID.
    const unknown = await client.sessions.delete('never-existed');
    assert.equal(unknown.status, 'DELETED');
    assert.ok(unknown.deletedAt instanceof Date);
  }));

test('stopSubmission blocks client submissions; cancelling a session aborts its created results', () =>
  withSim(async (_h, client) => {
    const id = await client.sessions.create({ defaultTaskOptions: OPTIONS });
    const [payload, out] = await client.results.create(id, [
      { name: 'p', data: new Uint8Array([1]) },
      { name: 'o', data: new Uint8Array() },
    ]);
    const [pending] = await client.results.createMetadata(id, [{ name: 'later' }]);
    const stopped = await client.sessions.stopSubmission(id, { client: true, worker: false });
    assert.equal(stopped.clientSubmission, false);
    assert.equal(stopped.workerSubmission, true);
    await rejects(
      client.tasks.submit({ sessionId: id, tasks: [{ payloadId: payload!.resultId, expectedOutputIds: [out!.resultId] }] }),
      'failed-precondition',
      new RegExp(`^cannot submit tasks to session ${id}`),
    );
    const cancelled = await client.sessions.cancel(id);
    assert.equal(cancelled.status, 'CANCELLED');
    assert.ok(cancelled.cancelledAt instanceof Date);
    assert.equal((await client.results.get(pending!.resultId)).status, 'ABORTED');
  }));

test('cancelling tasks: CANCELLING, outputs ABORTED, PENDING dependents ERROR with the cancellation reason', () =>
  withSim(async (h, client) => {
    const id = await client.sessions.create({ defaultTaskOptions: OPTIONS });
    const [payload] = await client.results.create(id, [{ name: 'p', data: new Uint8Array([1]) }]);
    const [first, second] = await client.results.createMetadata(id, [{ name: 'first' }, { name: 'second' }]);
    const [a, b] = await client.tasks.submit({
      sessionId: id,
      tasks: [
        { payloadId: payload!.resultId, expectedOutputIds: [first!.resultId] },
        { payloadId: payload!.resultId, expectedOutputIds: [second!.resultId], dataDependencies: [first!.resultId] },
      ],
    });
    const answer = await client.tasks.cancel([a!.taskId]);
    assert.deepEqual(answer.map((t) => [t.id, t.status]), [[a!.taskId, 'CANCELLING']]);
    assert.equal((await client.results.get(first!.resultId)).status, 'ABORTED');
    const dependent = await client.tasks.get(b!.taskId);
    assert.equal(dependent.status, 'ERROR');
    assert.match(dependent.output!.error, /Client requested cancellation/);
    assert.equal((await client.results.get(second!.resultId)).status, 'ABORTED');
    h.run();
    assert.equal((await client.tasks.get(a!.taskId)).status, 'CANCELLED', 'a queued task is cancelled when dequeued');
  }));

test('unknown IDs are NOT_FOUND with the object named; bad input is refused before any call', () =>
  withSim(async (_h, client) => {
    await rejects(client.tasks.get('no-such-task'), 'not-found', /^task no-such-task not found on http/);
    await rejects(client.results.get('no-such-result'), 'not-found', /^result no-such-result not found/);
    await rejects(client.partitions.get('no-such-partition'), 'not-found', /^partition no-such-partition not found/);
    await rejects(client.sessions.create({ defaultTaskOptions: OPTIONS, partitionIds: ['nope'] }), 'not-found', /not found/);
    await rejects(client.results.download('s', 'no-such-result'), 'not-found', /not found/);
    assert.deepEqual(await client.tasks.byIds(['no-such-task']), []);
    client.stats.reset();
    await rejects(client.sessions.create({ defaultTaskOptions: { ...OPTIONS, priority: 0 } }), 'invalid-argument', /priority must be within 1\.\.99/);
    await rejects(client.tasks.submit({ sessionId: 's', tasks: [] }), 'invalid-argument', /list of tasks is empty/);
    await rejects(client.tasks.get(''), 'invalid-argument', /task ID is empty/);
    assert.equal(client.stats.rpcs, 0);
  }));

test('platform services answer like Core', () =>
  withSim(async (_h, client) => {
    const versions = await client.versions();
    assert.match(versions.core, /^\d+\.\d+\.\d+/);
    assert.match(versions.api, /^\d+\.\d+\.\d+/);
    assert.deepEqual((await client.health()).map((s) => [s.name, s.healthy]), [['database', 'HEALTHY'], ['object', 'HEALTHY'], ['queue', 'HEALTHY']]);
    const user = await client.currentUser();
    assert.ok(user.permissions.includes('Events:GetEvents'));
  }));
