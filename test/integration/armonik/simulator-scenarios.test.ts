// The typed client drives the simulator through every built-in scenario and checks what a user
// of a real control plane would observe (reference §11): statuses, owners after delegation, retry
// chains, cascaded error texts. Failures here mean the simulator or the client's decoding is off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RETRY_SEPARATOR, type Task } from '../../../src/armonik/model';
import { startSimHarness } from './simulator-harness';

test('diamond: dependencies hold tasks PENDING, then everything completes with timings set', async () => {
  const h = await startSimHarness('diamond');
  try {
    const session = h.sessionId('main');
    const [a, b, c, d] = ['A', 'B', 'C', 'D'].map(h.taskId);
    const before = new Map((await h.client.tasks.byIds([a!, b!, c!, d!])).map((t) => [t.id, t]));
    assert.equal(before.get(a!)?.status, 'SUBMITTED');
    for (const id of [b!, c!, d!]) assert.equal(before.get(id)?.status, 'PENDING');
    const taskD = before.get(d!)!;
    assert.deepEqual(new Set(taskD.dataDependencies), new Set([h.resultId('b'), h.resultId('c')]));
    assert.deepEqual(taskD.expectedOutputIds, [h.resultId('d')]);
    assert.deepEqual(taskD.parentTaskIds, [session]);
    assert.equal(taskD.createdBy, '');
    assert.equal(taskD.initialTaskId, d);
    assert.equal(taskD.sessionId, session);
    const target = await h.client.results.get(h.resultId('d'));
    assert.equal(target.status, 'CREATED');
    assert.equal(target.ownerTaskId, d);
    assert.equal(target.completedAt, undefined);

    h.run();
    assert.deepEqual(await h.client.tasks.countByStatus({ sessionId: session }), { COMPLETED: 4 });
    const done = await h.client.tasks.get(d!);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(done.output?.success, true);
    for (const key of ['submittedAt', 'receivedAt', 'acquiredAt', 'fetchedAt', 'startedAt', 'endedAt'] as const) {
      assert.ok(done[key] instanceof Date, `${key} is set`);
    }
    assert.ok(done.endedAt! >= done.startedAt! && done.startedAt! >= done.createdAt!);
    assert.ok((done.creationToEndMs ?? 0) > 0 && (done.processingToEndMs ?? 0) > 0);
    assert.ok(done.podHostname !== '' && done.ownerPodId !== '');
    const result = await h.client.results.get(h.resultId('d'));
    assert.equal(result.status, 'COMPLETED');
    assert.ok(result.completedAt instanceof Date);
    const data = await h.client.results.download(session, result.resultId);
    assert.equal(data.length, result.size);
    assert.ok(result.size > 0);
  } finally {
    await h.stop();
  }
});

test('htcmock: the root delegates its output to an aggregator subtask; the output completes only at the end', async () => {
  const h = await startSimHarness('htcmock', { params: { depth: 2, fanOut: 2, workers: 4 } });
  try {
    const root = h.taskId('root');
    const output = h.resultId('result');
    const session = h.sessionId('htc');
    // Step until the root has completed: its subtasks are committed and ownership has moved.
    for (let i = 0; i < 600 && (await h.client.tasks.get(root)).status !== 'COMPLETED'; i++) h.sim.engine.advance(100);
    assert.equal((await h.client.tasks.get(root)).status, 'COMPLETED');
    const delegated = await h.client.results.get(output);
    assert.equal(delegated.status, 'CREATED', 'a delegated output stays CREATED after the parent completes');
    assert.notEqual(delegated.ownerTaskId, root);
    const children = await h.subtasksOf(root);
    assert.equal(children.length, 3, 'fanOut children plus one aggregator');
    const aggregator = children.find((t) => t.id === delegated.ownerTaskId);
    assert.ok(aggregator, 'the new owner is one of the root\'s subtasks');
    assert.deepEqual(aggregator.parentTaskIds, [session, root]);
    assert.equal(aggregator.createdBy, root);
    assert.ok(aggregator.expectedOutputIds.includes(output));
    // The aggregator depends on the partial results of its siblings, created by the root.
    const partials = await h.client.results.byIds(aggregator.dataDependencies);
    assert.ok(partials.length >= 2);
    for (const p of partials) assert.equal(p.createdBy, root);

    h.run();
    const final = await h.client.results.get(output);
    assert.equal(final.status, 'COMPLETED');
    assert.equal(final.ownerTaskId, aggregator.id, 'completion leaves the owner unchanged');
    const counts = await h.client.tasks.countByStatus({ sessionId: session });
    assert.deepEqual(Object.keys(counts), ['COMPLETED']);
    // depth 2, fanOut 2: 1 root + 3 children, and each non-leaf child again spawns 3.
    assert.equal(counts.COMPLETED, await h.client.tasks.count({ sessionId: session }));
    assert.ok((counts.COMPLETED ?? 0) >= 10);
  } finally {
    await h.stop();
  }
});

