// Writing to a server stream without buffering unboundedly: when grpc-js reports back-pressure
// (`write()` returns false because the client or the network is slower than we produce), the
// producer waits for 'drain' — or for the call to end, so a vanished client never leaves a
// producer waiting forever.

import type { ServerWritableStream } from '@grpc/grpc-js';
import { toServiceError } from './rpc-error';

/** Messages we let grpc-js buffer before waiting for 'drain'. The stream's own high-water mark
 * (16 objects) would make us wait for an event-loop round trip every 16 small messages, which
 * caps a stream at about 10k messages/s; a few hundred keep memory small and throughput high. */
export const DEFAULT_BUFFERED_MESSAGES = 512;

export class StreamWriter<Res> {
  private ended = false;
  private readonly endWaiters = new Set<() => void>();

  constructor(
    private readonly call: ServerWritableStream<unknown, Res>,
    private readonly maxBuffered = DEFAULT_BUFFERED_MESSAGES,
  ) {
    const onEnd = (): void => this.markEnded();
    call.once('cancelled', onEnd);
    call.once('close', onEnd);
    call.once('finish', onEnd);
    call.once('error', onEnd);
  }

  /** True once the client cancelled, the stream finished or failed. */
  get isEnded(): boolean {
    return this.ended || this.call.cancelled || this.call.destroyed || this.call.writableEnded;
  }

  /** Writes one message; resolves when it is safe to write the next. Resolves to false if the
   * stream is over (the message was dropped). */
  async write(message: Res): Promise<boolean> {
    if (this.isEnded) return false;
    // After a `false`, grpc-js still emits 'drain' once its buffer empties, so writing on below
    // our own bound loses nothing.
    if (this.call.write(message) || this.call.writableLength < this.maxBuffered) return true;
    await this.waitDrain();
    return !this.isEnded;
  }

  /** Ends the stream with an OK status. */
  end(): void {
    if (this.isEnded) return;
    this.call.end();
    this.markEnded();
  }

  /** Ends the stream with the status of `error` (RpcError/SimError mapping). */
  fail(error: unknown): void {
    if (this.isEnded) return;
    this.call.emit('error', toServiceError(error));
    this.markEnded();
  }

  /** Resolves when the stream ends, whatever the reason. */
  whenEnded(): Promise<void> {
    if (this.isEnded) return Promise.resolve();
    return new Promise((resolve) => this.endWaiters.add(resolve));
  }

  private waitDrain(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.call.off('drain', done);
        this.endWaiters.delete(done);
        resolve();
      };
      this.call.once('drain', done);
      this.endWaiters.add(done);
    });
  }

  private markEnded(): void {
    if (this.ended) return;
    this.ended = true;
    for (const waiter of [...this.endWaiters]) waiter();
    this.endWaiters.clear();
  }
}
