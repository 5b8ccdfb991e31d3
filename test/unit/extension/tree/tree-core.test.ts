import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PagedList } from '../../../../src/extension/tree/paged-list';
import { countLines, summarizeCounts, totalTasks } from '../../../../src/extension/tree/count-summary';
import { EventCoalescer, type SessionChanges } from '../../../../src/extension/tree/event-coalescer';

function source(n: number) {
  const rows = Array.from({ length: n }, (_, i) => `t${i}`);
  const calls: Array<[number, number]> = [];
  return {
    rows,
    calls,
    fetch: async (page: number, size: number) => {
      calls.push([page, size]);
      return { items: rows.slice(page * size, (page + 1) * size), total: rows.length };
    },
  };
}

test('a paged list loads one page at a time and knows when there is more', async () => {
  const s = source(25);
  const list = new PagedList(s.fetch, (x) => x, 10);
  assert.equal(list.hasMore, false, 'nothing known before the first page');
  await list.ensureLoaded();
  assert.equal(list.items.length, 10);
  assert.equal(list.total, 25);
  assert.equal(list.hasMore, true);
  await Promise.all([list.loadNext(), list.loadNext()]);
  assert.equal(list.items.length, 20, 'concurrent load-more clicks fetch one page');
  await list.loadNext();
  assert.equal(list.items.length, 25);
  assert.equal(list.hasMore, false);
  assert.deepEqual(s.calls, [[0, 10], [1, 10], [2, 10]]);
});

test('a paged list does not show duplicates when rows shift between pages', async () => {
  const s = source(20);
  const list = new PagedList(s.fetch, (x) => x, 10);
  await list.ensureLoaded();
  s.rows.unshift('new1', 'new2'); // two new rows arrive at the top
  await list.loadNext();
  assert.equal(new Set(list.items).size, list.items.length);
  assert.equal(list.items.length, 18);
});

test('a reload re-reads everything shown in one request, and keeps paging after it', async () => {
  const s = source(40);
  const list = new PagedList(s.fetch, (x) => x, 10);
  await list.ensureLoaded();
  await list.loadNext();
  s.rows[0] = 'changed';
  await list.reload();
  assert.equal(list.items[0], 'changed');
  assert.equal(list.items.length, 20);
  assert.deepEqual(s.calls.at(-1), [0, 20]);
  await list.loadNext();
  assert.deepEqual(s.calls.at(-1), [2, 10]);
  assert.equal(list.items.length, 30);
});

test('a failed page keeps what was shown and reports the error until a retry works', async () => {
  let fail = false;
  const s = source(30);
  const list = new PagedList(async (p, n) => {
    if (fail) throw new Error('cannot reach ArmoniK');
    return s.fetch(p, n);
  }, (x) => x, 10);
  await list.ensureLoaded();
  fail = true;
  await list.loadNext();
  assert.equal(list.error?.message, 'cannot reach ArmoniK');
  assert.equal(list.items.length, 10);
  fail = false;
  await list.loadNext();
  assert.equal(list.error, undefined);
  assert.equal(list.items.length, 20);
  assert.equal(list.patch('t3', () => 'T3'), true);
  assert.equal(list.items[3], 'T3');
  assert.equal(list.patch('nope', (x) => x), false);
});

test('task counts read as progress words', () => {
  const counts = { COMPLETED: 1200, ERROR: 2, TIMEOUT: 1, PROCESSING: 5, PENDING: 7, RETRIED: 4 };
  assert.equal(summarizeCounts(counts), '1,200 done · 3 failed · 5 running · 7 waiting');
  assert.equal(summarizeCounts({}), 'no tasks');
  assert.equal(totalTasks(counts), 1219);
  assert.deepEqual(countLines({ ERROR: 2, COMPLETED: 5 }), ['COMPLETED: 5', 'ERROR: 2']);
});

test('events are folded per session and delivered once per window', async () => {
  const flushed: SessionChanges[][] = [];
  const c = new EventCoalescer(20, (b) => flushed.push(b));
  for (let i = 0; i < 1000; i++) c.push({ kind: 'taskStatusUpdate', sessionId: 's1', taskId: `t${i % 10}`, status: i % 2 ? 'COMPLETED' : 'PROCESSING' });
  c.push({ kind: 'newResult', sessionId: 's2', resultId: 'r1', ownerId: 't', status: 'CREATED' });
  c.push({ kind: 'resultStatusUpdate', sessionId: 's2', resultId: 'r1', status: 'COMPLETED' });
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(flushed.length, 1);
  const [s1, s2] = flushed[0]!;
  assert.equal(s1!.tasks.size, 10);
  assert.equal(s1!.tasks.get('t1'), 'COMPLETED');
  assert.equal(s1!.events, 1000);
  assert.deepEqual([...s2!.newResults], ['r1']);
  assert.equal(s2!.results.get('r1'), 'COMPLETED');
  c.dispose();
});
