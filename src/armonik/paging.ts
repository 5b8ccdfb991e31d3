// Paging over List* RPCs, and queries whose filter had to be split into several requests.
// Pages are 0-based (reference §11.11); iteration stops at a short page or once `total` rows have
// been covered, so a list that grows while we read does not make us loop forever.

import type { Page } from './api';
import { ArmoniKError } from './errors';

export type PageFetcher<F, T> = (filters: F, page: number, pageSize: number) => Promise<Page<T>>;

/** Every row of one filter, page by page. */
export async function* iteratePages<F, T>(fetchPage: PageFetcher<F, T>, filters: F, pageSize: number): AsyncGenerator<T> {
  for (let page = 0; ; page++) {
    const result = await fetchPage(filters, page, pageSize);
    yield* result.items;
    if (result.items.length < pageSize || (page + 1) * pageSize >= result.total) return;
  }
}

/** Every row of several filter batches; rows are de-duplicated by `keyOf` when the batches may
 * overlap (several ORed clauses). */
export async function* iterateBatches<F, T>(
  fetchPage: PageFetcher<F, T>,
  batches: readonly F[],
  pageSize: number,
  keyOf: ((item: T) => string) | undefined,
): AsyncGenerator<T> {
  const seen = keyOf && batches.length > 1 ? new Set<string>() : undefined;
  for (const filters of batches) {
    for await (const item of iteratePages(fetchPage, filters, pageSize)) {
      if (seen && keyOf) {
        const key = keyOf(item);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      yield item;
    }
  }
}

/** Runs `task` over `inputs` with at most `limit` in flight, keeping the input order of results.
 * Batches of one logical query go out in parallel: round trips grow with depth, not with size. */
export async function mapConcurrent<I, O>(inputs: readonly I[], limit: number, task: (input: I) => Promise<O>): Promise<O[]> {
  const results = new Array<O>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next++;
      results[index] = await task(inputs[index] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, inputs.length) }, worker));
  return results;
}

/** Consecutive slices of at most `size` items: one request each. */
export function splitIntoBatches<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/**
 * Every row of `ids` (unique), asked for in batches of at most `maxTerms` IDs, a few batches at a
 * time, each paged in case a server caps its page size; rows come back in the order of `ids`, and
 * IDs the server does not know are left out.
 */
export async function fetchByIds<T>(ids: readonly string[], maxTerms: number, fetchPage: PageFetcher<readonly string[], T>, idOf: (row: T) => string): Promise<T[]> {
  const pages = await mapConcurrent(splitIntoBatches(ids, maxTerms), BATCH_CONCURRENCY, async (batch) => {
    const rows: T[] = [];
    // One page normally suffices (page size = batch size).
    for await (const row of iteratePages(fetchPage, batch, batch.length)) rows.push(row);
    return rows;
  });
  const byId = new Map<string, T>();
  for (const rows of pages) for (const row of rows) byId.set(idOf(row), row);
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A single page of a query that expanded into several requests cannot be served as one page. */
export function tooManyTermsForOnePage(entity: string, batches: number, maxTerms: number): ArmoniKError {
  return new ArmoniKError(
    'invalid-argument',
    `this ${entity} query expands to more than ${maxTerms} OR terms (${batches} requests), which no single page can hold; use iterate()${entity === 'task' || entity === 'result' ? ' or byIds()' : ''}, or raise the client option maxFilterTerms`,
  );
}

export const BATCH_CONCURRENCY = 4;

export function checkPaging(page: number, pageSize: number): void {
  if (!Number.isInteger(page) || page < 0) throw new ArmoniKError('invalid-argument', `page must be an integer ≥ 0, got ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new ArmoniKError('invalid-argument', `pageSize must be an integer ≥ 1, got ${pageSize} (use count() for a count)`);
  }
}
