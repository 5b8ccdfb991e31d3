// Fallback when the control plane has no Events service: re-read the frontier periodically,
// quickly while things change and backing off while they do not.

export interface PollPolicy {
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Interval multiplier after a poll that changed nothing. */
  backoff: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = { minIntervalMs: 1000, maxIntervalMs: 30_000, backoff: 2 };

export class FrontierPoller {
  private timer: NodeJS.Timeout | undefined;
  private interval: number;
  private closed = false;
  polls = 0;

  constructor(
    /** Resolves true when the poll found changes. Rejections stop the poller. */
    private readonly poll: () => Promise<boolean>,
    private readonly onFailure: (error: Error) => void,
    private readonly policy: PollPolicy = DEFAULT_POLL_POLICY,
  ) {
    this.interval = policy.minIntervalMs;
  }

  get currentIntervalMs(): number {
    return this.interval;
  }

  start(): void {
    this.schedule();
  }

  /** Polls soon again, e.g. after the user asked for a refresh. */
  nudge(): void {
    this.interval = this.policy.minIntervalMs;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.tick(), this.interval);
  }

  private async tick(): Promise<void> {
    if (this.closed) return;
    this.polls += 1;
    try {
      const changed = await this.poll();
      this.interval = changed ? this.policy.minIntervalMs : Math.min(this.policy.maxIntervalMs, this.interval * this.policy.backoff);
    } catch (error) {
      if (this.closed) return;
      this.close();
      this.onFailure(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    this.schedule();
  }
}
