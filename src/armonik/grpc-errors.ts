// gRPC failures → ArmoniKError with a message a user can act on. The server's own text is kept in
// `details.serverMessage` for the log; the message says what failed, where and what to do.
//
// grpc-js reports every transport problem (refused, DNS, TLS) as UNAVAILABLE with a free-form
// `details` string from Node's net/tls layers, so the transport cases are told apart by that text.

import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { ArmoniKError, type ArmoniKErrorKind } from './errors';

export interface CallContext {
  /** Endpoint URL for messages. */
  endpoint: string;
  /** `Service/Method`, e.g. `Tasks/GetTask`. */
  method: string;
  /** What the call was about, for NOT_FOUND, e.g. `task 1234…` (`<subject> not found`). */
  subject?: string;
  /** What the call tried to do, for FAILED_PRECONDITION, e.g. `pause session 1234…`. */
  action?: string;
  /** The deadline that applied, for DEADLINE_EXCEEDED. */
  timeoutMs?: number;
  /** True when the caller's AbortSignal fired (CANCELLED is then the caller's doing). */
  abortedByCaller?: boolean;
  /** True when the endpoint presents a client certificate (mTLS), to explain closed handshakes. */
  clientCertificate?: boolean;
}

export function isServiceError(error: unknown): error is ServiceError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'number' &&
    'details' in error
  );
}

/** Shortens IDs in messages: GUIDs are long and the first 8 characters identify them in practice. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** The transport failure hidden in an UNAVAILABLE's details, if it is one we can explain. */
function explainTransport(details: string, endpoint: string, clientCertificate: boolean): { kind: ArmoniKErrorKind; message: string } | undefined {
  const d = details.toLowerCase();
  const https = endpoint.startsWith('https:');
  if (d.includes('econnrefused')) {
    return {
      kind: 'unavailable',
      message: `cannot reach ArmoniK at ${endpoint}: connection refused — is the control plane running? (check \`armonik.endpoint\`)`,
    };
  }
  if (d.includes('enotfound') || d.includes('eai_again') || d.includes('name resolution') || d.includes('dns resolution failed')) {
    return { kind: 'unavailable', message: `cannot reach ArmoniK at ${endpoint}: host not found — check the host name in \`armonik.endpoint\`` };
  }
  if (d.includes('ehostunreach') || d.includes('enetunreach')) {
    return { kind: 'unavailable', message: `cannot reach ArmoniK at ${endpoint}: no route to host — check the network or VPN` };
  }
  if (d.includes('etimedout')) {
    return { kind: 'unavailable', message: `cannot reach ArmoniK at ${endpoint}: connection timed out — check the host, the port and any firewall` };
  }
  if (d.includes('certificate required') || d.includes('alert number 116') || d.includes('peer did not return a certificate')) {
    return {
      kind: 'tls',
      message: `TLS handshake failed: the server at ${endpoint} requires a client certificate (mTLS) — set \`armonik.tls.certFile\` and \`armonik.tls.keyFile\``,
    };
  }
  if (d.includes('unknown ca') || d.includes('alert number 48') || d.includes('bad certificate') || d.includes('alert number 42')) {
    return {
      kind: 'tls',
      message: `TLS handshake failed: the server at ${endpoint} rejected the client certificate (mTLS) — it must be signed by a CA the cluster trusts`,
    };
  }
  if (d.includes("does not match certificate's altnames") || d.includes('hostname/ip does not match')) {
    return {
      kind: 'tls',
      message: `TLS: the server certificate of ${endpoint} is issued for another name — set \`armonik.tls.serverName\` to the name in the certificate`,
    };
  }
  if (
    d.includes('self-signed') ||
    d.includes('self signed') ||
    d.includes('unable to verify') ||
    d.includes('unable to get local issuer') ||
    d.includes('unable to get issuer') ||
    d.includes('certificate has expired') ||
    d.includes('cert_')
  ) {
    const expired = d.includes('expired');
    return {
      kind: 'tls',
      message: expired
        ? `TLS: the server certificate of ${endpoint} has expired — renew it on the cluster`
        : `TLS: the server certificate of ${endpoint} is not trusted — set the CA file (\`armonik.tls.caFile\`) to the cluster's CA`,
    };
  }
  if (d.includes('wrong version number') || d.includes('packet length too long') || d.includes('http_request')) {
    return {
      kind: 'tls',
      message: `TLS handshake failed: ${endpoint} does not speak TLS — use http:// for a plaintext endpoint`,
    };
  }
  // grpc-js reports a connection that closed before HTTP/2 was up as a bare "Failed to connect":
  // with TLS 1.3 that is how a server rejecting our client certificate looks, and without TLS it
  // is how a TLS port answers a plaintext client.
  if (d.includes('failed to connect')) {
    if (https && clientCertificate) {
      return {
        kind: 'tls',
        message: `TLS: ${endpoint} closed the connection during setup — it probably rejected the client certificate (mTLS: it must be signed by a CA the cluster trusts)`,
      };
    }
    if (!https) {
      return {
        kind: 'unavailable',
        message: `cannot reach ArmoniK at ${endpoint}: the connection closed during setup — if the endpoint uses TLS, use https://`,
      };
    }
  }
  if (https && (d.includes('ssl') || d.includes('tls') || d.includes('handshake'))) {
    return { kind: 'tls', message: `TLS handshake with ${endpoint} failed: ${details}` };
  }
  if (!https && (d.includes('protocol error') || d.includes('received http/0.9') || d.includes('http2 session') && d.includes('goaway'))) {
    return {
      kind: 'unavailable',
      message: `cannot talk gRPC to ${endpoint}: the server did not answer with plaintext HTTP/2 — if it uses TLS, use https://`,
    };
  }
  return undefined;
}

