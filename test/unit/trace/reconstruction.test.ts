// Reconstruction of the cone against an in-memory control plane: only the cone is fetched, level
// by level in batched ID filters; ownership transfers, retries and cascades bring in the right
// context; errors are clear.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isArmoniKError } from '../../../src/armonik/errors';
import { ConeExpander } from '../../../src/trace/cone-expander';
import { ConeGraph } from '../../../src/trace/cone-graph';
import { resultNodeFromResult } from '../../../src/trace/node-from-model';
import { startTrace, type TraceProgress } from '../../../src/trace/start-trace';
import type { TraceEdge } from '../../../src/trace/types';
import { FakeArmoniK } from '../../support/fake-armonik';

const T0 = Date.UTC(2025, 0, 1);
const at = (s: number) => new Date(T0 + s * 1000);

/** A layered cone: level 0 is the target's owner; each task at level L < depth-1 needs `fanout`
 * results produced by tasks of level L+1. Plus unrelated noise in the same session. */
function seedLayers(fake: FakeArmoniK, depth: number, fanout: number, noise = 0): { target: string; tasks: number } {
  let count = 0;
  const make = (level: number, path: string): string => {
    const output = `r${path}`;
    const inputs = level < depth - 1 ? Array.from({ length: fanout }, (_, i) => make(level + 1, `${path}.${i}`)) : [];
    const id = `t${path}`;
    count += 1;
    fake.addResult({ resultId: output, ownerTaskId: id, status: 'COMPLETED', completedAt: at(100 - level) }, false);
    fake.addTask({ id, status: 'COMPLETED', dataDependencies: inputs, expectedOutputIds: [output], startedAt: at(90 - level), endedAt: at(95 - level) }, false);
    return output;
  };
  const target = make(0, '0');
  for (let i = 0; i < noise; i++) {
    fake.addResult({ resultId: `noise-r${i}`, ownerTaskId: `noise-t${i}` }, false);
    fake.addTask({ id: `noise-t${i}`, status: 'SUBMITTED', expectedOutputIds: [`noise-r${i}`] }, false);
  }
  return { target, tasks: count };
}

