// How failures leave the simulator: every handler throws either a SimError (engine semantics) or
// an RpcError (request validation, filters, streaming rules); `toServiceError` turns both into
// the gRPC status real Core would send (reference §10, ExceptionInterceptor).

import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { SimError, type SimErrorCode } from '../engine/types';

/** A failure detected by the gRPC layer itself, with the status code Core uses for it. */
export class RpcError extends Error {
  override readonly name = 'RpcError';
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

export function invalidArgument(message: string): RpcError {
  return new RpcError(status.INVALID_ARGUMENT, message);
}

/** Core lets filter/sort conversion exceptions reach its interceptor's "anything else" branch,
 * which answers UNKNOWN (reference §10: "a malformed sort field" lands in UNKNOWN; the code for
 * a malformed filter is not confirmed, so we follow the same branch). */
export function malformedQuery(message: string): RpcError {
  return new RpcError(status.UNKNOWN, message);
}

const SIM_ERROR_STATUS: Record<SimErrorCode, status> = {
  'not-found': status.NOT_FOUND,
  'failed-precondition': status.FAILED_PRECONDITION,
  'invalid-argument': status.INVALID_ARGUMENT,
  unknown: status.UNKNOWN,
  internal: status.INTERNAL,
};

export function statusOfSimError(code: SimErrorCode): status {
  return SIM_ERROR_STATUS[code] ?? status.UNKNOWN;
}

/** Builds the error object grpc-js sends as the call's status. Anything that is neither a
 * SimError nor an RpcError is a simulator bug: it is reported as UNKNOWN (what Core does with
 * unexpected exceptions) with the original message, so a client sees it instead of a hang. */
export function toServiceError(error: unknown): Partial<ServiceError> {
  let code: status;
  let details: string;
  if (error instanceof RpcError) {
    code = error.code;
    details = error.message;
  } else if (error instanceof SimError) {
    code = statusOfSimError(error.code);
    details = error.message;
  } else {
    code = status.UNKNOWN;
    details = `Simulator internal error: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { code, details, message: details, metadata: new Metadata() };
}
