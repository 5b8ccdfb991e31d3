// Test certificates made with `openssl` at test time: a CA, server certificates for
// localhost/127.0.0.1 and for another name (to test server-name overrides), a client certificate
// (plain and passphrase-encrypted key) and a client certificate from a CA the server does not
// trust. Nothing is checked in: keys in a repository end up being reused.
//
// `makeTestCertificates()` returns `{ skip }` when openssl is missing, so TLS tests can call
// `t.skip(skip)` with a clear reason instead of failing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CertPair {
  certFile: string;
  keyFile: string;
  cert: Buffer;
  key: Buffer;
}

export interface TestCertificates {
  dir: string;
  caFile: string;
  ca: Buffer;
  /** SAN: DNS localhost, IP 127.0.0.1. */
  server: CertPair;
  /** SAN: DNS armonik.test only; dialling 127.0.0.1 needs serverName `armonik.test`. */
  otherNameServer: CertPair;
  otherName: string;
  /** Signed by the CA, for mTLS. */
  client: CertPair;
  /** Same client key, encrypted with `passphrase`. */
  encryptedClientKeyFile: string;
  passphrase: string;
  /** Signed by a CA the server does not trust. */
  foreignClient: CertPair;
  /** A CA that signed nothing the server presents. */
  foreignCaFile: string;
  cleanup(): void;
}

function openssl(args: string[], cwd: string): void {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${run.stderr}`);
}

export function opensslAvailable(): boolean {
  const run = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return !run.error && run.status === 0;
}

let cached: TestCertificates | undefined;

function makeCa(dir: string, name: string): void {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`], dir);
  openssl(['req', '-x509', '-new', '-key', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`, '-sha256'], dir);
}

function makeLeaf(dir: string, name: string, ca: string, extensions: string): CertPair {
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.ec.key`], dir);
  // PKCS#8 is what most tools hand out; it also exercises our key parsing.
  openssl(['pkcs8', '-topk8', '-nocrypt', '-in', `${name}.ec.key`, '-out', `${name}.key`], dir);
  openssl(['req', '-new', '-key', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`], dir);
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(
    ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-sha256', '-extfile', `${name}.ext`],
    dir,
  );
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}.key`);
  return { certFile, keyFile, cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/** Creates (once per process) the certificates, or says why it cannot. */
export function makeTestCertificates(): TestCertificates | { skip: string } {
  if (cached) return cached;
  if (!opensslAvailable()) return { skip: 'openssl is not installed: TLS tests need it to make certificates (apt-get install openssl)' };
  const dir = mkdtempSync(join(tmpdir(), 'armonik-certs-'));
  makeCa(dir, 'test-ca');
  makeCa(dir, 'foreign-ca');
  const serverExt = 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n';
  const clientExt = 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';
  const server = makeLeaf(dir, 'server', 'test-ca', `${serverExt}subjectAltName=DNS:localhost,IP:127.0.0.1\n`);
  const otherName = 'armonik.test';
  const otherNameServer = makeLeaf(dir, 'other-server', 'test-ca', `${serverExt}subjectAltName=DNS:${otherName}\n`);
  const client = makeLeaf(dir, 'client', 'test-ca', clientExt);
  const foreignClient = makeLeaf(dir, 'foreign-client', 'foreign-ca', clientExt);
  const passphrase = 'correct horse battery staple';
  openssl(['pkcs8', '-topk8', '-in', 'client.key', '-out', 'client.enc.key', '-passout', `pass:${passphrase}`, '-v2', 'aes-256-cbc'], dir);
  cached = {
    dir,
    caFile: join(dir, 'test-ca.pem'),
    ca: readFileSync(join(dir, 'test-ca.pem')),
    server,
    otherNameServer,
    otherName,
    client,
    encryptedClientKeyFile: join(dir, 'client.enc.key'),
    passphrase,
    foreignClient,
    foreignCaFile: join(dir, 'foreign-ca.pem'),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      cached = undefined;
    },
  };
  return cached;
}
