// One ArmoniK endpoint: where the control plane listens and how to talk to it (plaintext h2c,
// TLS, mTLS). Everything that can be checked before a call is checked here, so that a typo in a
// setting becomes a precise 'configuration' error instead of a confusing handshake failure later.
//
// Accepted forms (reference §14):
//   http://host:5001      plaintext HTTP/2 (h2c): a default local deployment, the simulator
//   https://host:5001     TLS, trusting the system CAs, or `caFile` when given
//   host:5001             same as http://host:5001
//   host                  http://host:5001 (5001 is ArmoniK's gRPC port; with an explicit scheme
//                         and no port, URL rules apply instead: 80 for http, 443 for https)
// Trailing slashes are ignored; paths, queries and credentials in the URL are rejected because
// gRPC routes on `/armonik.*` paths of its own.

import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ArmoniKError } from './errors';

/** What a user configures (settings, CLI flags). File paths are PEM files. */
export interface EndpointConfig {
  url: string;
  /** CA bundle (PEM) to trust instead of the system CAs, for clusters with their own CA. */
  caFile?: string;
  /** Client certificate (PEM) for mTLS; needs `keyFile`. */
  certFile?: string;
  /** Client private key (PEM, PKCS#1/PKCS#8/SEC1, optionally encrypted); needs `certFile`. */
  keyFile?: string;
  /** Passphrase of an encrypted `keyFile`. */
  keyPassphrase?: string;
  /** Name to check the server certificate against (and send as :authority), for self-signed
   * clusters whose certificate names a host other than the one dialled. */
  serverName?: string;
}

/** A validated endpoint, with TLS material loaded and decrypted, ready for grpc-js. */
export interface ResolvedEndpoint {
  /** Normalised URL, e.g. `http://127.0.0.1:5001`; used in every message. */
  url: string;
  tls: boolean;
  host: string;
  port: number;
  /** `host:port` as grpc-js dials it (IPv6 hosts in brackets). */
  address: string;
  /** PEM bytes, present when `caFile` was given (https only). */
  rootCerts?: Buffer;
  /** PEM bytes of the client certificate and of the *decrypted* key (https only). */
  clientCert?: Buffer;
  clientKey?: Buffer;
  serverName?: string;
  /** The configuration as given, for `describeEndpoint`. */
  config: EndpointConfig;
  /** Things that were ignored, e.g. TLS files configured for an http:// endpoint. */
  warnings: string[];
}

const DEFAULT_ARMONIK_PORT = 5001;

function configError(message: string, endpoint?: string, cause?: unknown): ArmoniKError {
  return new ArmoniKError('configuration', message, { ...(endpoint ? { endpoint } : {}), ...(cause ? { cause } : {}) });
}

function parseUrl(raw: string): { tls: boolean; host: string; port: number } {
  const trimmed = raw.trim();
  if (trimmed === '') {
    throw configError('the ArmoniK endpoint is empty: set it to a URL such as http://127.0.0.1:5001 (setting `armonik.endpoint`)');
  }
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(trimmed);
  const scheme = schemeMatch?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw configError(
      `unsupported scheme '${scheme}' in ArmoniK endpoint '${trimmed}': use http:// (plaintext HTTP/2) or https:// (TLS)`,
    );
  }
  let url: URL;
  try {
    url = new URL(scheme === undefined ? `http://${trimmed}` : trimmed);
  } catch (cause) {
    throw configError(`'${trimmed}' is not a valid ArmoniK endpoint: expected a URL such as http://127.0.0.1:5001`, undefined, cause);
  }
  if (url.username || url.password) {
    throw configError(`the ArmoniK endpoint '${trimmed}' contains credentials; ArmoniK authenticates with client certificates (mTLS), remove them from the URL`);
  }
  if (url.pathname.replace(/\/+$/, '') !== '' || url.search || url.hash) {
    throw configError(
      `the ArmoniK endpoint '${trimmed}' has a path, query or fragment; gRPC endpoints are only scheme://host:port (e.g. ${url.protocol}//${url.host})`,
    );
  }
  if (url.hostname === '') throw configError(`the ArmoniK endpoint '${trimmed}' has no host name`);
  const tls = url.protocol === 'https:';
  // URL drops default ports (80/443), so an explicit ":80" and none look alike; both mean 80.
  const port = url.port !== '' ? Number(url.port) : scheme === undefined ? DEFAULT_ARMONIK_PORT : tls ? 443 : 80;
  // URL keeps IPv6 brackets in hostname; grpc-js wants them in the address too.
  return { tls, host: url.hostname, port };
}

function readPem(path: string, what: string, setting: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : String(cause);
    throw configError(`cannot read the ${what} '${path}': ${reason} (setting \`${setting}\`)`, undefined, cause);
  }
  return bytes;
}

function loadCa(path: string): Buffer {
  const pem = readPem(path, 'CA file', 'armonik.tls.caFile');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw configError(`the CA file '${path}' is not a PEM certificate (no "BEGIN CERTIFICATE" block); convert it with \`openssl x509 -inform der -in ${path} -out ca.pem\``);
  }
  try {
    new X509Certificate(pem);
  } catch (cause) {
    throw configError(`the CA file '${path}' holds an invalid certificate: ${(cause as Error).message}`, undefined, cause);
  }
  return pem;
}

