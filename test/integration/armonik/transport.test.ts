// The client's transport over loopback: failing fast on a dead endpoint, deadlines, cancellation,
// retries of reads (and not of writes), and RPC accounting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { createClient } from '../../../src/armonik/client';
import { isArmoniKError } from '../../../src/armonik/errors';
import { deadPort, startLoopbackServer } from './loopback-server';

const versions = (core = '0.40.1') => ({
  ListVersions: (_call: unknown, callback: grpc.sendUnaryData<{ core: string; api: string }>) => callback(null, { core, api: '3.29.0' }),
});

test('a dead endpoint fails fast with "cannot reach … connection refused"', async () => {
  const endpoint = `http://127.0.0.1:${await deadPort()}`;
  const client = createClient(endpoint, { timeoutMs: 20_000 });
  const started = Date.now();
  await assert.rejects(client.versions(), (e: unknown) => {
    assert.ok(isArmoniKError(e, 'unavailable'));
    assert.equal(e.message, `cannot reach ArmoniK at ${endpoint}: connection refused — is the control plane running? (check \`armonik.endpoint\`)`);
    return true;
  });
  // Far below the 20 s deadline: the call did not wait for the server to appear.
  assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  client.close();
});

test('a server that does not answer hits the deadline; a call can override it', async () => {
  const server = await startLoopbackServer({ versions: { ListVersions: () => undefined /* never answers */ } });
  const client = createClient(server.endpoint, { timeoutMs: 200 });
  await assert.rejects(client.versions(), (e: unknown) => isArmoniKError(e, 'deadline-exceeded') && /within 200 ms/.test(e.message));
  const started = Date.now();
  await assert.rejects(client.versions({ timeoutMs: 50 }), (e: unknown) => isArmoniKError(e, 'deadline-exceeded') && /within 50 ms/.test(e.message));
  assert.ok(Date.now() - started < 1000);
  client.close();
  await server.stop();
});

test('an AbortSignal cancels a call in flight, and the server sees the cancellation', async () => {
  let serverSawCancel = false;
  const server = await startLoopbackServer({
    versions: {
      ListVersions: (call: grpc.ServerUnaryCall<unknown, unknown>) => {
        call.on('cancelled', () => {
          serverSawCancel = true;
        });
      },
    },
  });
  const client = createClient(server.endpoint, { timeoutMs: 10_000 });
  const controller = new AbortController();
  const pending = client.versions({ signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(pending, (e: unknown) => isArmoniKError(e, 'cancelled'));
  await new Promise((r) => setTimeout(r, 100));
  assert.ok(serverSawCancel);
  // An already aborted signal makes no call at all.
  const before = client.stats.rpcs;
  await assert.rejects(client.versions({ signal: AbortSignal.abort() }), (e: unknown) => isArmoniKError(e, 'cancelled'));
  assert.equal(client.stats.rpcs, before);
  client.close();
  await server.stop();
});

test('reads are retried on UNAVAILABLE; writes are not', async () => {
  let versionCalls = 0;
  const server = await startLoopbackServer({
    versions: {
      ListVersions: (_call: unknown, callback: grpc.sendUnaryData<{ core: string; api: string }>) => {
        versionCalls += 1;
        if (versionCalls < 3) callback({ code: grpc.status.UNAVAILABLE, details: 'restarting' });
        else callback(null, { core: '0.40.1', api: '3.29.0' });
      },
    },
    tasks: {
      CancelTasks: (_call: unknown, callback: grpc.sendUnaryData<{ tasks: [] }>) => callback({ code: grpc.status.UNAVAILABLE, details: 'restarting' }),
    },
  });
  const client = createClient(server.endpoint, { retry: { maxAttempts: 4, initialBackoffMs: 10 } });
  assert.deepEqual(await client.versions(), { core: '0.40.1', api: '3.29.0' });
  assert.equal(versionCalls, 3);
  await assert.rejects(client.tasks.cancel(['t1']), (e: unknown) => isArmoniKError(e, 'unavailable'));
  assert.equal(server.calls.get('tasks/CancelTasks'), 1);
  client.close();
  await server.stop();
});

test('stats count RPCs and received bytes, and reset', async () => {
  const server = await startLoopbackServer({ versions: versions('x'.repeat(1000)) });
  const client = createClient(server.endpoint);
  client.stats.reset();
  await client.versions();
  await client.versions();
  assert.equal(client.stats.rpcs, 2);
  assert.ok(client.stats.bytesReceived > 2000 && client.stats.bytesReceived < 2100, `bytes ${client.stats.bytesReceived}`);
  client.stats.reset();
  assert.equal(client.stats.rpcs, 0);
  assert.equal(client.stats.bytesReceived, 0);
  client.close();
  await server.stop();
});

test('calls after close() fail with a clear message instead of hanging', async () => {
  const server = await startLoopbackServer({ versions: versions() });
  const client = createClient(server.endpoint);
  client.close();
  await assert.rejects(client.versions(), (e: unknown) => isArmoniKError(e, 'cancelled') && /was closed/.test(e.message));
  await server.stop();
});

test('a control plane without a service answers UNIMPLEMENTED with the method named', async () => {
  const server = await startLoopbackServer({ versions: versions() });
  const client = createClient(server.endpoint);
  await assert.rejects(client.health(), (e: unknown) => isArmoniKError(e, 'unimplemented') && e.message === `the control plane at ${server.endpoint} does not implement HealthChecks/CheckHealth (UNIMPLEMENTED)`);
  client.close();
  await server.stop();
});
