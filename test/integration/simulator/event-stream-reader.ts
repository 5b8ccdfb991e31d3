// Test-side reader of a GetEvents stream: keeps every message, and lets a test wait until the
// messages received so far satisfy a condition (or the stream fails).

import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import type { WireEventSubscriptionRequestInput, WireEventSubscriptionResponse } from '../../../src/armonik/wire/types';
import type { RawClients } from './grpc-test-client';

export interface EventReader {
  stream: ClientReadableStream<WireEventSubscriptionResponse>;
  received: WireEventSubscriptionResponse[];
  error(): ServiceError | undefined;
  ended(): boolean;
  /** Resolves once `condition(received)` holds; rejects after `timeoutMs` or on stream error. */
  until(condition: (received: WireEventSubscriptionResponse[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves with the stream's error status (rejects if none comes in time). */
  failure(timeoutMs?: number): Promise<ServiceError>;
  cancel(): void;
}

export function readEvents(c: RawClients, request: WireEventSubscriptionRequestInput): EventReader {
  const stream = c.events.GetEvents(request);
  const received: WireEventSubscriptionResponse[] = [];
  let failed: ServiceError | undefined;
  let isEnded = false;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  stream.on('data', (message: WireEventSubscriptionResponse) => {
    received.push(message);
    notify();
  });
  stream.on('error', (error: ServiceError) => {
    failed = error;
    notify();
  });
  stream.on('end', () => {
    isEnded = true;
    notify();
  });
  const wait = (check: () => boolean, timeoutMs: number, what: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const listener = (): void => {
        if (check()) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received ${received.length} messages${failed ? `, error ${failed.details}` : ''}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        listeners.delete(listener);
      };
      listeners.add(listener);
      listener();
    });
  return {
    stream,
    received,
    error: () => failed,
    ended: () => isEnded,
    until: async (condition, timeoutMs = 5000) => {
      await wait(() => failed !== undefined || condition(received), timeoutMs, 'events');
      if (failed && !condition(received)) throw failed;
    },
    failure: async (timeoutMs = 5000) => {
      await wait(() => failed !== undefined, timeoutMs, 'a stream error');
      return failed!;
    },
    cancel: () => stream.cancel(),
  };
}
