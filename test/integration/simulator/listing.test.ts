// Listing at scale: the fast paths that keep the trace engine's queries from scanning a huge
// session (OR of ID equalities, session equality), and the cache that makes paging through a
// big listing linear while keeping first pages exact.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TaskRecord } from '../../../src/simulator/engine/types';
import { compileFilters } from '../../../src/simulator/server/filters/compile-filters';
import { TASK_SCHEMA } from '../../../src/simulator/server/filters/task-fields';
import { ListingCache } from '../../../src/simulator/server/listing/listing-cache';
import { Lister, type RowSource } from '../../../src/simulator/server/listing/lister';
import { cond, listRequest, or, rpc, str, taskField, taskStatus } from './grpc-test-client';
import { createSession, startTestSimulator, type TestSimulator } from './simulator-fixture';

function fakeTask(i: number, sessionId: string): TaskRecord {
  return { id: `task-${String(i).padStart(6, '0')}`, sessionId, status: i % 3 === 0 ? 'COMPLETED' : 'PENDING', options: { options: {} } } as unknown as TaskRecord;
}

/** A source that fails the test if anything scans it. */
function noScanSource(tasks: TaskRecord[]): RowSource<TaskRecord> & { lookups: number } {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const source = {
    lookups: 0,
    all(): Iterable<TaskRecord> {
      throw new Error('full scan');
    },
    byId(id: string) {
      source.lookups++;
      return byId.get(id);
    },
    bySession(sessionId: string) {
      return tasks.filter((t) => t.sessionId === sessionId);
    },
  };
  return source;
}

const wire = (filters: never) => filters;

describe('Listing fast paths', () => {
  const tasks = Array.from({ length: 10_000 }, (_, i) => fakeTask(i, i < 100 ? 'small' : 'big'));
  const lister = new Lister(new ListingCache({ minRows: 2000, maxEntries: 4, continuationTtlMs: 10_000 }), () => 'v1');
  const sort = { keys: [(t: TaskRecord) => t.id], descending: true };

  it('answers an OR of 500 ID equalities by direct lookups, never scanning', () => {
    const source = noScanSource(tasks);
    const wanted = Array.from({ length: 500 }, (_, i) => tasks[i * 20].id);
    const filters = compileFilters(wire(or(...[...wanted, 'unknown-id'].map((id) => [cond(taskField('TASK_ID'), str('EQUAL', id))]))), TASK_SCHEMA);
    const page = lister.list(source, { filters, sort, page: 0, pageSize: 1000 });
    assert.equal(page.total, 500);
    assert.deepEqual(
      page.rows.map((t) => t.id),
      [...wanted].sort().reverse(),
    );
    assert.equal(source.lookups, 501);
  });

  it('answers session equality (with more conditions) per session, never scanning', () => {
    const source = noScanSource(tasks);
    const filters = compileFilters(wire(or([cond(taskField('SESSION_ID'), str('EQUAL', 'small')), cond(taskField('STATUS'), taskStatus('EQUAL', 'COMPLETED'))])), TASK_SCHEMA);
    const page = lister.list(source, { filters, sort, page: 0, pageSize: 0 });
    assert.equal(page.total, 34);
    assert.deepEqual(page.rows, []);
  });

  it('caches big listings: exact while the state is unchanged, first pages always fresh', () => {
    let now = 0;
    const cache = new ListingCache({ minRows: 10, maxEntries: 2, continuationTtlMs: 1000, now: () => now });
    const rows = Array.from({ length: 20 }, (_, i) => i);
    cache.set('k', 'v1', rows);
    assert.equal(cache.get('k', 'v1', false), rows, 'same state: cached rows are exact');
    assert.equal(cache.get('k', 'v2', true), rows, 'a continuation page may use a recent snapshot');
    now = 1500;
    assert.equal(cache.get('k', 'v2', true), undefined, 'an old snapshot is dropped');
    cache.set('k', 'v2', rows);
    assert.equal(cache.get('k', 'v3', false), undefined, 'a first page after a change is recomputed');
    cache.set('small', 'v3', [1, 2]);
    assert.equal(cache.get('small', 'v3', false), undefined, 'small listings are not worth caching');
  });
});

describe('Paging through a big session over the wire', () => {
  let t: TestSimulator;
  let session: string;
  const count = 5000;
  before(async () => {
    t = await startTestSimulator();
    session = await createSession(t.c);
    const engine = t.sim.engine;
    const outputs = engine.createResultsMetadata(session, Array.from({ length: count }, (_, i) => ({ name: `o${i}`, manualDeletion: false })));
    const payloads = engine.createResults(session, Array.from({ length: count }, (_, i) => ({ name: `p${i}`, data: new Uint8Array([1]), manualDeletion: false })));
    engine.submitTasks(session, undefined, outputs.map((o, i) => ({ expectedOutputIds: [o.resultId], dataDependencies: [], payloadId: payloads[i].resultId })));
  });
  after(() => t.stop());

  const page = (n: number, size: number) =>
    rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('SESSION_ID'), str('EQUAL', session))]), taskField('TASK_ID'), { page: n, pageSize: size }) as never);

  it('returns every task exactly once, in order, across pages', async () => {
    const seen: string[] = [];
    for (let n = 0; ; n++) {
      const p = await page(n, 700);
      assert.equal(p.total, count);
      if (p.tasks.length === 0) break;
      seen.push(...p.tasks.map((x) => x.id));
    }
    assert.equal(seen.length, count);
    assert.equal(new Set(seen).size, count);
    assert.deepEqual(seen, [...seen].sort());
  });

  it('reflects new tasks on the first page right away', async () => {
    const engine = t.sim.engine;
    const [out] = engine.createResultsMetadata(session, [{ name: 'late', manualDeletion: false }]);
    const [payload] = engine.createResults(session, [{ name: 'late-p', data: new Uint8Array([1]), manualDeletion: false }]);
    await page(0, 100);
    engine.submitTasks(session, undefined, [{ expectedOutputIds: [out.resultId], dataDependencies: [], payloadId: payload.resultId }]);
    assert.equal((await page(0, 100)).total, count + 1);
  });
});
