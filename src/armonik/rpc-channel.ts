// The one gRPC channel of a client and the three call shapes we use (unary, server stream, client
// stream), with what every call needs: a deadline, cancellation by AbortSignal, retries of reads,
// errors translated to ArmoniKError, and accounting. All services share one HTTP/2 connection.
//
// Calls use `waitForReady: false`: on a dead endpoint they fail at once with UNAVAILABLE instead
// of queueing until their deadline, so the user hears "cannot reach" in milliseconds. grpc-js
// reconnects by itself; the reconnect backoff is capped low so that a restarted control plane
// (the simulator in a dev loop) is picked up within seconds.

import * as grpc from '@grpc/grpc-js';
import type { CallOptions } from './api';
import type { ResolvedClientOptions } from './client-options';
import type { ResolvedEndpoint } from './endpoint';
import { ArmoniKError } from './errors';
import { toArmoniKError, type CallContext } from './grpc-errors';
import { runWithRetry } from './retry-policy';
import { RpcStats } from './rpc-stats';

/** The part of a grpc-js MethodDefinition a call needs. */
export interface RpcMethod<Req, Res> {
  path: string;
  requestSerialize: (value: Req) => Buffer;
  responseDeserialize: (bytes: Buffer) => Res;
}

export interface CallDescription {
  /** Reads are retried on UNAVAILABLE; writes never. */
  idempotent: boolean;
  /** For NOT_FOUND messages: `task 1234…`. */
  subject?: string;
  /** For FAILED_PRECONDITION messages: `pause session 1234…`. */
  action?: string;
  opts?: CallOptions;
}

