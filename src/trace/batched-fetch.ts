// Fetches a set of IDs in fixed-size batches with bounded parallelism, and says how many
// sequential waves of requests that took: the trace's "round trips" are counted in waves, which
// is what latency actually costs.

export interface BatchPolicy {
  /** IDs per request (one OR filter). */
  batchSize: number;
  /** Requests in flight at once. */
  concurrency: number;
}

export const DEFAULT_BATCH_POLICY: BatchPolicy = { batchSize: 500, concurrency: 8 };

export interface BatchedFetch<T> {
  items: T[];
  /** Sequential waves of requests (0 when there was nothing to fetch). */
  waves: number;
  requests: number;
}

export async function fetchBatched<T>(
  ids: readonly string[],
  fetch: (batch: string[]) => Promise<T[]>,
  policy: BatchPolicy,
): Promise<BatchedFetch<T>> {
  if (ids.length === 0) return { items: [], waves: 0, requests: 0 };
  const batchSize = Math.max(1, policy.batchSize);
  const batches: string[][] = [];
  for (let start = 0; start < ids.length; start += batchSize) batches.push(ids.slice(start, start + batchSize));
  const concurrency = Math.max(1, policy.concurrency);
  const results: T[][] = new Array<T[]>(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const index = next++;
      results[index] = await fetch(batches[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  return { items: results.flat(), waves: Math.ceil(batches.length / concurrency), requests: batches.length };
}
