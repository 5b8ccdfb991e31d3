// TLS and mTLS start-up: certificates made with openssl for the test (a CA, a server certificate
// for 127.0.0.1/localhost, a client certificate), then real TLS connections to the simulator.

import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSimulator } from '../../../src/simulator/simulator';
import { TlsConfigurationError } from '../../../src/simulator/server/tls-credentials';
import { rawClients, rejectsWith, rpc } from './grpc-test-client';

function openssl(cwd: string, ...args: string[]): void {
  execFileSync('openssl', args, { cwd, stdio: 'pipe' });
}

function issue(dir: string, name: string, subject: string, extensions: string): void {
  openssl(dir, 'req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '1', '-extfile', `${name}.ext`);
}

describe('TLS and mTLS', () => {
  let dir: string;
  const file = (name: string) => join(dir, name);
  const read = (name: string) => readFileSync(file(name));

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'armonik-sim-tls-'));
    openssl(dir, 'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=armonik-test-ca');
    issue(dir, 'server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
    issue(dir, 'client', '/CN=armonik-test-client', 'extendedKeyUsage=clientAuth\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves TLS: https endpoint, trusted clients connect, plaintext clients cannot', async () => {
    const sim = await startSimulator({ clock: { kind: 'manual' }, tls: { certFile: file('server.crt'), keyFile: file('server.key') } });
    try {
      assert.match(sim.endpoint, /^https:\/\/127\.0\.0\.1:\d+$/);
      const secure = rawClients(sim.endpoint, grpc.credentials.createSsl(read('ca.crt')));
      assert.equal((await rpc(secure.versions, 'ListVersions', {})).api, '3.29.0');
      secure.close();
      const plain = rawClients(sim.endpoint, grpc.credentials.createInsecure());
      await rejectsWith(rpc(plain.versions, 'ListVersions', {}), grpc.status.UNAVAILABLE);
      plain.close();
    } finally {
      await sim.stop();
    }
  });

  it('serves mTLS: a client certificate signed by the client CA is required', async () => {
    const sim = await startSimulator({
      clock: { kind: 'manual' },
      tls: { certFile: file('server.crt'), keyFile: file('server.key'), clientCaFile: file('ca.crt') },
    });
    try {
      const anonymous = rawClients(sim.endpoint, grpc.credentials.createSsl(read('ca.crt')));
      await rejectsWith(rpc(anonymous.versions, 'ListVersions', {}), grpc.status.UNAVAILABLE);
      anonymous.close();
      const withCert = rawClients(sim.endpoint, grpc.credentials.createSsl(read('ca.crt'), read('client.key'), read('client.crt')));
      assert.equal((await rpc(withCert.versions, 'ListVersions', {})).api, '3.29.0');
      withCert.close();
    } finally {
      await sim.stop();
    }
  });

  it('refuses unreadable or non-PEM files before starting, naming the file', async () => {
    await assert.rejects(startSimulator({ tls: { certFile: file('missing.crt'), keyFile: file('server.key') } }), (e: unknown) => {
      assert.ok(e instanceof TlsConfigurationError);
      assert.match(e.message, /certificate file .*missing\.crt/);
      return true;
    });
    await assert.rejects(startSimulator({ tls: { certFile: file('server.ext'), keyFile: file('server.key') } }), /not PEM/);
  });
});
