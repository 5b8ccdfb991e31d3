import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metadata, status } from '@grpc/grpc-js';
import type { ServiceError } from '@grpc/grpc-js';
import { toArmoniKError, type CallContext } from '../../../src/armonik/grpc-errors';
import { ArmoniKError } from '../../../src/armonik/errors';

function serviceError(code: number, details: string): ServiceError {
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });
}

const ctx: CallContext = { endpoint: 'http://127.0.0.1:5999', method: 'Tasks/GetTask' };
const tlsCtx: CallContext = { endpoint: 'https://armonik:5001', method: 'Tasks/GetTask' };

const cases: Array<{ name: string; code: number; details: string; ctx?: CallContext; kind: ArmoniKError['kind']; message: RegExp }> = [
  { name: 'connection refused', code: status.UNAVAILABLE, details: 'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:5999', kind: 'unavailable', message: /^cannot reach ArmoniK at http:\/\/127\.0\.0\.1:5999: connection refused — is the control plane running\? \(check `armonik\.endpoint`\)$/ },
  { name: 'unknown host', code: status.UNAVAILABLE, details: 'Name resolution failed for target dns:nohost:5001', kind: 'unavailable', message: /host not found/ },
  { name: 'untrusted certificate', code: status.UNAVAILABLE, details: 'No connection established. Last error: Error: unable to verify the first certificate', ctx: tlsCtx, kind: 'tls', message: /^TLS: the server certificate of https:\/\/armonik:5001 is not trusted — set the CA file/ },
  { name: 'self-signed', code: status.UNAVAILABLE, details: 'Error: self-signed certificate', ctx: tlsCtx, kind: 'tls', message: /not trusted/ },
  { name: 'name mismatch', code: status.UNAVAILABLE, details: "Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames", ctx: tlsCtx, kind: 'tls', message: /issued for another name — set `armonik\.tls\.serverName`/ },
  { name: 'client certificate required', code: status.UNAVAILABLE, details: 'ssl3_read_bytes:tlsv13 alert certificate required:SSL alert number 116', ctx: tlsCtx, kind: 'tls', message: /^TLS handshake failed: the server at https:\/\/armonik:5001 requires a client certificate \(mTLS\)/ },
  { name: 'client certificate rejected', code: status.UNAVAILABLE, details: 'No connection established. Last error: Failed to connect', ctx: { ...tlsCtx, clientCertificate: true }, kind: 'tls', message: /rejected the client certificate/ },
  { name: 'TLS to a plaintext port', code: status.UNAVAILABLE, details: 'ssl3_get_record:wrong version number', ctx: tlsCtx, kind: 'tls', message: /does not speak TLS — use http:\/\// },
  { name: 'plaintext to a TLS port', code: status.UNAVAILABLE, details: 'No connection established. Last error: Failed to connect', kind: 'unavailable', message: /if the endpoint uses TLS, use https:\/\// },
  { name: 'unimplemented', code: status.UNIMPLEMENTED, details: 'The server does not implement the method /armonik.api.grpc.v1.events.Events/GetEvents', ctx: { endpoint: 'http://h:5001', method: 'Events/GetEvents' }, kind: 'unimplemented', message: /^the control plane at http:\/\/h:5001 does not implement Events\/GetEvents \(UNIMPLEMENTED\)$/ },
  { name: 'not found with a subject', code: status.NOT_FOUND, details: 'Task not found', ctx: { ...ctx, subject: 'task 1234abcd' }, kind: 'not-found', message: /^task 1234abcd not found on http:\/\/127\.0\.0\.1:5999$/ },
  { name: 'illegal transition', code: status.FAILED_PRECONDITION, details: 'it is CLOSED', ctx: { ...ctx, method: 'Sessions/PauseSession', action: 'pause session s1' }, kind: 'failed-precondition', message: /^cannot pause session s1: it is CLOSED \(FAILED_PRECONDITION\)$/ },
  { name: 'invalid argument', code: status.INVALID_ARGUMENT, details: 'Sort direction must not be unspecified', kind: 'invalid-argument', message: /rejected Tasks\/GetTask as invalid: Sort direction must not be unspecified/ },
  { name: 'deadline', code: status.DEADLINE_EXCEEDED, details: 'Deadline exceeded', ctx: { ...ctx, timeoutMs: 250 }, kind: 'deadline-exceeded', message: /got no answer within 250 ms/ },
  { name: 'cancelled by the caller', code: status.CANCELLED, details: 'Cancelled on client', ctx: { ...ctx, abortedByCaller: true }, kind: 'cancelled', message: /cancelled by the caller/ },
  { name: 'cancelled by the server', code: status.CANCELLED, details: 'Cancelled', kind: 'unavailable', message: /cancelled by the server or the network/ },
  { name: 'unauthenticated', code: status.UNAUTHENTICATED, details: '', kind: 'unauthenticated', message: /client certificate \(mTLS\) registered/ },
  { name: 'permission denied', code: status.PERMISSION_DENIED, details: '', kind: 'permission-denied', message: /needs the `Tasks:GetTask` permission/ },
  { name: 'message too large', code: status.RESOURCE_EXHAUSTED, details: 'Received message larger than max (5000 vs. 4000)', kind: 'internal', message: /lower `armonik\.pageSize`/ },
  { name: 'internal', code: status.INTERNAL, details: 'boom', kind: 'internal', message: /Tasks\/GetTask failed on http:\/\/127\.0\.0\.1:5999 \(INTERNAL\): boom/ },
  { name: 'unknown', code: status.UNKNOWN, details: 'Partition gpu not allowed', kind: 'internal', message: /\(UNKNOWN\): Partition gpu not allowed/ },
];

for (const c of cases) {
  test(`gRPC ${c.name} → ${c.kind}`, () => {
    const error = toArmoniKError(serviceError(c.code, c.details), c.ctx ?? ctx);
    assert.equal(error.kind, c.kind);
    assert.match(error.message, c.message);
    assert.equal(error.details.grpcCode, c.code);
    assert.equal(error.details.serverMessage, c.details);
    assert.equal(error.details.method, (c.ctx ?? ctx).method);
  });
}

test('an ArmoniKError passes through; any other error becomes internal with the method', () => {
  const original = new ArmoniKError('not-found', 'x');
  assert.equal(toArmoniKError(original, ctx), original);
  const wrapped = toArmoniKError(new TypeError('bad'), ctx);
  assert.equal(wrapped.kind, 'internal');
  assert.match(wrapped.message, /Tasks\/GetTask on http:\/\/127\.0\.0\.1:5999 failed: bad/);
});
