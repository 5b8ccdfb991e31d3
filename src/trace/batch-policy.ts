// How the cone is read: IDs per request and requests in flight (see cone-expander.ts).

export interface BatchPolicy {
  /** IDs per request (one OR filter). */
  batchSize: number;
  /** Requests in flight at once, results and tasks together. */
  concurrency: number;
}

/** 500 IDs is Core's comfortable filter size; 16 requests in flight read a level of up to 8,000
 * IDs in one round trip, so that a 100,000-task cone takes about two round trips per level. */
export const DEFAULT_BATCH_POLICY: BatchPolicy = { batchSize: 500, concurrency: 16 };
