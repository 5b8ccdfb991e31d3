// RPC accounting (`client.stats`): how many calls a feature made and how many bytes it pulled.
// The trace benchmark compares these between a cone-only trace and a naive full listing.

import type { ClientStats } from './api';

export class RpcStats implements ClientStats {
  rpcs = 0;
  bytesReceived = 0;

  reset(): void {
    this.rpcs = 0;
    this.bytesReceived = 0;
  }

  /** Wraps a response deserializer so that every decoded message counts its serialized size. */
  counting<T>(deserialize: (bytes: Buffer) => T): (bytes: Buffer) => T {
    return (bytes: Buffer) => {
      this.bytesReceived += bytes.length;
      return deserialize(bytes);
    };
  }
}