test('failing: a worker error cascades up as "Task <id> failed:" and aborts every output on the way', async () => {
  const h = await startSimHarness('failing');
  try {
    h.run();
    const calibrate = h.taskId('calibrate');
    const subtasks = await h.subtasksOf(calibrate);
    const failed = subtasks.filter((t) => t.status === 'ERROR' && !t.output?.error.startsWith('Task '));
    assert.equal(failed.length, 1, 'exactly one subtask failed on its own');
    const root = failed[0]!;
    assert.match(root.output!.error, /Curve fit did not converge after 200 iterations/);
    assert.equal(root.output!.success, false);
    // Its output is ABORTED; the dependent sibling fails as a cascade naming the root cause.
    for (const r of await h.client.results.byIds(root.expectedOutputIds)) assert.equal(r.status, 'ABORTED');
    const merge = subtasks.find((t) => t.dataDependencies.some((id) => root.expectedOutputIds.includes(id)))!;
    assert.equal(merge.status, 'ERROR');
    assert.ok(merge.output!.error.startsWith(`Task ${root.id} failed:`), merge.output!.error);
    // The calibration output was delegated to the merge task and is now ABORTED.
    const calibration = await h.client.results.get(h.resultId('calibration'));
    assert.equal(calibration.status, 'ABORTED');
    assert.equal(calibration.ownerTaskId, merge.id);
    // Core passes the same reason down every level: tasks further up still name the root cause.
    const price = await h.client.tasks.get(h.taskId('price-book'));
    assert.equal(price.status, 'ERROR');
    assert.equal(price.output!.error, merge.output!.error);
    const aggregate = await h.client.tasks.get(h.taskId('aggregate-risk'));
    assert.equal(aggregate.status, 'ERROR');
    assert.equal(aggregate.output!.error, merge.output!.error);
    assert.match(aggregate.output!.error, /Curve fit did not converge/);
    assert.equal((await h.client.results.get(h.resultId('risk-report'))).status, 'ABORTED');
    // The untouched branch completed.
    assert.equal((await h.client.tasks.get(h.taskId('vol-surface'))).status, 'COMPLETED');
    // The summary listing carries the same error text, and the error filter finds the cascade.
    const withCascade = await h.client.tasks.list({ where: { sessionId: h.sessionId('risk'), errorContains: `Task ${root.id} failed` } });
    assert.deepEqual(new Set(withCascade.items.map((t) => t.id)), new Set([merge.id, price.id, aggregate.id]));
    for (const t of withCascade.items) assert.equal(t.error, merge.output!.error);
  } finally {
    await h.stop();
  }
});

function retryName(initial: string, n: number): string {
  return `${initial}${RETRY_SEPARATOR}${n}`;
}

