// Long-lived streams (GetEvents never ends by itself) register here so that stopping the server
// can end them; otherwise a graceful shutdown would wait for them forever.

export interface ClosableStream {
  /** Ends the stream with a status telling the client the server is going away. */
  closeForShutdown(): void;
}

export class OpenStreams {
  private readonly streams = new Set<ClosableStream>();

  add(stream: ClosableStream): () => void {
    this.streams.add(stream);
    return () => this.streams.delete(stream);
  }

  get size(): number {
    return this.streams.size;
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.closeForShutdown();
    this.streams.clear();
  }
}
