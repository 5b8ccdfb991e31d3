// Runs a listing: candidate rows (direct lookups when the filters pin IDs or sessions, else a
// scan), filter, sort, page. Large sorted results are cached per (entity, filters, sort) so a
// client paging through a million rows does linear work overall (see listing-cache.ts).

import type { CompiledFilters } from '../filters/compile-filters';
import type { ListingCache } from './listing-cache';
import { sortRows, type SortSpec } from './sort-order';

/** Where an entity's records come from. */
export interface RowSource<R> {
  all(): Iterable<R>;
  byId(id: string): R | undefined;
  bySession?(sessionId: string): Iterable<R>;
}

export interface ListQuery<R> {
  filters: CompiledFilters<R>;
  sort: SortSpec<R>;
  page: number;
  pageSize: number;
  /** Identifies (entity, filters, sort) for the cache; omit to never cache. A function, because
   * building the key (serialising the filters) is wasted work for bounded ID lookups. */
  cacheKey?: () => string;
}

export interface ListPage<R> {
  rows: R[];
  total: number;
}

export class Lister {
  constructor(
    private readonly cache: ListingCache,
    /** Changes whenever engine state may have changed (see state-version.ts). */
    private readonly version: () => string,
  ) {}

  list<R>(source: RowSource<R>, query: ListQuery<R>): ListPage<R> {
    const { page, pageSize } = query;
    if (pageSize === 0) return { rows: [], total: this.count(source, query.filters, query.cacheKey) };
    const sorted = this.sortedMatches(source, query, page > 0);
    const start = page * pageSize;
    return { rows: start >= sorted.length ? [] : sorted.slice(start, start + pageSize), total: sorted.length };
  }

  /** Number of matching rows, without sorting (page_size = 0, CountTasksByStatus). */
  count<R>(source: RowSource<R>, filters: CompiledFilters<R>, cacheKey?: () => string): number {
    if (cacheKey !== undefined && !isSmallLookup(filters)) {
      const cached = this.cache.get<R>(cacheKey(), this.version(), false);
      if (cached) return cached.length;
    }
    let total = 0;
    for (const row of candidates(source, filters)) if (filters.matchAll || filters.matches(row)) total++;
    return total;
  }

  /** Every matching row, unsorted, in candidate order. */
  matches<R>(source: RowSource<R>, filters: CompiledFilters<R>): R[] {
    const rows: R[] = [];
    for (const row of candidates(source, filters)) if (filters.matchAll || filters.matches(row)) rows.push(row);
    return rows;
  }

  private sortedMatches<R>(source: RowSource<R>, query: ListQuery<R>, continuation: boolean): R[] {
    const key = query.cacheKey !== undefined && !isSmallLookup(query.filters) ? query.cacheKey() : undefined;
    const version = this.version();
    if (key !== undefined) {
      const cached = this.cache.get<R>(key, version, continuation);
      if (cached) return cached;
    }
    const sorted = sortRows(this.matches(source, query.filters), query.sort);
    if (key !== undefined) this.cache.set(key, version, sorted);
    return sorted;
  }
}

/** ID lookups are bounded by the request itself: never worth caching. */
function isSmallLookup<R>(filters: CompiledFilters<R>): boolean {
  return filters.lookup !== undefined && filters.lookup.sessionIds.length === 0;
}

function* candidates<R>(source: RowSource<R>, filters: CompiledFilters<R>): Iterable<R> {
  const lookup = filters.lookup;
  if (!lookup || (lookup.sessionIds.length > 0 && !source.bySession)) {
    yield* source.all();
    return;
  }
  // A record may be reachable both by ID and through its session: de-duplicate then.
  const seen = lookup.ids.length > 0 && lookup.sessionIds.length > 0 ? new Set<R>() : undefined;
  for (const id of lookup.ids) {
    const row = source.byId(id);
    if (row === undefined) continue;
    seen?.add(row);
    yield row;
  }
  for (const sessionId of lookup.sessionIds) {
    for (const row of source.bySession!(sessionId)) {
      if (seen?.has(row)) continue;
      yield row;
    }
  }
}
