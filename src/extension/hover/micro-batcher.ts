// Collects the keys requested within a short window into one call. A hover over a log line, the
// links of a visible page and a terminal line can each ask for a dozen IDs at once; sending one
// `byIds` request per kind instead of one per ID keeps the control plane and the UI responsive.

export interface MicroBatcherOptions {
  /** How long to wait for more keys after the first one (ms). */
  windowMs: number;
  /** Flush early when this many distinct keys are waiting. */
  maxBatch: number;
}

interface Waiter<V> {
  resolve(value: V | undefined): void;
  reject(error: unknown): void;
}

export class MicroBatcher<K, V> {
  private pending = new Map<K, Array<Waiter<V>>>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Calls made to `fetchMany`, for tests and benchmarks. */
  batches = 0;

  constructor(
    private readonly fetchMany: (keys: K[]) => Promise<ReadonlyMap<K, V>>,
    private readonly options: MicroBatcherOptions,
  ) {}

  /** Resolves with the value for `key`, or undefined when the batch did not return it; rejects
   * when the batch call failed. */
  load(key: K): Promise<V | undefined> {
    return new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      if (this.pending.size >= this.options.maxBatch) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.windowMs);
    });
  }

  /** Sends what is waiting now. */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.batches++;
    let call: Promise<ReadonlyMap<K, V>>;
    try {
      call = this.fetchMany([...batch.keys()]);
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      (values) => {
        for (const [key, waiters] of batch) for (const w of waiters) w.resolve(values.get(key));
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
      },
    );
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const error = new Error('lookup cancelled: the extension is shutting down');
    for (const waiters of this.pending.values()) for (const w of waiters) w.reject(error);
    this.pending.clear();
  }
}
