// Tunables of the client, with the defaults the product uses. Everything is optional so that the
// CLI and the extension only pass what a user configured.

import { ArmoniKError } from './errors';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';

export interface ClientOptions {
  /** Deadline of each unary call, retries included; a call may override it. Default 30 s. */
  timeoutMs?: number;
  /** Rows per List* request when the query does not say. Default 1000. */
  pageSize?: number;
  /** Most OR terms in one filter; longer "any of" lists are split into several requests. Default 500. */
  maxFilterTerms?: number;
  /** Most OR terms in one event subscription's filter (it cannot be split). Default 10 000. */
  maxEventFilterTerms?: number;
  /** Retries of reads on UNAVAILABLE. Default: 3 attempts, 100 ms doubling up to 2 s. */
  retry?: Partial<RetryPolicy>;
  /** Re-subscription backoff of event streams (doubling with jitter). Default 250 ms up to 10 s. */
  eventsBackoff?: { initialMs?: number; maxMs?: number };
  /** Events an undrained subscription buffers before it pauses its stream. Default 10 000. */
  maxBufferedEvents?: number;
  /** Largest response accepted, in bytes. Default 128 MiB (big pages of detailed tasks). */
  maxReceiveMessageBytes?: number;
  /** HTTP/2 keepalive ping interval and timeout. Defaults 30 s and 10 s. */
  keepaliveTimeMs?: number;
  keepaliveTimeoutMs?: number;
}

export interface ResolvedClientOptions {
  timeoutMs: number;
  pageSize: number;
  maxFilterTerms: number;
  maxEventFilterTerms: number;
  retry: RetryPolicy;
  eventsBackoff: { initialBackoffMs: number; maxBackoffMs: number };
  maxBufferedEvents: number;
  maxReceiveMessageBytes: number;
  keepaliveTimeMs: number;
  keepaliveTimeoutMs: number;
}

function positive(name: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new ArmoniKError('configuration', `client option '${name}' must be a number ≥ ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

export function resolveClientOptions(options: ClientOptions = {}): ResolvedClientOptions {
  return {
    timeoutMs: positive('timeoutMs', options.timeoutMs, 30_000),
    pageSize: Math.floor(positive('pageSize', options.pageSize, 1000)),
    maxFilterTerms: Math.floor(positive('maxFilterTerms', options.maxFilterTerms, 500)),
    maxEventFilterTerms: Math.floor(positive('maxEventFilterTerms', options.maxEventFilterTerms, 10_000)),
    retry: {
      maxAttempts: Math.floor(positive('retry.maxAttempts', options.retry?.maxAttempts, DEFAULT_RETRY_POLICY.maxAttempts)),
      initialBackoffMs: positive('retry.initialBackoffMs', options.retry?.initialBackoffMs, DEFAULT_RETRY_POLICY.initialBackoffMs, 0),
      maxBackoffMs: positive('retry.maxBackoffMs', options.retry?.maxBackoffMs, DEFAULT_RETRY_POLICY.maxBackoffMs, 0),
    },
    eventsBackoff: {
      initialBackoffMs: positive('eventsBackoff.initialMs', options.eventsBackoff?.initialMs, 250, 0),
      maxBackoffMs: positive('eventsBackoff.maxMs', options.eventsBackoff?.maxMs, 10_000, 0),
    },
    maxBufferedEvents: Math.floor(positive('maxBufferedEvents', options.maxBufferedEvents, 10_000)),
    maxReceiveMessageBytes: Math.floor(positive('maxReceiveMessageBytes', options.maxReceiveMessageBytes, 128 * 1024 * 1024)),
    keepaliveTimeMs: positive('keepaliveTimeMs', options.keepaliveTimeMs, 30_000),
    keepaliveTimeoutMs: positive('keepaliveTimeoutMs', options.keepaliveTimeoutMs, 10_000),
  };
}
