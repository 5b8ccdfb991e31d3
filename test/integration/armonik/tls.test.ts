// TLS and mTLS against grpc-js servers with certificates made at test time by openssl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type * as grpc from '@grpc/grpc-js';
import { createClient, type EndpointConfig } from '../../../src/armonik/client';
import { isArmoniKError, type ArmoniKErrorKind } from '../../../src/armonik/errors';
import { makeTestCertificates, type TestCertificates } from '../../support/certs';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

const made = makeTestCertificates();
const skip = 'skip' in made ? made.skip : undefined;
const certs = made as TestCertificates;
const versions = {
  ListVersions: (_call: unknown, callback: grpc.sendUnaryData<{ core: string; api: string }>) => callback(null, { core: '0.40.1', api: '3.29.0' }),
};
let tls: LoopbackServer, mtls: LoopbackServer, otherName: LoopbackServer, plain: LoopbackServer;

before(async () => {
  if (skip) return;
  tls = await startLoopbackServer({ versions }, { tls: { cert: certs.server.cert, key: certs.server.key } });
  mtls = await startLoopbackServer({ versions }, { tls: { cert: certs.server.cert, key: certs.server.key, clientCa: certs.ca } });
  otherName = await startLoopbackServer({ versions }, { tls: { cert: certs.otherNameServer.cert, key: certs.otherNameServer.key } });
  plain = await startLoopbackServer({ versions });
});
after(async () => {
  if (skip) return;
  for (const s of [tls, mtls, otherName, plain]) await s.stop();
});

async function succeeds(endpoint: string | EndpointConfig): Promise<void> {
  const client = createClient(endpoint, { timeoutMs: 5000 });
  try {
    assert.deepEqual(await client.versions(), { core: '0.40.1', api: '3.29.0' });
  } finally {
    client.close();
  }
}

async function fails(endpoint: string | EndpointConfig, kind: ArmoniKErrorKind, message: RegExp): Promise<void> {
  const client = createClient(endpoint, { timeoutMs: 5000 });
  try {
    await assert.rejects(client.versions(), (e: unknown) => {
      assert.ok(isArmoniKError(e), String(e));
      assert.equal(e.kind, kind, e.message);
      assert.match(e.message, message);
      return true;
    });
  } finally {
    client.close();
  }
}

test('TLS with the cluster CA succeeds (by IP and by host name)', { skip }, async () => {
  await succeeds({ url: tls.endpoint, caFile: certs.caFile });
  await succeeds({ url: tls.endpoint.replace('127.0.0.1', 'localhost'), caFile: certs.caFile });
});

test('TLS without the CA: "not trusted — set the CA file"', { skip }, async () => {
  await fails(tls.endpoint, 'tls', /^TLS: the server certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted — set the CA file/);
});

test('mTLS with a client certificate succeeds, also with an encrypted key and its passphrase', { skip }, async () => {
  await succeeds({ url: mtls.endpoint, caFile: certs.caFile, certFile: certs.client.certFile, keyFile: certs.client.keyFile });
  await succeeds({ url: mtls.endpoint, caFile: certs.caFile, certFile: certs.client.certFile, keyFile: certs.encryptedClientKeyFile, keyPassphrase: certs.passphrase });
});

test('mTLS without a client certificate: "requires a client certificate"', { skip }, async () => {
  await fails({ url: mtls.endpoint, caFile: certs.caFile }, 'tls', /^TLS handshake failed: the server at https:\/\/127\.0\.0\.1:\d+ requires a client certificate \(mTLS\)/);
});

test('mTLS with a certificate from an unknown CA: "rejected the client certificate"', { skip }, async () => {
  await fails({ url: mtls.endpoint, caFile: certs.caFile, certFile: certs.foreignClient.certFile, keyFile: certs.foreignClient.keyFile }, 'tls', /rejected the client certificate/);
});

test('a certificate for another name fails, and the server-name override fixes it', { skip }, async () => {
  await fails({ url: otherName.endpoint, caFile: certs.caFile }, 'tls', /issued for another name — set `armonik\.tls\.serverName`/);
  await succeeds({ url: otherName.endpoint, caFile: certs.caFile, serverName: certs.otherName });
});

test('scheme mismatches are explained both ways', { skip }, async () => {
  await fails({ url: plain.endpoint.replace('http:', 'https:'), caFile: certs.caFile }, 'tls', /does not speak TLS — use http:\/\//);
  await fails(tls.endpoint.replace('https:', 'http:'), 'unavailable', /if the endpoint uses TLS, use https:\/\//);
});
