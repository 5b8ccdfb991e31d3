// A small map whose entries expire after a fixed time and whose oldest-used entries are evicted
// past a size bound. Hovers and links look the same IDs up again and again while the user moves
// the mouse; a few seconds of staleness is fine for them, unbounded growth is not.

export class TtlLruCache<K, V> {
  // Map iteration order is insertion order; re-inserting on read makes it LRU order.
  private readonly entries = new Map<K, { value: V; expiresAt: number }>();

  constructor(
    private readonly options: { ttlMs: number; maxEntries: number; now?: () => number },
  ) {
    if (options.maxEntries < 1) throw new RangeError('TtlLruCache: maxEntries must be at least 1');
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.options.ttlMs });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