describe('reconstruction', () => {
  it('fetches only the cone: round trips follow depth, not width', async () => {
    const fake = new FakeArmoniK();
    const { target, tasks } = seedLayers(fake, 4, 5, 2000);
    const trace = await startTrace(fake, { resultId: target, partitions: false });
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'completed');
    assert.equal(d.cone.tasks, tasks);
    assert.equal(d.cone.depth, 4);
    // target, then per level: owners, then their inputs: 1 + 2 × depth (the leaves have none).
    assert.equal(d.stats.roundTrips, 1 + 2 * 4 - 1);
    assert.ok(d.stats.roundTrips <= 2 * d.cone.depth + 1);
    const methods = new Set(fake.calls.map((c) => c.method));
    assert.deepEqual([...methods].sort(), ['results.byIds', 'sessions.get', 'tasks.byIds']);
    const fetchedIds = fake.calls.flatMap((c) => c.ids ?? []);
    assert.ok(!fetchedIds.some((id) => id.startsWith('noise')), 'nothing outside the cone was read');
    assert.equal(d.stats.rpcs, fake.stats.rpcs);
    assert.ok(d.stats.bytesReceived > 0);
    trace.close();
  });

  it('batches IDs into bounded requests and counts sequential waves', async () => {
    const fake = new FakeArmoniK();
    const inputs = Array.from({ length: 35 }, (_, i) => `in${i}`);
    for (const id of inputs) fake.addResult({ resultId: id, ownerTaskId: 'session', status: 'COMPLETED' }, false);
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'PENDING', dataDependencies: inputs, expectedOutputIds: ['r'] }, false);
    const trace = await startTrace(fake, { resultId: 'r', partitions: false, tuning: { batch: { batchSize: 10, concurrency: 2 } } });
    const inputCalls = fake.callsOf('results.byIds').filter((c) => c.ids!.length > 1 || inputs.includes(c.ids![0]!));
    assert.deepEqual(inputCalls.map((c) => c.ids!.length).sort((a, b) => a - b), [5, 10, 10, 10]);
    // target (1) + owner (1) + inputs: 4 batches, 2 at a time (2).
    assert.equal(trace.diagnosis().stats.roundTrips, 4);
    trace.close();
  });

  it('folds each answer in as it arrives: a slow request does not hold back the rest of the cone', async () => {
    // r <- t needs a and b; a <- ta needs a2 <- ta2; b <- tb. The answer about `b` waits until
    // `ta2` is asked for (or 2 s, should the trace wait for `b` first).
    let release: () => void = () => undefined;
    const slowAnswer = Promise.race([new Promise<void>((resolve) => (release = resolve)), new Promise<void>((resolve) => void setTimeout(resolve, 2000).unref())]);
    const fake = new FakeArmoniK({
      latencyMs: (method, ids) => {
        if (method === 'tasks.byIds' && ids?.includes('ta2')) release();
        return method === 'results.byIds' && ids?.includes('b') ? slowAnswer : 1;
      },
    });
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'PENDING', dataDependencies: ['a', 'b'], expectedOutputIds: ['r'] }, false);
    fake.addResult({ resultId: 'a', ownerTaskId: 'ta' }, false);
    fake.addTask({ id: 'ta', status: 'PENDING', dataDependencies: ['a2'], expectedOutputIds: ['a'] }, false);
    fake.addResult({ resultId: 'a2', ownerTaskId: 'ta2' }, false);
    fake.addTask({ id: 'ta2', status: 'PROCESSING', expectedOutputIds: ['a2'], startedAt: new Date() }, false);
    fake.addResult({ resultId: 'b', ownerTaskId: 'tb' }, false);
    fake.addTask({ id: 'tb', status: 'SUBMITTED', expectedOutputIds: ['b'], submittedAt: new Date() }, false);
    const trace = await startTrace(fake, { resultId: 'r', partitions: false, tuning: { batch: { batchSize: 1, concurrency: 4 } } });
    const slow = fake.callsOf('results.byIds').find((c) => c.ids!.includes('b'))!;
    const deepest = fake.callsOf('tasks.byIds').find((c) => c.ids!.includes('ta2'))!;
    // Two levels below `a` were read while `b` was still on its way.
    assert.ok(deepest.issued! < slow.answered!, 'the branch of `a` went on without waiting for `b`');
    assert.equal(trace.diagnosis().cone.tasks, 4);
    trace.close();
  });

  it('reads the payloads of tasks past waiting only for a small cone, all or none of them', async () => {
    const seed = (fake: FakeArmoniK): void => {
      fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
      fake.addResult({ resultId: 'p-t', ownerTaskId: 'session', status: 'COMPLETED' }, false);
      fake.addTask({ id: 't', status: 'PENDING', payloadId: 'p-t', dataDependencies: ['a', 'b'], expectedOutputIds: ['r'] }, false);
      for (const [id, status] of [['a', 'PROCESSING'], ['b', 'COMPLETED']] as const) {
        fake.addResult({ resultId: `p-${id}`, ownerTaskId: 'session', status: 'COMPLETED' }, false);
        fake.addResult({ resultId: id, ownerTaskId: `t${id}`, status: status === 'COMPLETED' ? 'COMPLETED' : 'CREATED' }, false);
        fake.addTask({ id: `t${id}`, status, payloadId: `p-${id}`, expectedOutputIds: [id] }, false);
      }
    };
    const small = new FakeArmoniK();
    seed(small);
    const all = await startTrace(small, { resultId: 'r', partitions: false });
    assert.deepEqual(['p-t', 'p-a', 'p-b'].map((id) => all.node(id)?.kind), ['result', 'result', 'result']);
    all.close();

    const big = new FakeArmoniK();
    seed(big);
    const none = await startTrace(big, { resultId: 'r', partitions: false, tuning: { payloadDetailLimit: 2 } });
    // The waiting task's payload could hold it up: always read. The others cannot: never read.
    assert.deepEqual(['p-t', 'p-a', 'p-b'].map((id) => none.node(id)?.kind), ['result', undefined, undefined]);
    assert.ok(!big.calls.flatMap((c) => c.ids ?? []).some((id) => id === 'p-a' || id === 'p-b'));
    none.close();
  });

  it('follows ownership transfer: the parent that delegated appears with a delegated-to edge, as context', async () => {
    const fake = new FakeArmoniK();
    // Client submitted `root` for `out`; root split the work into w0..w2 and aggregator `agg`,
    // handing `out` over to agg (reference §11.5).
    fake.addResult({ resultId: 'payload', ownerTaskId: 'session', status: 'COMPLETED' }, false);
    fake.addResult({ resultId: 'root-in', ownerTaskId: 'session', status: 'COMPLETED' }, false);
    fake.addResult({ resultId: 'out', ownerTaskId: 'agg' }, false);
    fake.addTask({ id: 'root', status: 'COMPLETED', payloadId: 'payload', dataDependencies: ['root-in'], expectedOutputIds: ['out'], startedAt: at(0), endedAt: at(2) }, false);
    const parts = ['p0', 'p1', 'p2'];
    parts.forEach((p, i) => {
      fake.addResult({ resultId: p, ownerTaskId: `w${i}`, createdBy: 'root' }, false);
      fake.addTask({ id: `w${i}`, status: i === 0 ? 'COMPLETED' : 'PROCESSING', createdBy: 'root', parentTaskIds: ['session', 'root'], payloadId: 'payload', expectedOutputIds: [p], startedAt: at(3), ...(i === 0 ? { endedAt: at(5) } : {}) }, false);
      if (i === 0) fake.updateResult(p, { status: 'COMPLETED', completedAt: at(5) }, false);
    });
    fake.addTask({ id: 'agg', status: 'PENDING', createdBy: 'root', parentTaskIds: ['session', 'root'], payloadId: 'payload', dataDependencies: parts, expectedOutputIds: ['out'] }, false);

    const trace = await startTrace(fake, { resultId: 'out', partitions: false });
    const edges = (kind: TraceEdge['kind']) => [...trace.edges()].filter((e) => e.kind === kind).map((e) => `${e.source}->${e.target}`).sort();
    assert.deepEqual(edges('output'), ['out->agg', 'p0->w0', 'p1->w1', 'p2->w2']);
    assert.deepEqual(edges('delegated-to'), ['root->agg']);
    assert.deepEqual(edges('subtask-of'), ['w0->root', 'w1->root', 'w2->root']);
    assert.ok(trace.node('root'), 'the delegating parent is shown');
    // The parent's own inputs are complete by construction: not fetched.
    assert.equal(trace.node('root-in'), undefined);
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'in-progress');
    assert.equal(d.target.ownerTaskId, 'agg');
    assert.deepEqual(d.blockers.map((b) => [b.id, b.reason]).slice(0, 2), [['w1', 'running'], ['w2', 'running']]);
    trace.close();
  });

  it('walks a delegation chain several levels up, stopping at the first plain parent', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'out', ownerTaskId: 'd3' }, false);
    fake.addTask({ id: 'grand', status: 'COMPLETED', expectedOutputIds: ['other'] }, false);
    fake.addTask({ id: 'd1', status: 'COMPLETED', createdBy: 'grand', expectedOutputIds: ['out'] }, false);
    fake.addTask({ id: 'd2', status: 'COMPLETED', createdBy: 'd1', expectedOutputIds: ['out'] }, false);
    fake.addTask({ id: 'd3', status: 'SUBMITTED', createdBy: 'd2', expectedOutputIds: ['out'], submittedAt: new Date() }, false);
    const trace = await startTrace(fake, { resultId: 'out', partitions: false });
    const delegated = [...trace.edges()].filter((e) => e.kind === 'delegated-to').map((e) => `${e.source}->${e.target}`).sort();
    assert.deepEqual(delegated, ['d1->d2', 'd2->d3']);
    assert.ok(trace.outEdges('d1').some((e) => e.kind === 'subtask-of' && e.target === 'grand'));
    trace.close();
  });

  it('brings in the whole retry chain as context with retry-of edges', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't###2' }, false);
    fake.addTask({ id: 't', status: 'RETRIED', expectedOutputIds: ['r'], error: 'pod evicted', endedAt: at(10) }, false);
    fake.addTask({ id: 't###1', initialTaskId: 't', status: 'RETRIED', retryOfIds: ['t'], createdBy: 't', expectedOutputIds: ['r'], error: 'agent crashed', endedAt: at(20) }, false);
    fake.addTask({ id: 't###2', initialTaskId: 't', status: 'PROCESSING', retryOfIds: ['t', 't###1'], createdBy: 't###1', expectedOutputIds: ['r'], startedAt: at(21) }, false);
    const trace = await startTrace(fake, { resultId: 'r', partitions: false });
    const retryEdges = [...trace.edges()].filter((e) => e.kind === 'retry-of').map((e) => `${e.source}->${e.target}`).sort();
    assert.deepEqual(retryEdges, ['t###1->t', 't###2->t###1']);
    const b = trace.diagnosis().blockers[0]!;
    assert.equal(b.reason, 'retrying');
    assert.equal(b.facts.attempt, 3);
    assert.match(b.explanation, /agent crashed/);
    trace.close();
  });

  it('fetches the task a cascade names even when no edge leads to it', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 'a', status: 'ABORTED' }, false);
    fake.addTask({ id: 'a', status: 'ERROR', expectedOutputIds: ['r'], error: 'Task far failed:\nOutOfMemory' }, false);
    fake.addTask({ id: 'far', status: 'ERROR', expectedOutputIds: ['x'], error: 'OutOfMemory' }, false);
    const trace = await startTrace(fake, { resultId: 'r', partitions: false });
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'failed');
    assert.deepEqual(d.rootCauses.map((c) => [c.id, c.error]), [['far', 'OutOfMemory']]);
    assert.deepEqual(d.chains, [['r', 'a', 'far']]);
    trace.close();
  });

  it('re-reads a CREATED output of a COMPLETED owner once before calling it orphaned', async () => {
    const fake = new FakeArmoniK();
    // The graph read `out` while `parent` still owned it; by the time `parent` is read it has
    // completed and handed `out` to `child`.
    fake.addResult({ resultId: 'out', ownerTaskId: 'child' }, false);
    fake.addTask({ id: 'parent', status: 'COMPLETED', expectedOutputIds: ['out'] }, false);
    fake.addTask({ id: 'child', status: 'SUBMITTED', createdBy: 'parent', expectedOutputIds: ['out'], submittedAt: new Date() }, false);
    const graph = new ConeGraph('out');
    graph.upsert(resultNodeFromResult({ ...fake.resultStore.get('out')!, ownerTaskId: 'parent' }));
    const expander = new ConeExpander(fake, graph, () => 'session', { batch: { batchSize: 100, concurrency: 4 }, payloadDetailLimit: 5000 });
    await expander.expand({ tasks: [['parent', 'cone']] });
    assert.ok(graph.outEdges('out').some((e) => e.kind === 'output' && e.target === 'child'));
    assert.ok(fake.callsOf('results.byIds').some((c) => c.ids!.includes('out')), 'the output was re-read');
  });

  it('a genuinely orphaned output stays orphaned after the confirmation read', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'out', ownerTaskId: 'w' }, false);
    fake.addTask({ id: 'w', status: 'COMPLETED', expectedOutputIds: ['out'], endedAt: at(5) }, false);
    const trace = await startTrace(fake, { resultId: 'out', partitions: false });
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    assert.equal(d.blockers[0]!.reason, 'orphaned-output');
    trace.close();
  });

  it('an owner task the server does not know makes the result orphaned', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 'ghost' }, false);
    const trace = await startTrace(fake, { resultId: 'r', partitions: false });
    assert.equal(trace.diagnosis().blockers[0]!.reason, 'orphaned-output');
    assert.match(trace.diagnosis().blockers[0]!.explanation, /does not exist/);
    trace.close();
  });

  it('marks inputs the server does not know as missing', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'PENDING', dataDependencies: ['nowhere'], expectedOutputIds: ['r'] }, false);
    const trace = await startTrace(fake, { resultId: 'r', partitions: false });
    const missing = trace.node('nowhere');
    assert.equal(missing?.kind === 'result' && missing.missing, true);
    assert.equal(trace.diagnosis().verdict, 'failed');
    trace.close();
  });

  it('unknown result: a not-found error naming the result and the endpoint', async () => {
    const fake = new FakeArmoniK({ endpoint: 'http://cp:5001' });
    await assert.rejects(startTrace(fake, { resultId: 'nope' }), (error: unknown) => {
      assert.ok(isArmoniKError(error, 'not-found'));
      assert.equal(error.message, 'result nope not found on http://cp:5001');
      return true;
    });
  });

  it('a result of another session than the one given is reported as such', async () => {
    const fake = new FakeArmoniK();
    fake.addResult({ resultId: 'r', sessionId: 's2', ownerTaskId: '' }, false);
    await assert.rejects(startTrace(fake, { resultId: 'r', sessionId: 's1' }), /not found in session s1 .*belongs to session s2/);
    const trace = await startTrace(fake, { resultId: 'r' });
    assert.equal(trace.sessionId, 's2');
    trace.close();
  });

  it('reports progress while it builds and honours its abort signal', async () => {
    const fake = new FakeArmoniK();
    const { target } = seedLayers(fake, 3, 2);
    const seen: TraceProgress[] = [];
    const trace = await startTrace(fake, { resultId: target, partitions: false, onProgress: (p) => seen.push(p) });
    assert.equal(seen[0]!.phase, 'target');
    const cone = seen.filter((p) => p.phase === 'cone');
    assert.ok(cone.length >= 3);
    assert.ok(cone.every((p, i) => i === 0 || p.tasks >= cone[i - 1]!.tasks));
    assert.equal(seen.at(-1)!.phase, 'diagnosis');
    assert.equal(seen.at(-1)!.tasks, 7);
    trace.close();

    const controller = new AbortController();
    controller.abort();
    await assert.rejects(startTrace(fake, { resultId: target, signal: controller.signal }), (error: unknown) => isArmoniKError(error, 'cancelled'));
  });

  it('uses partition capacity from the control plane to call a queue blocked', async () => {
    const fake = new FakeArmoniK();
    fake.addPartition('gpu', 0, 0);
    fake.addPartition('default', 10, 2);
    fake.addResult({ resultId: 'r', ownerTaskId: 't' }, false);
    fake.addTask({ id: 't', status: 'SUBMITTED', options: { partitionId: 'gpu' }, expectedOutputIds: ['r'], submittedAt: new Date(Date.now() - 5000) }, false);
    const trace = await startTrace(fake, { resultId: 'r' });
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'blocked');
    assert.match(d.blockers[0]!.nextStep, /partition `gpu` has 0 workers/);
    trace.close();
  });
});
