import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MicroBatcher } from '../../../../src/extension/hover/micro-batcher';
import { TtlLruCache } from '../../../../src/extension/hover/ttl-lru-cache';
import { ArmoniKIdResolver } from '../../../../src/extension/hover/id-resolver';
import { fakeClient, result, session, task } from '../fake-client';

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const R1 = '33333333-3333-4333-8333-333333333333';
const S1 = '44444444-4444-4444-8444-444444444444';
const NOPE = '55555555-5555-4555-8555-555555555555';

test('a batcher sends keys requested within its window as one call, de-duplicated', async () => {
  const calls: string[][] = [];
  const b = new MicroBatcher<string, number>(async (keys) => {
    calls.push(keys);
    return new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.length]));
  }, { windowMs: 10, maxBatch: 100 });
  const answers = await Promise.all([b.load('a'), b.load('bb'), b.load('a'), b.load('missing')]);
  assert.deepEqual(answers, [1, 2, 1, undefined]);
  assert.deepEqual(calls, [['a', 'bb', 'missing']]);
  await b.load('ccc');
  assert.equal(calls.length, 2, 'a later request opens a new batch');
});

test('a batcher flushes early at maxBatch and rejects every waiter when the call fails', async () => {
  const sizes: number[] = [];
  const b = new MicroBatcher<number, number>(async (keys) => {
    sizes.push(keys.length);
    throw new Error('down');
  }, { windowMs: 1000, maxBatch: 3 });
  const settled = await Promise.allSettled([b.load(1), b.load(2), b.load(3)]);
  assert.deepEqual(sizes, [3]);
  assert.ok(settled.every((s) => s.status === 'rejected' && (s.reason as Error).message === 'down'));
});

test('the cache expires entries after their TTL and evicts the least recently used', () => {
  let now = 0;
  const c = new TtlLruCache<string, number>({ ttlMs: 100, maxEntries: 2, now: () => now });
  c.set('a', 1);
  c.set('b', 2);
  assert.equal(c.get('a'), 1); // a is now most recent
  c.set('c', 3);
  assert.equal(c.get('b'), undefined, 'b was least recently used');
  assert.equal(c.get('a'), 1);
  now = 150;
  assert.equal(c.get('a'), undefined, 'expired');
  assert.equal(c.size, 1);
});

test('the resolver looks IDs up as task and result, then session, in one batched call per kind', async () => {
  const fake = fakeClient({ tasks: [task(T1), task(T2)], results: [result(R1)], sessions: [session(S1)] });
  const r = new ArmoniKIdResolver(async () => fake.client, { batchWindowMs: 5 });
  const answers = await Promise.all([T1, T2, R1, S1, NOPE].map((id) => r.resolve(id)));
  assert.deepEqual(answers.map((a) => a.kind), ['task', 'task', 'result', 'session', 'unknown']);
  assert.deepEqual(fake.calls.sort(), ['results.byIds(5)', 'sessions.list', 'tasks.byIds(5)']);
  assert.equal(fake.sessionQueries.at(-1)?.length, 2, 'only the IDs that are neither tasks nor results are asked as sessions');
  fake.calls.length = 0;
  assert.equal((await r.resolve(R1)).kind, 'result');
  assert.deepEqual(fake.calls, [], 'answered from the cache');
});

test('the resolver asks again after the TTL and only the task kind for retry IDs', async () => {
  let now = 0;
  const retry = `${T1}###1`;
  const fake = fakeClient({ tasks: [task(retry)] });
  const r = new ArmoniKIdResolver(async () => fake.client, { batchWindowMs: 1, ttlMs: 5000, now: () => now });
  assert.equal((await r.resolve(retry)).kind, 'task');
  assert.deepEqual(fake.calls, ['tasks.byIds(1)']);
  now = 6000;
  await r.resolve(retry);
  assert.equal(fake.calls.length, 2);
});

test('the resolver reports connection errors and does not cache them', async () => {
  const fake = fakeClient({ tasks: [task(T1)] });
  fake.fail = new Error('endpoint unreachable');
  const r = new ArmoniKIdResolver(async () => fake.client, { batchWindowMs: 1 });
  await assert.rejects(r.resolve(T1), /endpoint unreachable/);
  fake.fail = undefined;
  assert.equal((await r.resolve(T1)).kind, 'task');
});
