// The one error type that leaves the client. Its message is written for the user: it says what
// failed, where, and what to do, so that the CLI, the tree and notifications can show it as is.

export type ArmoniKErrorKind =
  /** Connection refused, DNS failure, server gone: retrying later may help. */
  | 'unavailable'
  /** TLS handshake failed: untrusted certificate, wrong server name, missing client certificate. */
  | 'tls'
  | 'not-found'
  /** The control plane does not implement this RPC or service. */
  | 'unimplemented'
  | 'unauthenticated'
  | 'permission-denied'
  | 'invalid-argument'
  /** Illegal state transition (e.g. pausing a closed session). */
  | 'failed-precondition'
  | 'deadline-exceeded'
  /** Cancelled by the caller (AbortSignal); not worth showing to the user. */
  | 'cancelled'
  /** The endpoint string or TLS files are wrong before any call is made. */
  | 'configuration'
  | 'internal';

export class ArmoniKError extends Error {
  override readonly name = 'ArmoniKError';
  constructor(
    readonly kind: ArmoniKErrorKind,
    message: string,
    readonly details: {
      endpoint?: string;
      /** `Service/Method`, e.g. `Tasks/GetTask`. */
      method?: string;
      /** Numeric gRPC status code when the error came from a call. */
      grpcCode?: number;
      /** The server's own status details, kept for the log. */
      serverMessage?: string;
      cause?: unknown;
    } = {},
  ) {
    super(message);
  }
}

export function isArmoniKError(error: unknown, kind?: ArmoniKErrorKind): error is ArmoniKError {
  return error instanceof ArmoniKError && (kind === undefined || error.kind === kind);
}
