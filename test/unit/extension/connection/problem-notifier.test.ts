import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ArmoniKError, type ArmoniKErrorKind } from '../../../../src/armonik/errors';
import type { ConnectionSnapshot, ConnectionState } from '../../../../src/extension/connection/connection-manager';
import { ProblemNotifier } from '../../../../src/extension/connection/problem-notifier';

const URL_A = 'http://10.0.0.1:5001';
const URL_B = 'http://10.0.0.2:5001';

function snap(state: ConnectionState, url: string | undefined = URL_A, error?: Error): ConnectionSnapshot {
  return {
    state,
    target: url ? { url, tls: {}, source: 'settings', label: url } : undefined,
    error,
    health: undefined,
    versions: undefined,
    checkedAt: undefined,
  };
}

const failure = (kind: ArmoniKErrorKind, message = `cannot reach ArmoniK at ${URL_A}: connection refused`) =>
  snap('error', URL_A, new ArmoniKError(kind, message));

/** A notifier wired to fakes: `emit` plays the connection's state changes, `shown` records each
 * error message with its buttons, `answer(i, button)` clicks a button of the i-th message. */
function harness() {
  const listeners: Array<(s: ConnectionSnapshot) => void> = [];
  const shown: Array<{ message: string; buttons: string[]; click(button: string | undefined): void }> = [];
  const calls: string[] = [];
  let disposed = false;
  const notifier = new ProblemNotifier({
    onDidChange: (listener) => {
      listeners.push(listener);
      return { dispose: () => (disposed = true) };
    },
    showError: (message, ...buttons) =>
      new Promise<string | undefined>((resolve) => shown.push({ message, buttons, click: resolve })),
    reconnect: (reason) => calls.push(`reconnect(${reason})`),
    openSettings: () => calls.push('openSettings'),
    showLog: () => calls.push('showLog'),
    localize: (label) => label,
  });
  const emit = (...snaps: ConnectionSnapshot[]) => snaps.forEach((s) => listeners.forEach((l) => l(s)));
  const answer = async (index: number, button: string | undefined) => {
    shown[index]!.click(button);
    // Let the notifier's `.then` run.
    await new Promise((r) => setImmediate(r));
  };
  return { notifier, emit, shown, calls, answer, isDisposed: () => disposed };
}

test('several consecutive connection errors show one message with Retry, Open Settings and Show Log', () => {
  const h = harness();
  // What a dead endpoint produces: the first check, then background retries and every tree row
  // or hover asking in between.
  h.emit(snap('connecting'), failure('unavailable'), snap('connecting'), failure('unavailable'), snap('connecting'), failure('unavailable'));
  assert.equal(h.shown.length, 1);
  assert.equal(h.shown[0]!.message, `ArmoniK: cannot reach ArmoniK at ${URL_A}: connection refused`);
  assert.deepEqual(h.shown[0]!.buttons, ['Retry', 'Open Settings', 'Show Log']);
});

test('a recovery followed by a new failure shows a new message', () => {
  const h = harness();
  h.emit(failure('unavailable'), failure('unavailable'));
  h.emit(snap('connecting'), snap('connected'));
  assert.equal(h.shown.length, 1, 'connecting again is not worth a message');
  h.emit(snap('connecting'), failure('unavailable'), failure('unavailable'));
  assert.equal(h.shown.length, 2);
});

test('going back to "no endpoint" also re-arms the message', () => {
  const h = harness();
  h.emit(failure('unavailable'), snap('disconnected', undefined), failure('unavailable'));
  assert.equal(h.shown.length, 2);
});

test('a different problem or another endpoint is a new message, the same one is not', () => {
  const h = harness();
  h.emit(failure('unavailable'));
  h.emit(failure('unavailable', 'cannot reach ArmoniK: another wording of the same refusal'));
  assert.equal(h.shown.length, 1, 'same endpoint and kind of problem');
  h.emit(failure('tls', `TLS handshake with ${URL_A} failed: certificate signed by an unknown authority`));
  assert.equal(h.shown.length, 2, 'a TLS problem after a refusal is news');
  h.emit(snap('error', URL_B, new ArmoniKError('tls', `TLS handshake with ${URL_B} failed`)));
  assert.equal(h.shown.length, 3, 'the same problem on another endpoint is news');
  assert.match(h.shown[2]!.message, /10\.0\.0\.2/);
});

test('an error without a reason shows nothing (nothing actionable to say)', () => {
  const h = harness();
  h.emit(snap('error', URL_A, undefined));
  assert.equal(h.shown.length, 0);
});

test('Retry reconnects, and a failure of that retry is shown again', async () => {
  const h = harness();
  h.emit(failure('unavailable'));
  await h.answer(0, 'Retry');
  assert.deepEqual(h.calls, ['reconnect(retry requested)']);
  // The retry fails the same way: the user asked, so the user is told.
  h.emit(snap('connecting'), failure('unavailable'));
  assert.equal(h.shown.length, 2);
});

test('Open Settings and Show Log do what they say, closing the message does nothing', async () => {
  const h = harness();
  h.emit(failure('unavailable'));
  await h.answer(0, 'Open Settings');
  assert.deepEqual(h.calls, ['openSettings']);
  h.emit(failure('tls'));
  await h.answer(1, 'Show Log');
  assert.deepEqual(h.calls, ['openSettings', 'showLog']);
  h.emit(failure('configuration'));
  await h.answer(2, undefined);
  assert.deepEqual(h.calls, ['openSettings', 'showLog']);
  // Neither button re-arms the message: the same problem stays quiet.
  h.emit(failure('configuration'));
  assert.equal(h.shown.length, 3);
});

test('disposing stops listening to the connection', () => {
  const h = harness();
  h.notifier.dispose();
  assert.equal(h.isDisposed(), true);
});