test('retries: infrastructure failures create X###1, X###2 with created_by, retry_of_ids and moved ownership', async () => {
  const h = await startSimHarness('retries');
  try {
    h.run();
    const flaky = h.taskId('flaky-loader');
    const chain = new Map<string, Task>();
    for await (const t of h.client.tasks.iterateDetailed({ where: { initialTaskId: flaky } })) chain.set(t.id, t);
    assert.deepEqual([...chain.keys()].sort(), [flaky, retryName(flaky, 1), retryName(flaky, 2)].sort());
    const [first, second, third] = [flaky, retryName(flaky, 1), retryName(flaky, 2)].map((id) => chain.get(id)!);
    assert.equal(first!.status, 'RETRIED');
    assert.equal(second!.status, 'RETRIED');
    assert.equal(third!.status, 'COMPLETED');
    assert.ok(first!.output!.error.length > 0, 'a retried attempt keeps its error text');
    assert.deepEqual(first!.retryOfIds, []);
    assert.deepEqual(second!.retryOfIds, [flaky]);
    assert.deepEqual(third!.retryOfIds, [flaky, retryName(flaky, 1)]);
    assert.equal(second!.createdBy, flaky);
    assert.equal(third!.createdBy, retryName(flaky, 1));
    for (const t of [second!, third!]) {
      assert.equal(t.initialTaskId, flaky);
      assert.deepEqual(t.expectedOutputIds, first!.expectedOutputIds);
      assert.equal(t.payloadId, first!.payloadId);
      assert.deepEqual(t.parentTaskIds, first!.parentTaskIds);
    }
    const loaded = await h.client.results.get(h.resultId('loaded'));
    assert.equal(loaded.ownerTaskId, third!.id);
    assert.equal(loaded.status, 'COMPLETED');
    assert.equal((await h.client.results.get(h.resultId('summary'))).status, 'COMPLETED');

    // nightly-export: max_retries = 2 → three attempts, the last ends in ERROR.
    const exporter = h.taskId('nightly-export');
    const last = await h.client.tasks.get(retryName(exporter, 2));
    assert.equal(last.status, 'ERROR');
    assert.match(last.output!.error, /OOMKilled/);
    assert.equal(await h.client.tasks.count({ initialTaskId: exporter }), 3);
    assert.deepEqual(await h.client.tasks.countByStatus({ initialTaskId: exporter }), { RETRIED: 2, ERROR: 1 });
    const exported = await h.client.results.get(h.resultId('export'));
    assert.equal(exported.status, 'ABORTED');
    assert.equal(exported.ownerTaskId, last.id);
    const publish = await h.client.tasks.get(h.taskId('publish'));
    assert.equal(publish.status, 'ERROR');
    assert.ok(publish.output!.error.startsWith(`Task ${last.id} failed:`), publish.output!.error);
    assert.equal((await h.client.results.get(h.resultId('published'))).status, 'ABORTED');
  } finally {
    await h.stop();
  }
});

