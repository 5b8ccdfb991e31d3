// A live `GetEvents` stream for one session, as an async iterator that survives stream loss.
//
// Core's stream replays current state first (when NEW_TASK/NEW_RESULT are asked for), then sends
// live changes; it has no end-of-replay marker, may repeat events, and never ends on its own
// (reference §11.10). When the stream is lost we re-open it with capped, jittered backoff and call
// `onResync` once the new stream is up: events may have been missed meanwhile, and the consumer
// reconciles with Get/List calls. Errors that retrying cannot fix (UNIMPLEMENTED, a rejected
// filter, permissions, TLS) end the iteration by throwing.
//
// The stream starts at `subscribe()`, not at the first `next()`, so nothing is missed between the
// two; a slow consumer pauses the HTTP/2 stream instead of growing the queue without bound.

import type { ClientReadableStream } from '@grpc/grpc-js';
import type { EventSubscription, EventSubscriptionOptions } from '../api';
import { ArmoniKError } from '../errors';
import { toArmoniKError } from '../grpc-errors';
import type { ArmoniKEvent } from '../model';
import { backoffDelay } from '../retry-policy';
import { methodLabel, type RpcChannel, type RpcMethod } from '../rpc-channel';
import { eventFromWire } from '../wire/event-codec';
import type { WireEventSubscriptionRequestInput, WireEventSubscriptionResponse } from '../wire/types';

/** Failures after which re-subscribing is pointless. */
const PERMANENT = new Set<ArmoniKError['kind']>([
  'unimplemented',
  'invalid-argument',
  'permission-denied',
  'unauthenticated',
  'not-found',
  'failed-precondition',
  'tls',
  'configuration',
]);

/** Server-side failures (INTERNAL, UNKNOWN) are retried a few times only: unlike an unreachable
 * server, which may come back, they usually repeat. */
const MAX_CONSECUTIVE_SERVER_FAILURES = 5;

/** A stream that stays up this long without an error counts as re-established even if the
 * server has not sent anything yet (Core sends headers with its first event). */
const ESTABLISHED_AFTER_MS = 500;

export interface EventStreamSettings {
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Queued events at which the stream is paused; it resumes once a tenth of that is left. */
  highWater: number;
}

export class EventStream implements EventSubscription, AsyncIterator<ArmoniKEvent> {
  private readonly queue: ArmoniKEvent[] = [];
  private head = 0;
  private waiter: { resolve: (r: IteratorResult<ArmoniKEvent>) => void; reject: (e: unknown) => void } | undefined;
  private failure: ArmoniKError | undefined;
  private call: ClientReadableStream<WireEventSubscriptionResponse> | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private establishTimer: NodeJS.Timeout | undefined;
  private consecutiveFailures = 0;
  private consecutiveServerFailures = 0;
  private connectedOnce = false;
  private paused = false;
  private _closed = false;
  private readonly onAbort = () => this.close();

  constructor(
    private readonly rpc: RpcChannel,
    private readonly method: RpcMethod<WireEventSubscriptionRequestInput, WireEventSubscriptionResponse>,
    /** `undefined`: the filters match nothing, so no stream is opened and iteration just waits. */
    private readonly request: WireEventSubscriptionRequestInput | undefined,
    private readonly options: EventSubscriptionOptions,
    private readonly settings: EventStreamSettings,
  ) {
    if (options.signal?.aborted) {
      this._closed = true;
      return;
    }
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (this.request) this.open();
  }

  get closed(): boolean {
    return this._closed;
  }

  [Symbol.asyncIterator](): AsyncIterator<ArmoniKEvent> {
    return this;
  }