/** `/armonik.api.grpc.v1.tasks.Tasks/GetTask` → `Tasks/GetTask` (Core's permission naming). */
export function methodLabel(path: string): string {
  const [service = '', method = ''] = path.replace(/^\//, '').split('/');
  const shortService = service.split('.').pop()?.replace(/Service$/, '') ?? service;
  return `${shortService}/${method}`;
}

export function cancelledError(method: string, endpoint: string): ArmoniKError {
  return new ArmoniKError('cancelled', `${method} cancelled by the caller`, { endpoint, method });
}

function credentialsFor(endpoint: ResolvedEndpoint): grpc.ChannelCredentials {
  if (!endpoint.tls) return grpc.credentials.createInsecure();
  return grpc.credentials.createSsl(endpoint.rootCerts ?? null, endpoint.clientKey ?? null, endpoint.clientCert ?? null);
}

function channelOptionsFor(endpoint: ResolvedEndpoint, options: ResolvedClientOptions): grpc.ChannelOptions {
  const channelOptions: grpc.ChannelOptions = {
    'grpc.keepalive_time_ms': options.keepaliveTimeMs,
    'grpc.keepalive_timeout_ms': options.keepaliveTimeoutMs,
    'grpc.keepalive_permit_without_calls': 1,
    'grpc.max_receive_message_length': options.maxReceiveMessageBytes,
    'grpc.initial_reconnect_backoff_ms': 500,
    'grpc.max_reconnect_backoff_ms': 5000,
  };
  if (endpoint.serverName) {
    channelOptions['grpc.ssl_target_name_override'] = endpoint.serverName;
    channelOptions['grpc.default_authority'] = endpoint.serverName;
  }
  return channelOptions;
}

export class RpcChannel {
  readonly stats = new RpcStats();
  private readonly client: grpc.Client;
  private closed = false;
  /** Server streams still open: grpc-js lets calls outlive `Client.close()`, so we end them. */
  private readonly openStreams = new Set<grpc.ClientReadableStream<unknown>>();

  constructor(
    readonly endpoint: ResolvedEndpoint,
    readonly options: ResolvedClientOptions,
  ) {
    this.client = new grpc.Client(endpoint.address, credentialsFor(endpoint), channelOptionsFor(endpoint, options));
  }

  close(): void {
    this.closed = true;
    for (const stream of this.openStreams) stream.cancel();
    this.openStreams.clear();
    this.client.close();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private context(method: string, call: CallDescription, timeoutMs: number): CallContext {
    return {
      endpoint: this.endpoint.url,
      method,
      timeoutMs,
      clientCertificate: this.endpoint.clientCert !== undefined,
      ...(call.subject !== undefined ? { subject: call.subject } : {}),
      ...(call.action !== undefined ? { action: call.action } : {}),
    };
  }

  private checkOpen(method: string): void {
    if (this.closed) {
      throw new ArmoniKError('cancelled', `${method}: the ArmoniK client for ${this.endpoint.url} was closed`, {
        endpoint: this.endpoint.url,
        method,
      });
    }
  }

  private metadata(): grpc.Metadata {
    return new grpc.Metadata({ waitForReady: false });
  }

  /** A unary call with deadline, cancellation, retries (reads only) and error translation. */
  async unary<Req, Res>(method: RpcMethod<Req, Res>, request: Req, call: CallDescription): Promise<Res> {
    const label = methodLabel(method.path);
    this.checkOpen(label);
    const timeoutMs = call.opts?.timeoutMs ?? this.options.timeoutMs;
    const signal = call.opts?.signal;
    if (signal?.aborted) throw cancelledError(label, this.endpoint.url);
    const ctx = this.context(label, call, timeoutMs);
    return runWithRetry((remainingMs) => this.unaryOnce(method, request, remainingMs, ctx, signal), {
      policy: this.options.retry,
      idempotent: call.idempotent,
      deadline: Date.now() + timeoutMs,
      ...(signal ? { signal } : {}),
    });
  }

  private unaryOnce<Req, Res>(method: RpcMethod<Req, Res>, request: Req, remainingMs: number, ctx: CallContext, signal: AbortSignal | undefined): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.stats.rpcs += 1;
      let onAbort: (() => void) | undefined;
      const call = this.client.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        this.stats.counting(method.responseDeserialize),
        request,
        this.metadata(),
        { deadline: Date.now() + Math.max(1, remainingMs) },
        (error, response) => {
          if (onAbort) signal?.removeEventListener('abort', onAbort);
          if (error) reject(toArmoniKError(error, { ...ctx, abortedByCaller: signal?.aborted === true }));
          else if (response === undefined) reject(toArmoniKError(new Error('empty response'), ctx));
          else resolve(response);
        },
      );
      if (signal) {
        onAbort = () => call.cancel();
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }

  /** A server stream collected into an array (DownloadResultData). Retried as a whole if it is a
   * read and fails on UNAVAILABLE. */
  async collectStream<Req, Res>(method: RpcMethod<Req, Res>, request: Req, call: CallDescription): Promise<Res[]> {
    const label = methodLabel(method.path);
    this.checkOpen(label);
    const timeoutMs = call.opts?.timeoutMs ?? this.options.timeoutMs;
    const signal = call.opts?.signal;
    if (signal?.aborted) throw cancelledError(label, this.endpoint.url);
    const ctx = this.context(label, call, timeoutMs);
    return runWithRetry(
      (remainingMs) =>
        new Promise<Res[]>((resolve, reject) => {
          const stream = this.openServerStream(method, request, { deadline: Date.now() + Math.max(1, remainingMs) });
          const items: Res[] = [];
          const onAbort = () => stream.cancel();
          signal?.addEventListener('abort', onAbort, { once: true });
          stream.on('data', (item: Res) => items.push(item));
          stream.on('error', (error: unknown) => {
            signal?.removeEventListener('abort', onAbort);
            reject(toArmoniKError(error, { ...ctx, abortedByCaller: signal?.aborted === true }));
          });
          stream.on('end', () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(items);
          });
        }),
      {
        policy: this.options.retry,
        idempotent: call.idempotent,
        deadline: Date.now() + timeoutMs,
        ...(signal ? { signal } : {}),
      },
    );
  }

  /** A raw server stream (event subscriptions manage their own lifecycle). */
  openServerStream<Req, Res>(method: RpcMethod<Req, Res>, request: Req, options: grpc.CallOptions = {}): grpc.ClientReadableStream<Res> {
    this.checkOpen(methodLabel(method.path));
    this.stats.rpcs += 1;
    const stream = this.client.makeServerStreamRequest(
      method.path,
      method.requestSerialize,
      this.stats.counting(method.responseDeserialize),
      request,
      this.metadata(),
      options,
    );
    this.openStreams.add(stream);
    stream.on('status', () => this.openStreams.delete(stream));
    return stream;
  }

  /** A client stream (UploadResultData): writes every message, respecting back-pressure, then
   * waits for the single answer. Never retried: it is a write. */
  async clientStream<Req, Res>(method: RpcMethod<Req, Res>, messages: Iterable<Req>, call: CallDescription): Promise<Res> {
    const label = methodLabel(method.path);
    this.checkOpen(label);
    const timeoutMs = call.opts?.timeoutMs ?? this.options.timeoutMs;
    const signal = call.opts?.signal;
    if (signal?.aborted) throw cancelledError(label, this.endpoint.url);
    const ctx = this.context(label, call, timeoutMs);
    this.stats.rpcs += 1;
    return new Promise<Res>((resolve, reject) => {
      let settled = false;
      const onAbort = () => stream.cancel();
      const stream = this.client.makeClientStreamRequest(
        method.path,
        method.requestSerialize,
        this.stats.counting(method.responseDeserialize),
        this.metadata(),
        { deadline: Date.now() + timeoutMs },
        (error, response) => {
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(toArmoniKError(error, { ...ctx, abortedByCaller: signal?.aborted === true }));
          else if (response === undefined) reject(toArmoniKError(new Error('empty response'), ctx));
          else resolve(response);
        },
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      const iterator = messages[Symbol.iterator]();
      const pump = () => {
        while (!settled) {
          const next = iterator.next();
          if (next.done) {
            stream.end();
            return;
          }
          if (!stream.write(next.value)) {
            stream.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  }
}
