// When and how a failed call is tried again. Only reads are retried, only on UNAVAILABLE (the
// server restarting, a dropped connection), with exponential backoff and jitter, and never past
// the call's deadline. Writes are never retried here: a write whose answer was lost may have been
// applied, and repeating it silently could, e.g., submit the same tasks twice.

import { status as GrpcStatus } from '@grpc/grpc-js';
import { ArmoniKError } from './errors';

export interface RetryPolicy {
  /** Total attempts for a read, including the first (1 = no retry). */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, initialBackoffMs: 100, maxBackoffMs: 2000 };

/** Transient failures worth another attempt: the transport, not the request, was the problem.
 * TLS and configuration failures are excluded: they fail the same way every time. */
export function isTransient(error: ArmoniKError): boolean {
  return error.kind === 'unavailable' && (error.details.grpcCode === GrpcStatus.UNAVAILABLE || error.details.grpcCode === GrpcStatus.CANCELLED);
}

/** Delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" so that
 * many clients restarting together do not hammer the server in lockstep. */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'initialBackoffMs' | 'maxBackoffMs'>, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** Math.max(0, retry - 1));
  return exp / 2 + random() * (exp / 2);
}

/** Resolves after `ms`, or rejects with a 'cancelled' ArmoniKError as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ArmoniKError('cancelled', 'cancelled by the caller'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ArmoniKError('cancelled', 'cancelled by the caller'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryRun {
  policy: RetryPolicy;
  /** Reads may be retried; writes get exactly one attempt. */
  idempotent: boolean;
  /** Absolute deadline (epoch ms) of the whole logical call, retries included. */
  deadline: number;
  signal?: AbortSignal;
  now?: () => number;
  random?: () => number;
  /** Observes each retry (logging, tests). */
  onRetry?: (retry: number, delayMs: number, error: ArmoniKError) => void;
}

/**
 * Runs `attempt` until it succeeds, fails permanently, runs out of attempts, or the next backoff
 * would cross the deadline; then throws the last error. `attempt` receives the time it has left.
 */
export async function runWithRetry<T>(attempt: (remainingMs: number) => Promise<T>, run: RetryRun): Promise<T> {
  const now = run.now ?? Date.now;
  const maxAttempts = run.idempotent ? Math.max(1, run.policy.maxAttempts) : 1;
  for (let n = 1; ; n++) {
    try {
      return await attempt(Math.max(0, run.deadline - now()));
    } catch (error) {
      if (!(error instanceof ArmoniKError) || !isTransient(error) || n >= maxAttempts) throw error;
      const delay = backoffDelay(n, run.policy, run.random);
      if (now() + delay >= run.deadline) throw error;
      run.onRetry?.(n, delay, error);
      await abortableSleep(delay, run.signal);
    }
  }
}