  next(): Promise<IteratorResult<ArmoniKEvent>> {
    if (this.head < this.queue.length) return Promise.resolve({ value: this.shift(), done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this._closed) return Promise.resolve({ value: undefined, done: true });
    if (this.waiter) return Promise.reject(new ArmoniKError('internal', 'an event subscription supports one consumer at a time'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<ArmoniKEvent>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  close(): void {
    if (this._closed) return;
    this.shutdown();
    this.queue.length = 0;
    this.head = 0;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
  }

  /** Stops the stream and timers; keeps what is queued. */
  private shutdown(): void {
    this._closed = true;
    this.options.signal?.removeEventListener('abort', this.onAbort);
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.establishTimer);
    const call = this.call;
    this.call = undefined;
    call?.cancel();
  }

  private shift(): ArmoniKEvent {
    const event = this.queue[this.head++] as ArmoniKEvent;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    if (this.paused && this.queue.length - this.head <= Math.floor(this.settings.highWater / 10)) {
      this.paused = false;
      this.call?.resume();
    }
    return event;
  }

  private push(event: ArmoniKEvent): void {
    if (this._closed) return;
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve({ value: event, done: false });
      return;
    }
    this.queue.push(event);
    if (!this.paused && this.queue.length - this.head >= this.settings.highWater) {
      this.paused = true;
      this.call?.pause();
    }
  }

  /** Ends the subscription with an error, thrown after the events already received. */
  private fail(error: ArmoniKError): void {
    if (this._closed) return;
    this.shutdown();
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) waiter.reject(error);
    else this.failure = error;
  }

  private errorContext() {
    return {
      endpoint: this.rpc.endpoint.url,
      method: methodLabel(this.method.path),
      clientCertificate: this.rpc.endpoint.clientCert !== undefined,
    };
  }

  private open(): void {
    if (this._closed || !this.request) return;
    // Closing the client ends its subscriptions quietly, like close() on each of them.
    if (this.rpc.isClosed) {
      this.close();
      return;
    }
    let call: ClientReadableStream<WireEventSubscriptionResponse>;
    try {
      call = this.rpc.openServerStream(this.method, this.request);
    } catch (error) {
      this.fail(toArmoniKError(error, this.errorContext()));
      return;
    }
    this.call = call;
    this.paused = false;
    let established = false;
    let finished = false;
    const establish = () => {
      if (established || finished || this.call !== call) return;
      established = true;
      clearTimeout(this.establishTimer);
      this.consecutiveFailures = 0;
      this.consecutiveServerFailures = 0;
      if (this.connectedOnce) this.options.onResync?.();
      this.connectedOnce = true;
    };
    this.establishTimer = setTimeout(establish, ESTABLISHED_AFTER_MS);
    call.on('metadata', establish);
    call.on('data', (wire: WireEventSubscriptionResponse) => {
      if (this.call !== call) return;
      establish();
      const event = eventFromWire(wire);
      if (event) this.push(event);
    });
    const lost = (error: ArmoniKError | undefined) => {
      if (finished) return;
      finished = true;
      clearTimeout(this.establishTimer);
      if (this.call !== call || this._closed) return;
      this.call = undefined;
      if (this.rpc.isClosed) {
        this.close();
        return;
      }
      this.handleLoss(error);
    };
    call.on('error', (error: unknown) => lost(toArmoniKError(error, this.errorContext())));
    // Core never ends the stream by itself; an end means the server went away cleanly.
    call.on('end', () => lost(undefined));
  }

  private handleLoss(error: ArmoniKError | undefined): void {
    if (error && PERMANENT.has(error.kind)) {
      this.fail(error);
      return;
    }
    if (error && (error.kind === 'internal' || error.kind === 'deadline-exceeded')) {
      this.consecutiveServerFailures += 1;
      if (this.consecutiveServerFailures >= MAX_CONSECUTIVE_SERVER_FAILURES) {
        this.fail(
          new ArmoniKError(error.kind, `${error.message} (the event stream failed ${this.consecutiveServerFailures} times in a row; giving up)`, error.details),
        );
        return;
      }
    }
    this.consecutiveFailures += 1;
    const delay = backoffDelay(this.consecutiveFailures, this.settings);
    this.reconnectTimer = setTimeout(() => this.open(), delay);
  }
}

