// Event subscriptions over loopback: delivery, re-subscription after stream loss (with onResync),
// permanent errors thrown from the iterator, early rejection of filters Core does not accept,
// and stopping by close() or an AbortSignal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { createClient } from '../../../src/armonik/client';
import { isArmoniKError } from '../../../src/armonik/errors';
import type { ArmoniKEvent } from '../../../src/armonik/model';
import { eventToWire } from '../../../src/armonik/wire/event-codec';
import type { WireEventSubscriptionRequest, WireEventSubscriptionResponseInput } from '../../../src/armonik/wire/types';
import { startLoopbackServer } from './loopback-server';

type EventsCall = grpc.ServerWritableStream<WireEventSubscriptionRequest, WireEventSubscriptionResponseInput>;

const status = (taskId: string, s: 'COMPLETED' | 'PROCESSING'): ArmoniKEvent => ({ kind: 'taskStatusUpdate', sessionId: 's1', taskId, status: s });

async function take(iterator: AsyncIterator<ArmoniKEvent>, n: number): Promise<ArmoniKEvent[]> {
  const out: ArmoniKEvent[] = [];
  while (out.length < n) {
    const next = await iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

test('events arrive decoded; the request carries the session, kinds and filters', async () => {
  const requests: WireEventSubscriptionRequest[] = [];
  const server = await startLoopbackServer({
    events: {
      GetEvents: (call: EventsCall) => {
        requests.push(call.request);
        call.write(eventToWire(status('t1', 'PROCESSING')));
        call.write(eventToWire({ kind: 'newResult', sessionId: 's1', resultId: 'r1', ownerId: 't1', status: 'CREATED' }));
      },
    },
  });
  const client = createClient(server.endpoint);
  const sub = client.events.subscribe('s1', { kinds: ['taskStatusUpdate', 'newResult'], tasks: { id: ['t1', 't2'] }, results: { ownerTaskId: 't1' } });
  const events = await take(sub[Symbol.asyncIterator](), 2);
  assert.deepEqual(events, [status('t1', 'PROCESSING'), { kind: 'newResult', sessionId: 's1', resultId: 'r1', ownerId: 't1', status: 'CREATED' }]);
  const request = requests[0]!;
  assert.equal(request.sessionId, 's1');
  assert.deepEqual(request.returnedEvents, ['EVENTS_ENUM_TASK_STATUS_UPDATE', 'EVENTS_ENUM_NEW_RESULT']);
  assert.deepEqual(request.tasksFilters?.or.map((and) => and.and.map((c) => c.filterString?.value)), [['t1'], ['t2']]);
  assert.deepEqual(request.resultsFilters?.or.map((and) => and.and.map((c) => c.field?.resultRawField?.field)), [['RESULT_RAW_ENUM_FIELD_OWNER_TASK_ID']]);
  sub.close();
  assert.equal(sub.closed, true);
  assert.deepEqual(await sub[Symbol.asyncIterator]().next(), { value: undefined, done: true });
  client.close();
  await server.stop();
});

test('after the server drops the stream, the client re-subscribes, calls onResync and iteration continues', async () => {
  let calls = 0;
  const server = await startLoopbackServer({
    events: {
      GetEvents: (call: EventsCall) => {
        calls += 1;
        if (calls === 1) {
          call.write(eventToWire(status('t1', 'PROCESSING')));
          setTimeout(() => call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'node drained' }), 50);
        } else if (calls === 2) {
          // A clean end is a loss too: Core's stream never ends by itself.
          call.write(eventToWire(status('t2', 'PROCESSING')));
          setTimeout(() => call.end(), 50);
        } else {
          call.write(eventToWire(status('t1', 'COMPLETED')));
        }
      },
    },
  });
  const client = createClient(server.endpoint, { eventsBackoff: { initialMs: 20, maxMs: 50 } });
  let resyncs = 0;
  const sub = client.events.subscribe('s1', { onResync: () => (resyncs += 1) });
  const events = await take(sub[Symbol.asyncIterator](), 3);
  assert.deepEqual(events, [status('t1', 'PROCESSING'), status('t2', 'PROCESSING'), status('t1', 'COMPLETED')]);
  assert.equal(calls, 3);
  assert.equal(resyncs, 2);
  sub.close();
  client.close();
  await server.stop();
});

test('a restarted control plane on the same port is picked up again', async () => {
  const first = await startLoopbackServer({ events: { GetEvents: (call: EventsCall) => call.write(eventToWire(status('before', 'PROCESSING'))) } });
  const client = createClient(first.endpoint, { eventsBackoff: { initialMs: 50, maxMs: 200 } });
  let resyncs = 0;
  const sub = client.events.subscribe('s1', { onResync: () => (resyncs += 1) });
  const iterator = sub[Symbol.asyncIterator]();
  assert.deepEqual(await take(iterator, 1), [status('before', 'PROCESSING')]);
  await first.stop();
  const second = await startLoopbackServer({ events: { GetEvents: (call: EventsCall) => call.write(eventToWire(status('after', 'COMPLETED'))) } }, { port: first.port });
  assert.deepEqual(await take(iterator, 1), [status('after', 'COMPLETED')]);
  assert.equal(resyncs, 1);
  sub.close();
  client.close();
  await second.stop();
});

