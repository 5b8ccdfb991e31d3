import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEndpoint, parseEndpoint } from '../../../src/armonik/endpoint';
import { isArmoniKError } from '../../../src/armonik/errors';
import { makeTestCertificates } from '../../support/certs';

function configError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(isArmoniKError(error, 'configuration'), `expected a configuration error, got ${String(error)}`);
    assert.match(error.message, pattern);
    return true;
  });
}

test('plaintext and TLS URLs resolve to an address and a scheme', () => {
  const plain = parseEndpoint('http://127.0.0.1:5001');
  assert.equal(plain.tls, false);
  assert.equal(plain.address, '127.0.0.1:5001');
  assert.equal(plain.url, 'http://127.0.0.1:5001');
  const tls = parseEndpoint('https://armonik.example.com:5001/');
  assert.equal(tls.tls, true);
  assert.equal(tls.address, 'armonik.example.com:5001');
  assert.equal(tls.url, 'https://armonik.example.com:5001');
});

test('host:port and a bare host mean plaintext on ArmoniK\'s port', () => {
  assert.equal(parseEndpoint('localhost:5001').url, 'http://localhost:5001');
  assert.equal(parseEndpoint('  10.0.0.7:6000  ').url, 'http://10.0.0.7:6000');
  assert.equal(parseEndpoint('armonik-host').url, 'http://armonik-host:5001');
});

test('explicit schemes without a port follow URL rules', () => {
  assert.equal(parseEndpoint('http://host').port, 80);
  assert.equal(parseEndpoint('https://host').port, 443);
  assert.equal(parseEndpoint('HTTPS://Host:5001').url, 'https://host:5001');
});

test('trailing slashes are accepted, IPv6 hosts keep their brackets', () => {
  assert.equal(parseEndpoint('http://127.0.0.1:5001///').url, 'http://127.0.0.1:5001');
  assert.equal(parseEndpoint('http://[::1]:5001').address, '[::1]:5001');
});

test('bad endpoint strings give precise configuration errors', () => {
  configError(() => parseEndpoint(''), /endpoint is empty/);
  configError(() => parseEndpoint('ftp://host:21'), /unsupported scheme 'ftp'.*http:\/\/.*https:\/\//);
  configError(() => parseEndpoint('http://host:5001/armonik'), /has a path/);
  configError(() => parseEndpoint('http://host:5001?x=1'), /query/);
  configError(() => parseEndpoint('http://user:pw@host:5001'), /credentials/);
  configError(() => parseEndpoint('http://host:99999'), /not a valid ArmoniK endpoint/);
  configError(() => parseEndpoint('http://exa mple:5001'), /not a valid ArmoniK endpoint/);
});

test('TLS settings on an http endpoint are ignored with a warning, not an error', () => {
  const resolved = parseEndpoint({ url: 'http://127.0.0.1:5001', caFile: '/nope/ca.pem', serverName: 'x' });
  assert.equal(resolved.tls, false);
  assert.equal(resolved.rootCerts, undefined);
  assert.match(resolved.warnings[0] ?? '', /caFile, serverName ignored: http:\/\/127\.0\.0\.1:5001 is plaintext/);
});

test('unreadable or invalid certificate files are configuration errors naming the file and setting', (t) => {
  const certs = makeTestCertificates();
  if ('skip' in certs) return t.skip(certs.skip);
  const url = 'https://127.0.0.1:5001';
  configError(() => parseEndpoint({ url, caFile: '/does/not/exist.pem' }), /cannot read the CA file '\/does\/not\/exist\.pem': no such file \(setting `armonik\.tls\.caFile`\)/);
  const garbage = join(certs.dir, 'garbage.pem');
  writeFileSync(garbage, 'hello');
  configError(() => parseEndpoint({ url, caFile: garbage }), /is not a PEM certificate/);
  configError(() => parseEndpoint({ url, certFile: certs.client.certFile }), /no client key/);
  configError(() => parseEndpoint({ url, keyFile: certs.client.keyFile }), /no client certificate/);
  configError(() => parseEndpoint({ url, certFile: certs.client.certFile, keyFile: garbage }), /not a valid PEM private key/);
  configError(() => parseEndpoint({ url, certFile: certs.client.certFile, keyFile: certs.server.keyFile }), /does not belong to the client certificate/);
  configError(() => parseEndpoint({ url, certFile: certs.client.certFile, keyFile: certs.encryptedClientKeyFile }), /is encrypted: set its passphrase/);
  configError(
    () => parseEndpoint({ url, certFile: certs.client.certFile, keyFile: certs.encryptedClientKeyFile, keyPassphrase: 'wrong' }),
    /cannot decrypt the client key .*: wrong passphrase/,
  );
  configError(() => parseEndpoint({ url, serverName: 'https://x' }), /bare host name/);
});

test('an encrypted client key is decrypted in memory for grpc-js', (t) => {
  const certs = makeTestCertificates();
  if ('skip' in certs) return t.skip(certs.skip);
  const resolved = parseEndpoint({
    url: 'https://127.0.0.1:5001',
    caFile: certs.caFile,
    certFile: certs.client.certFile,
    keyFile: certs.encryptedClientKeyFile,
    keyPassphrase: certs.passphrase,
    serverName: certs.otherName,
  });
  assert.match(resolved.clientKey?.toString() ?? '', /-----BEGIN PRIVATE KEY-----/);
  assert.doesNotMatch(resolved.clientKey?.toString() ?? '', /ENCRYPTED/);
  assert.deepEqual(resolved.rootCerts, certs.ca);
  assert.equal(resolved.serverName, certs.otherName);
});

test('describeEndpoint says how the endpoint is secured', (t) => {
  assert.equal(describeEndpoint('http://127.0.0.1:5001'), 'http://127.0.0.1:5001');
  assert.equal(describeEndpoint(parseEndpoint('https://host:5001')), 'https://host:5001 (system CAs)');
  const certs = makeTestCertificates();
  if ('skip' in certs) return t.skip(certs.skip);
  const text = describeEndpoint(
    parseEndpoint({ url: 'https://host:5001', caFile: certs.caFile, certFile: certs.client.certFile, keyFile: certs.client.keyFile, serverName: 'armonik.test' }),
  );
  assert.equal(text, `https://host:5001 (CA ${certs.caFile}, client cert ${certs.client.certFile}, server name armonik.test)`);
});
