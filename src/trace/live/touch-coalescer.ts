// Collects the IDs that events hint at and releases them in one batch per window, so a burst of
// events (a thousand subtasks completing) costs one batched re-read instead of a thousand.

export interface TouchedIds {
  tasks: Set<string>;
  results: Set<string>;
  /** The session itself must be re-read (pause, resume, cancellation leave no session event). */
  session: boolean;
  /** Re-read the whole frontier (after a resync or for a poll). */
  frontier: boolean;
}

export class TouchCoalescer {
  private pending: TouchedIds = TouchCoalescer.empty();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly windowMs: number,
    private readonly flush: () => void,
  ) {}

  static empty(): TouchedIds {
    return { tasks: new Set(), results: new Set(), session: false, frontier: false };
  }

  get hasPending(): boolean {
    const p = this.pending;
    return p.tasks.size > 0 || p.results.size > 0 || p.session || p.frontier;
  }

  touchTask(id: string): void {
    this.pending.tasks.add(id);
    this.arm();
  }

  touchResult(id: string): void {
    this.pending.results.add(id);
    this.arm();
  }

  touchSession(): void {
    this.pending.session = true;
    this.arm();
  }

  touchFrontier(): void {
    this.pending.frontier = true;
    this.arm();
  }

  /** Takes everything collected so far. */
  take(): TouchedIds {
    const taken = this.pending;
    this.pending = TouchCoalescer.empty();
    return taken;
  }

  /** Starts a window if there is something pending and no window is running. */
  arm(): void {
    if (this.closed || this.timer !== undefined || !this.hasPending) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.windowMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
