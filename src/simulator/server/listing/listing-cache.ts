// Remembers the sorted matching rows of large listings, so that reading a million-row listing
// page by page costs one filter+sort, not one per page (which would be quadratic overall).
//
// An entry is exact while the engine's state version is unchanged. When the state has moved on,
// a *continuation* page (page > 0) may still be served from an entry built less than
// `continuationTtlMs` ago: a client paging through a live listing then sees one consistent
// snapshot (rows themselves are rendered from the current records), which is no less accurate
// than Core's independent skip/limit queries, whose pages shift under concurrent updates.
// A first page always reflects the current state.

export interface CacheEntry<R> {
  version: string;
  builtAt: number;
  rows: R[];
}

export interface ListingCacheOptions {
  /** Only listings with at least this many matching rows are cached (smaller ones are cheap). */
  minRows: number;
  maxEntries: number;
  continuationTtlMs: number;
  /** Wall clock, injectable for tests. */
  now?: () => number;
}

export class ListingCache {
  private readonly entries = new Map<string, CacheEntry<unknown>>();
  private readonly now: () => number;

  constructor(readonly options: ListingCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  get<R>(key: string, version: string, continuation: boolean): R[] | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const fresh = entry.version === version;
    const acceptable = fresh || (continuation && this.now() - entry.builtAt < this.options.continuationTtlMs);
    if (!acceptable) {
      this.entries.delete(key);
      return undefined;
    }
    // Refresh recency for LRU eviction.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.rows as R[];
  }

  set<R>(key: string, version: string, rows: R[]): void {
    if (rows.length < this.options.minRows) return;
    this.entries.delete(key);
    this.entries.set(key, { version, builtAt: this.now(), rows });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
