// One "Load more…"-style listing (sessions of the root, tasks or results of a group): pages are
// fetched on demand and never the whole collection. Items are de-duplicated by ID because the
// underlying listing can shift while we page (new tasks arrive at the top). No vscode here.

export interface PageAnswer<T> {
  items: T[];
  total: number;
}

export type PageFetcher<T> = (page: number, pageSize: number) => Promise<PageAnswer<T>>;

/** A reload re-reads what was already shown in one request, up to this many rows. */
export const MAX_RELOAD_ROWS = 1000;

export class PagedList<T> {
  private itemsValue: T[] = [];
  private totalValue: number | undefined;
  private nextPage = 0;
  private inFlight: Promise<void> | undefined;
  errorValue: Error | undefined;

  constructor(
    private readonly fetch: PageFetcher<T>,
    private readonly keyOf: (item: T) => string,
    private readonly pageSize: number,
  ) {
    if (!(pageSize >= 1)) throw new RangeError('PagedList: pageSize must be at least 1');
  }

  get items(): readonly T[] {
    return this.itemsValue;
  }

  /** Rows the server counts for this listing, once a page was loaded. */
  get total(): number | undefined {
    return this.totalValue;
  }

  get loaded(): boolean {
    return this.totalValue !== undefined;
  }

  get loading(): boolean {
    return this.inFlight !== undefined;
  }

  get error(): Error | undefined {
    return this.errorValue;
  }

  get hasMore(): boolean {
    return this.totalValue !== undefined && this.itemsValue.length < this.totalValue && this.nextPage * this.pageSize < this.totalValue;
  }

  /** Loads the first page if nothing was loaded yet. */
  ensureLoaded(): Promise<void> {
    if (this.loaded && !this.errorValue) return Promise.resolve();
    return this.loadNext();
  }

  /** Appends the next page. Concurrent calls share one request. */
  loadNext(): Promise<void> {
    this.inFlight ??= this.run(async () => {
      const page = this.nextPage;
      const answer = await this.fetch(page, this.pageSize);
      const known = new Set(this.itemsValue.map(this.keyOf));
      for (const item of answer.items) {
        const key = this.keyOf(item);
        if (!known.has(key)) {
          known.add(key);
          this.itemsValue.push(item);
        }
      }
      this.totalValue = answer.total;
      this.nextPage = page + 1;
    });
    return this.inFlight;
  }

  /** Re-reads the rows shown so far (at least one page, at most MAX_RELOAD_ROWS) in one request. */
  reload(): Promise<void> {
    const run = async (): Promise<void> => {
      const pages = Math.max(1, Math.min(Math.ceil(this.itemsValue.length / this.pageSize), Math.floor(MAX_RELOAD_ROWS / this.pageSize)));
      const size = pages * this.pageSize;
      const answer = await this.fetch(0, size);
      const seen = new Set<string>();
      this.itemsValue = answer.items.filter((item) => {
        const key = this.keyOf(item);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      this.totalValue = answer.total;
      this.nextPage = pages;
    };
    // A reload requested while a load runs waits for it, then re-reads.
    const previous = this.inFlight;
    const next = this.run(async () => {
      if (previous) await previous.catch(() => undefined);
      await run();
    });
    this.inFlight = next;
    return next;
  }

  /** Replaces an item in place (e.g. a status update), when it is shown. Returns whether it was. */
  patch(key: string, update: (item: T) => T): boolean {
    const index = this.itemsValue.findIndex((item) => this.keyOf(item) === key);
    if (index < 0) return false;
    this.itemsValue[index] = update(this.itemsValue[index]!);
    return true;
  }

  /** Forgets everything; the next `ensureLoaded` starts from the first page. */
  reset(): void {
    this.itemsValue = [];
    this.totalValue = undefined;
    this.nextPage = 0;
    this.errorValue = undefined;
    this.inFlight = undefined;
  }

  private run(body: () => Promise<void>): Promise<void> {
    const settle = async (): Promise<void> => {
      try {
        await body();
        this.errorValue = undefined;
      } catch (error) {
        this.errorValue = error instanceof Error ? error : new Error(String(error));
      }
    };
    const p: Promise<void> = settle().finally(() => {
      if (this.inFlight === p) this.inFlight = undefined;
    });
    return p;
  }
}