test('UNIMPLEMENTED is thrown from the iterator, not retried', async () => {
  const server = await startLoopbackServer({ versions: { ListVersions: (_c: unknown, cb: grpc.sendUnaryData<object>) => cb(null, {}) } });
  const client = createClient(server.endpoint, { eventsBackoff: { initialMs: 10, maxMs: 10 } });
  const sub = client.events.subscribe('s1');
  await assert.rejects(sub[Symbol.asyncIterator]().next(), (e: unknown) => isArmoniKError(e, 'unimplemented') && /does not implement Events\/GetEvents \(UNIMPLEMENTED\)/.test(e.message));
  assert.equal(sub.closed, true);
  assert.equal(client.stats.rpcs, 1);
  client.close();
  await server.stop();
});

test('events received before a permanent error are still delivered first', async () => {
  const server = await startLoopbackServer({
    events: {
      GetEvents: (call: EventsCall) => {
        call.write(eventToWire(status('t1', 'PROCESSING')));
        setTimeout(() => call.emit('error', { code: grpc.status.PERMISSION_DENIED, details: 'no Events:GetEvents' }), 50);
      },
    },
  });
  const client = createClient(server.endpoint);
  const sub = client.events.subscribe('s1');
  await new Promise((r) => setTimeout(r, 200));
  const iterator = sub[Symbol.asyncIterator]();
  assert.deepEqual(await iterator.next(), { value: status('t1', 'PROCESSING'), done: false });
  await assert.rejects(iterator.next(), (e: unknown) => isArmoniKError(e, 'permission-denied'));
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
  client.close();
  await server.stop();
});

test('filters Core rejects for events are refused before any stream opens', () => {
  const client = createClient('http://127.0.0.1:1');
  const refuse = (options: Parameters<typeof client.events.subscribe>[1], pattern: RegExp) =>
    assert.throws(() => client.events.subscribe('s1', options), (e: unknown) => isArmoniKError(e, 'invalid-argument') && pattern.test(e.message));
  refuse({ tasks: { status: 'ERROR' } }, /cannot filter tasks on 'status'/);
  refuse({ tasks: { id: 't', createdAt: { from: new Date() } } }, /cannot filter tasks on 'createdAt'/);
  refuse({ tasks: { createdBy: 't' } }, /cannot filter tasks on 'createdBy'/);
  refuse({ results: { status: 'COMPLETED' } }, /cannot filter results on 'status'/);
  refuse({ kinds: ['nope' as never] }, /unknown event kind 'nope'/);
  assert.throws(() => client.events.subscribe(''), (e: unknown) => isArmoniKError(e, 'invalid-argument'));
  assert.equal(client.stats.rpcs, 0);
  client.close();
});

test('an AbortSignal ends the iteration; a filter that matches nothing opens no stream', async () => {
  const server = await startLoopbackServer({ events: { GetEvents: () => undefined } });
  const client = createClient(server.endpoint);
  const controller = new AbortController();
  const sub = client.events.subscribe('s1', { signal: controller.signal });
  const next = sub[Symbol.asyncIterator]().next();
  setTimeout(() => controller.abort(), 50);
  assert.deepEqual(await next, { value: undefined, done: true });
  assert.equal(sub.closed, true);

  client.stats.reset();
  const nothing = client.events.subscribe('s1', { tasks: { id: [] }, results: { id: [] } });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(client.stats.rpcs, 0);
  nothing.close();
  client.close();
  await server.stop();
});

test('for-await with break closes the subscription', async () => {
  const server = await startLoopbackServer({
    events: { GetEvents: (call: EventsCall) => { for (let i = 0; i < 5; i++) call.write(eventToWire(status(`t${i}`, 'COMPLETED'))); } },
  });
  const client = createClient(server.endpoint);
  const sub = client.events.subscribe('s1');
  const seen: string[] = [];
  for await (const event of sub) {
    if (event.kind === 'taskStatusUpdate') seen.push(event.taskId);
    if (seen.length === 2) break;
  }
  assert.deepEqual(seen, ['t0', 't1']);
  assert.equal(sub.closed, true);
  client.close();
  await server.stop();
});

test('closing the client ends its subscriptions without an error', async () => {
  const server = await startLoopbackServer({ events: { GetEvents: (call: EventsCall) => call.write(eventToWire(status('t1', 'PROCESSING'))) } });
  const client = createClient(server.endpoint);
  const sub = client.events.subscribe('s1');
  const iterator = sub[Symbol.asyncIterator]();
  assert.deepEqual(await iterator.next(), { value: status('t1', 'PROCESSING'), done: false });
  const pending = iterator.next();
  client.close();
  assert.deepEqual(await pending, { value: undefined, done: true });
  assert.equal(sub.closed, true);
  await server.stop();
});
