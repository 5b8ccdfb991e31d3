// Server credentials: plaintext h2c by default (what a local ArmoniK deployment serves,
// reference §14), TLS with a certificate and key, or mTLS when a client CA is given (a client
// certificate signed by that CA is then required, as nginx does with `ingress.mtls`).

import { readFileSync } from 'node:fs';
import { ServerCredentials } from '@grpc/grpc-js';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  /** When set, clients must present a certificate signed by this CA (mTLS). */
  clientCaFile?: string;
}

export class TlsConfigurationError extends Error {
  override readonly name = 'TlsConfigurationError';
}

function readPem(path: string, what: string): Buffer {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TlsConfigurationError(`Cannot read the TLS ${what} file ${path}: ${reason}`);
  }
  if (!data.toString('utf8').includes('-----BEGIN')) {
    throw new TlsConfigurationError(`The TLS ${what} file ${path} is not PEM (no "-----BEGIN" line)`);
  }
  return data;
}

export function serverCredentials(tls: TlsFiles | undefined): ServerCredentials {
  if (!tls) return ServerCredentials.createInsecure();
  const cert = readPem(tls.certFile, 'certificate');
  const key = readPem(tls.keyFile, 'private key');
  const clientCa = tls.clientCaFile ? readPem(tls.clientCaFile, 'client CA') : null;
  try {
    return ServerCredentials.createSsl(clientCa, [{ cert_chain: cert, private_key: key }], clientCa !== null);
  } catch (error) {
    throw new TlsConfigurationError(`Invalid TLS configuration: ${error instanceof Error ? error.message : String(error)}`);
  }
}