function loadClientCertificate(certFile: string, keyFile: string, passphrase: string | undefined): { cert: Buffer; key: Buffer } {
  const certPem = readPem(certFile, 'client certificate', 'armonik.tls.certFile');
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch (cause) {
    throw configError(`the client certificate '${certFile}' is not a valid PEM certificate: ${(cause as Error).message}`, undefined, cause);
  }
  const keyPem = readPem(keyFile, 'client key', 'armonik.tls.keyFile');
  const encrypted = /ENCRYPTED/.test(keyPem.toString('latin1'));
  if (encrypted && !passphrase) {
    throw configError(`the client key '${keyFile}' is encrypted: set its passphrase (command "ArmoniK: Set Client Key Passphrase", or --key-passphrase)`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: keyPem, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  } catch (cause) {
    const message = (cause as Error).message;
    const wrongPassphrase = encrypted && /decrypt|bad decrypt|passphrase/i.test(message);
    throw configError(
      wrongPassphrase
        ? `cannot decrypt the client key '${keyFile}': wrong passphrase`
        : `the client key '${keyFile}' is not a valid PEM private key: ${message}`,
      undefined,
      cause,
    );
  }
  if (!cert.checkPrivateKey(key)) {
    throw configError(`the client key '${keyFile}' does not belong to the client certificate '${certFile}'`);
  }
  if (Date.parse(cert.validTo) < Date.now()) {
    throw configError(`the client certificate '${certFile}' expired on ${cert.validTo}; ask for a new one`);
  }
  // grpc-js cannot take a passphrase: hand it the key decrypted, in memory only.
  const decrypted = key.export({ format: 'pem', type: 'pkcs8' });
  return { cert: certPem, key: Buffer.isBuffer(decrypted) ? decrypted : Buffer.from(decrypted) };
}

/**
 * Validates an endpoint and loads its TLS material. Throws ArmoniKError 'configuration' with a
 * message naming the offending value and the setting to change.
 */
export function parseEndpoint(input: string | EndpointConfig): ResolvedEndpoint {
  const config: EndpointConfig = typeof input === 'string' ? { url: input } : { ...input };
  if (typeof config.url !== 'string') throw configError('the ArmoniK endpoint is missing: set `armonik.endpoint`');
  const { tls, host, port } = parseUrl(config.url);
  const url = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const address = `${host}:${port}`;
  const warnings: string[] = [];
  const resolved: ResolvedEndpoint = { url, tls, host, port, address, config, warnings };

  const tlsSettings = (['caFile', 'certFile', 'keyFile', 'serverName'] as const).filter((k) => nonEmpty(config[k]));
  if (!tls) {
    // Settings persist when users switch between a TLS cluster and a local simulator, so TLS
    // files on an http:// endpoint are reported, not fatal.
    if (tlsSettings.length > 0) {
      warnings.push(`${tlsSettings.join(', ')} ignored: ${url} is plaintext (use https:// for TLS)`);
    }
    return resolved;
  }
  try {
    if (nonEmpty(config.caFile)) resolved.rootCerts = loadCa(config.caFile);
    const hasCert = nonEmpty(config.certFile);
    const hasKey = nonEmpty(config.keyFile);
    if (hasCert !== hasKey) {
      throw configError(
        hasCert
          ? `a client certificate is set but no client key: set \`armonik.tls.keyFile\` too (mTLS needs both)`
          : `a client key is set but no client certificate: set \`armonik.tls.certFile\` too (mTLS needs both)`,
      );
    }
    if (hasCert && hasKey) {
      const { cert, key } = loadClientCertificate(config.certFile!, config.keyFile!, config.keyPassphrase);
      resolved.clientCert = cert;
      resolved.clientKey = key;
    }
  } catch (error) {
    if (error instanceof ArmoniKError) {
      throw new ArmoniKError(error.kind, `${url}: ${error.message}`, { ...error.details, endpoint: url });
    }
    throw error;
  }
  if (nonEmpty(config.serverName)) {
    if (/[\s/:]/.test(config.serverName.trim())) {
      throw configError(`the TLS server name '${config.serverName}' must be a bare host name (no scheme, port or path)`, url);
    }
    resolved.serverName = config.serverName.trim();
  }
  return resolved;
}

function nonEmpty(value: string | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** One line for messages and logs, e.g. `https://host:5001 (CA ca.pem, client cert me.pem, server name armonik.local)`. */
export function describeEndpoint(endpoint: ResolvedEndpoint | EndpointConfig | string): string {
  if (typeof endpoint === 'string') return endpoint.trim();
  const url = 'address' in endpoint ? endpoint.url : endpoint.url.trim();
  const config = 'address' in endpoint ? endpoint.config : endpoint;
  const tls = 'address' in endpoint ? endpoint.tls : /^https:/i.test(url);
  if (!tls) return url;
  const parts: string[] = [];
  parts.push(nonEmpty(config.caFile) ? `CA ${config.caFile}` : 'system CAs');
  if (nonEmpty(config.certFile)) parts.push(`client cert ${config.certFile}`);
  if (nonEmpty(config.serverName)) parts.push(`server name ${config.serverName.trim()}`);
  return `${url} (${parts.join(', ')})`;
}
