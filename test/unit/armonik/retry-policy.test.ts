import { test } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { ArmoniKError } from '../../../src/armonik/errors';
import { abortableSleep, backoffDelay, runWithRetry, type RetryPolicy } from '../../../src/armonik/retry-policy';

const policy: RetryPolicy = { maxAttempts: 4, initialBackoffMs: 1, maxBackoffMs: 4 };
const unavailable = () => new ArmoniKError('unavailable', 'down', { grpcCode: status.UNAVAILABLE });

function flaky<T>(failures: ArmoniKError[], value: T): { attempts: () => number; fn: () => Promise<T> } {
  let n = 0;
  return {
    attempts: () => n,
    fn: async () => {
      const failure = failures[n++];
      if (failure) throw failure;
      return value;
    },
  };
}

test('reads retry on UNAVAILABLE until they succeed', async () => {
  const call = flaky([unavailable(), unavailable()], 'ok');
  assert.equal(await runWithRetry(call.fn, { policy, idempotent: true, deadline: Date.now() + 5000 }), 'ok');
  assert.equal(call.attempts(), 3);
});

test('writes never retry, even on UNAVAILABLE', async () => {
  const call = flaky([unavailable()], 'ok');
  await assert.rejects(runWithRetry(call.fn, { policy, idempotent: false, deadline: Date.now() + 5000 }), /down/);
  assert.equal(call.attempts(), 1);
});

test('reads give up after maxAttempts and throw the last error', async () => {
  const call = flaky([unavailable(), unavailable(), unavailable(), unavailable(), unavailable()], 'ok');
  await assert.rejects(runWithRetry(call.fn, { policy, idempotent: true, deadline: Date.now() + 5000 }), (e: unknown) => e instanceof ArmoniKError && e.kind === 'unavailable');
  assert.equal(call.attempts(), 4);
});

test('permanent failures are not retried: not found, TLS, UNAVAILABLE-looking TLS errors', async () => {
  for (const failure of [
    new ArmoniKError('not-found', 'nope', { grpcCode: status.NOT_FOUND }),
    new ArmoniKError('tls', 'untrusted', { grpcCode: status.UNAVAILABLE }),
    new ArmoniKError('internal', 'boom', { grpcCode: status.INTERNAL }),
  ]) {
    const call = flaky([failure], 'ok');
    await assert.rejects(runWithRetry(call.fn, { policy, idempotent: true, deadline: Date.now() + 5000 }));
    assert.equal(call.attempts(), 1, failure.kind);
  }
});

test('retries stop when the next backoff would cross the deadline', async () => {
  let now = 0;
  const call = flaky([unavailable(), unavailable(), unavailable()], 'ok');
  const delays: number[] = [];
  await assert.rejects(
    runWithRetry(call.fn, {
      policy: { maxAttempts: 10, initialBackoffMs: 100, maxBackoffMs: 1000 },
      idempotent: true,
      deadline: 150,
      now: () => now,
      random: () => 1,
      onRetry: (_, delay) => {
        delays.push(delay);
        now += delay;
      },
    }),
  );
  // First backoff is 100 ms (fits before 150), the second 200 ms would not.
  assert.deepEqual(delays, [100]);
  assert.equal(call.attempts(), 2);
});

test('backoff doubles, is capped, and jitters within [half, full]', () => {
  const p = { initialBackoffMs: 100, maxBackoffMs: 500 };
  assert.equal(backoffDelay(1, p, () => 1), 100);
  assert.equal(backoffDelay(2, p, () => 1), 200);
  assert.equal(backoffDelay(5, p, () => 1), 500);
  assert.equal(backoffDelay(5, p, () => 0), 250);
});

test('a backoff sleep ends at once when the caller aborts', async () => {
  const controller = new AbortController();
  const started = Date.now();
  const sleeping = abortableSleep(10_000, controller.signal);
  controller.abort();
  await assert.rejects(sleeping, (e: unknown) => e instanceof ArmoniKError && e.kind === 'cancelled');
  assert.ok(Date.now() - started < 1000);
});
