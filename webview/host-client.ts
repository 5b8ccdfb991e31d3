// Webview → host requests with ids, answered by `response` messages.

import { PROTOCOL_VERSION, type HostMessage, type RequestBody, type RequestMethod, type RequestResults } from '../src/shared/protocol';
import type { VsCodeApi } from './vscode-api';

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
}

export class HostClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly api: VsCodeApi) {}

  request<M extends RequestMethod>(body: Extract<RequestBody, { method: M }>): Promise<RequestResults[M]> {
    const requestId = this.nextId++;
    return new Promise<RequestResults[M]>((resolve, reject) => {
      this.pending.set(requestId, { resolve: resolve as (result: unknown) => void, reject });
      this.api.post({ v: PROTOCOL_VERSION, type: 'request', requestId, ...body } as never);
    });
  }

  /** Returns true when the message was a response (and has been handled). */
  handle(message: HostMessage): boolean {
    if (message.type !== 'response') return false;
    const pending = this.pending.get(message.requestId);
    if (!pending) return true;
    this.pending.delete(message.requestId);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(message.error));
    return true;
  }
}
