// The buffering of an event subscription, against a fake stream: a consumer that does not read
// pauses the HTTP/2 stream at `highWater` queued events and resumes it once drained, in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { EventStream } from '../../../src/armonik/events/event-subscription';
import type { RpcChannel } from '../../../src/armonik/rpc-channel';
import { serviceDefinitions } from '../../../src/armonik/wire/load';
import { eventToWire } from '../../../src/armonik/wire/event-codec';

class FakeCall extends EventEmitter {
  pauses = 0;
  resumes = 0;
  cancelled = false;
  pause(): void {
    this.pauses += 1;
  }
  resume(): void {
    this.resumes += 1;
  }
  cancel(): void {
    this.cancelled = true;
  }
}

function fakeChannel(calls: FakeCall[]): RpcChannel {
  const fake = {
    endpoint: { url: 'http://fake:5001', clientCert: undefined },
    isClosed: false,
    openServerStream: () => {
      const call = new FakeCall();
      calls.push(call);
      return call;
    },
  };
  return fake as unknown as RpcChannel;
}

function wireStatus(i: number) {
  const m = serviceDefinitions().events.GetEvents;
  return m.responseDeserialize(m.responseSerialize(eventToWire({ kind: 'taskStatusUpdate', sessionId: 's', taskId: `t${i}`, status: 'COMPLETED' })));
}

test('an undrained subscription pauses its stream at highWater and resumes at a tenth of it', async () => {
  const calls: FakeCall[] = [];
  const stream = new EventStream(fakeChannel(calls), serviceDefinitions().events.GetEvents, { sessionId: 's' }, {}, { initialBackoffMs: 1, maxBackoffMs: 1, highWater: 100 });
  const call = calls[0]!;
  for (let i = 0; i < 150; i++) call.emit('data', wireStatus(i));
  assert.equal(call.pauses, 1, 'paused once the queue reached 100');
  for (let i = 0; i < 139; i++) {
    const next = await stream.next();
    assert.equal(next.value?.kind === 'taskStatusUpdate' ? next.value.taskId : '', `t${i}`);
  }
  assert.equal(call.resumes, 0, '11 left: still above a tenth');
  await stream.next();
  assert.equal(call.resumes, 1, 'resumed at 10 left');
  for (let i = 140; i < 150; i++) assert.equal((await stream.next()).value?.kind, 'taskStatusUpdate');
  stream.close();
  assert.equal(call.cancelled, true);
  assert.deepEqual(await stream.next(), { value: undefined, done: true });
});

test('a waiting consumer gets events directly; close() resolves it with done', async () => {
  const calls: FakeCall[] = [];
  const stream = new EventStream(fakeChannel(calls), serviceDefinitions().events.GetEvents, { sessionId: 's' }, {}, { initialBackoffMs: 1, maxBackoffMs: 1, highWater: 100 });
  const waiting = stream.next();
  calls[0]!.emit('data', wireStatus(7));
  assert.deepEqual((await waiting).value, { kind: 'taskStatusUpdate', sessionId: 's', taskId: 't7', status: 'COMPLETED' });
  const pending = stream.next();
  await assert.rejects(stream.next(), /one consumer at a time/);
  stream.close();
  assert.deepEqual(await pending, { value: undefined, done: true });
});

test('a filter that matches nothing opens no stream and waits until closed', async () => {
  const calls: FakeCall[] = [];
  const stream = new EventStream(fakeChannel(calls), serviceDefinitions().events.GetEvents, undefined, {}, { initialBackoffMs: 1, maxBackoffMs: 1, highWater: 100 });
  assert.equal(calls.length, 0);
  const pending = stream.next();
  stream.close();
  assert.deepEqual(await pending, { value: undefined, done: true });
});