const CODE_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(GrpcStatus)
    .filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => [v as number, k]),
);

export function grpcCodeName(code: number): string {
  return CODE_NAMES[code] ?? `code ${code}`;
}

/** Turns any failure of a call into an ArmoniKError (an ArmoniKError passes through unchanged). */
export function toArmoniKError(error: unknown, ctx: CallContext): ArmoniKError {
  if (error instanceof ArmoniKError) return error;
  if (!isServiceError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ArmoniKError('internal', `${ctx.method} on ${ctx.endpoint} failed: ${message}`, {
      endpoint: ctx.endpoint,
      method: ctx.method,
      cause: error,
    });
  }
  const code = error.code;
  const server = (error.details ?? '').trim();
  const base = { endpoint: ctx.endpoint, method: ctx.method, grpcCode: code, serverMessage: server, cause: error };
  const withServer = server ? `: ${server}` : '';
  const make = (kind: ArmoniKErrorKind, message: string) => new ArmoniKError(kind, message, base);

  switch (code) {
    case GrpcStatus.CANCELLED:
      return ctx.abortedByCaller
        ? make('cancelled', `${ctx.method} cancelled by the caller`)
        : make('unavailable', `the call ${ctx.method} to ${ctx.endpoint} was cancelled by the server or the network${withServer} — try again`);
    case GrpcStatus.DEADLINE_EXCEEDED:
      return make(
        'deadline-exceeded',
        `${ctx.method} on ${ctx.endpoint} got no answer within ${ctx.timeoutMs !== undefined ? `${ctx.timeoutMs} ms` : 'its deadline'} — the control plane may be overloaded; narrow the query or raise \`armonik.requestTimeoutMs\``,
      );
    case GrpcStatus.NOT_FOUND:
      return make('not-found', ctx.subject ? `${ctx.subject} not found on ${ctx.endpoint}` : `${ctx.method} on ${ctx.endpoint}: not found${withServer}`);
    case GrpcStatus.FAILED_PRECONDITION:
    case GrpcStatus.ALREADY_EXISTS:
      return make(
        'failed-precondition',
        `cannot ${ctx.action ?? `call ${ctx.method}`}${server ? `: ${server}` : ''} (${grpcCodeName(code)})`,
      );
    case GrpcStatus.INVALID_ARGUMENT:
      return make('invalid-argument', `ArmoniK at ${ctx.endpoint} rejected ${ctx.method} as invalid${withServer}`);
    case GrpcStatus.UNIMPLEMENTED:
      return make('unimplemented', `the control plane at ${ctx.endpoint} does not implement ${ctx.method} (UNIMPLEMENTED)`);
    case GrpcStatus.UNAUTHENTICATED:
      return make(
        'unauthenticated',
        `ArmoniK at ${ctx.endpoint} did not recognise you (UNAUTHENTICATED)${withServer} — use a client certificate (mTLS) registered with the cluster`,
      );
    case GrpcStatus.PERMISSION_DENIED: {
      const permission = ctx.method.replace('/', ':');
      return make('permission-denied', `permission denied for ${ctx.method} on ${ctx.endpoint} — your user needs the \`${permission}\` permission${withServer ? ` (${server})` : ''}`);
    }
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return make(
        'internal',
        /larger than max|message length|max.*message/i.test(server)
          ? `${ctx.method} on ${ctx.endpoint}: the answer is too large${withServer} — lower \`armonik.pageSize\``
          : `${ctx.method} on ${ctx.endpoint}: the control plane is out of resources${withServer} — try again later`,
      );
    case GrpcStatus.UNAVAILABLE: {
      const transport = explainTransport(server, ctx.endpoint, ctx.clientCertificate === true);
      if (transport) return make(transport.kind, transport.message);
      return make('unavailable', `cannot reach ArmoniK at ${ctx.endpoint}${withServer} — is the control plane running? (check \`armonik.endpoint\`)`);
    }
    default: {
      // INTERNAL sometimes wraps a transport failure (e.g. an h2c client talking to a TLS port).
      const transport = explainTransport(server, ctx.endpoint, ctx.clientCertificate === true);
      if (transport) return make(transport.kind, transport.message);
      return make('internal', `${ctx.method} failed on ${ctx.endpoint} (${grpcCodeName(code)})${withServer}`);
    }
  }
}