test('stuck: queued on a partition without workers, an orphaned output, a paused session', async () => {
  const h = await startSimHarness('stuck');
  try {
    h.run(600_000);
    const render = await h.client.tasks.get(h.taskId('render'));
    assert.equal(render.status, 'SUBMITTED');
    assert.equal(render.options?.partitionId, 'gpu');
    const gpu = await h.client.partitions.get('gpu');
    assert.equal(gpu.podMax, 4);
    assert.equal(gpu.podReserved, 0);
    assert.equal((await h.client.results.get(h.resultId('frames'))).status, 'CREATED');

    const extract = await h.client.tasks.get(h.taskId('extract'));
    assert.equal(extract.status, 'COMPLETED');
    const features = await h.client.results.get(h.resultId('features'));
    assert.equal(features.status, 'CREATED', 'the orphaned output never completes');
    assert.equal(features.ownerTaskId, extract.id, 'and is still owned by the COMPLETED task');
    assert.equal((await h.client.tasks.get(h.taskId('train'))).status, 'PENDING');

    const reporting = h.sessionId('reporting');
    assert.equal((await h.client.sessions.get(reporting)).status, 'PAUSED');
    assert.equal((await h.client.tasks.get(h.taskId('collect'))).status, 'PAUSED');
    await assert.rejects(h.client.sessions.pause(reporting), (e: unknown) => {
      assert.ok(e instanceof Error && 'kind' in e && e.kind === 'failed-precondition', String(e));
      assert.match(e.message, new RegExp(`^cannot pause session ${reporting}: .*\\(FAILED_PRECONDITION\\)$`));
      return true;
    });
    const resumed = await h.client.sessions.resume(reporting);
    assert.equal(resumed.status, 'RUNNING');
    h.run(600_000);
    assert.equal((await h.client.results.get(h.resultId('report'))).status, 'COMPLETED');
    // Adding workers to the gpu partition unblocks the render task.
    h.sim.engine.setWorkers('gpu', 1);
    h.run(600_000);
    assert.equal((await h.client.tasks.get(h.taskId('render'))).status, 'COMPLETED');
  } finally {
    await h.stop();
  }
});

test('demo: applications, partitions and live progress of the pricing session', async () => {
  const h = await startSimHarness('demo');
  try {
    const session = h.sessionId('pricing-eod');
    const apps = await h.client.applications();
    assert.ok(apps.some((a) => a.name === 'Acme.Pricing' && a.version === '3.1.0' && a.namespace === 'Acme.Pricing.Worker' && a.service === 'ComputeService'));
    const partitions = await h.client.partitions.list();
    assert.deepEqual(partitions.items.map((p) => p.id).sort(), ['default', 'gpu']);
    assert.equal(partitions.total, 2);
    const total = await h.client.tasks.count({ sessionId: session });
    assert.ok(total >= 50);
    h.sim.engine.advance(5_000);
    const midway = await h.client.tasks.countByStatus({ sessionId: session });
    const sum = Object.values(midway).reduce((a, b) => a + (b ?? 0), 0);
    assert.equal(sum, total, 'countByStatus covers every task of the session');
    assert.ok((midway.COMPLETED ?? 0) < total, 'not everything is done after 5 s');
    h.run(3_600_000);
    const after = await h.client.tasks.countByStatus({ sessionId: session });
    assert.ok((after.COMPLETED ?? 0) > (midway.COMPLETED ?? 0));
    assert.ok((after.SUBMITTED ?? 0) >= 1, 'the gpu task stays queued');
    for (const target of h.sim.targets) assert.equal((await h.client.results.get(target.resultId)).sessionId, target.sessionId);
  } finally {
    await h.stop();
  }
});

test('large (scaled down): counts, paging and ID batches over thousands of tasks', async () => {
  const h = await startSimHarness('large', { params: { tasks: 3000, cone: 60, workers: 8 }, client: { maxFilterTerms: 250, pageSize: 700 } });
  try {
    const session = h.sessionId('batch');
    assert.equal(await h.client.tasks.count({ sessionId: session }), 3000);
    const byStatus = await h.client.tasks.countByStatus({ sessionId: session });
    assert.equal(Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0), 3000);
    const ids: string[] = [];
    for await (const t of h.client.tasks.iterate({ where: { sessionId: session } })) ids.push(t.id);
    assert.equal(ids.length, 3000);
    assert.equal(new Set(ids).size, 3000, 'paging neither repeats nor skips rows');
    h.client.stats.reset();
    const picked = ids.filter((_, i) => i % 5 === 0); // 600 IDs → 3 requests of ≤ 250 terms
    const found = await h.client.tasks.byIds(picked);
    assert.deepEqual(found.map((t) => t.id), picked);
    assert.equal(h.client.stats.rpcs, 3);
    const target = h.sim.targets[0]!;
    assert.equal((await h.client.results.get(target.resultId)).status, 'CREATED');
  } finally {
    await h.stop();
  }
});
