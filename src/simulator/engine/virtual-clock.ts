// Virtual time of the simulator. Everything that happens later (a pod polling its queue, a
// worker finishing) is a job in one binary heap keyed by virtual time; there are no per-task
// timers. How virtual time advances depends on the ClockMode:
//  - manual: only advance()/runUntilIdle() move it (tests);
//  - instant: once started, due jobs run as fast as possible in virtual-time order, in slices so
//    that the event loop (gRPC server) stays responsive;
//  - realtime: once started, virtual time follows wall time × speed; one wall-clock timer is
//    armed for the earliest job.

import type { ClockMode } from './types';
import { TimerHeap } from './timer-heap';

/** Work done per event-loop turn in instant mode: enough for throughput, small enough that
 * RPCs are served in between. */
const INSTANT_SLICE_MS = 15;

export class VirtualClock<J> {
  private current: number;
  private readonly heap = new TimerHeap<J>();
  private running = false;
  private inJob = false;
  /** Wall time and virtual time when realtime driving (re)started. */
  private anchorWall = 0;
  private anchorVirtual = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerDue = Infinity;
  private immediate: NodeJS.Immediate | undefined;

  constructor(
    readonly mode: ClockMode,
    startTime: number,
    private readonly runJob: (job: J) => void,
    private readonly onJobError: (error: unknown) => void,
  ) {
    this.current = startTime;
  }

  get pending(): number {
    return this.heap.size;
  }

  get isRunning(): boolean {
    return this.running;
  }

  nextDueTime(): number | undefined {
    return this.heap.peekTime();
  }

  now(): number {
    if (this.inJob || !this.running || this.mode.kind !== 'realtime') return this.current;
    return Math.max(this.current, this.wallVirtual());
  }

  schedule(time: number, job: J): void {
    this.heap.push(time < this.current ? this.current : time, job);
    if (this.running) this.wake(time);
  }

  /** Brings virtual time up to date before an external change in realtime mode, so that what the
   * caller does is stamped after everything that was already due. */
  sync(): void {
    if (!this.running || this.mode.kind !== 'realtime' || this.inJob) return;
    const target = this.wallVirtual();
    this.runDue(target, false);
    if (target > this.current) this.current = target;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance(ms) needs a non-negative number of milliseconds, got ${ms}`);
    const target = this.current + ms;
    this.runDue(target, true);
    this.current = target;
  }

  runUntilIdle(maxVirtualMs = Infinity): number {
    const start = this.current;
    const limit = start + maxVirtualMs;
    this.runDue(limit, true);
    if (Number.isFinite(limit) && this.heap.size > 0) this.current = limit;
    return this.current - start;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.anchorWall = Date.now();
    this.anchorVirtual = this.current;
    const next = this.heap.peekTime();
    if (next !== undefined) this.wake(next);
  }

  stop(): void {
    if (!this.running) return;
    if (this.mode.kind === 'realtime') {
      const target = this.wallVirtual();
      this.runDue(target, false);
      if (target > this.current) this.current = target;
    }
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = Infinity;
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = undefined;
  }

  private wallVirtual(): number {
    const speed = this.mode.kind === 'realtime' ? this.mode.speed : 1;
    return this.anchorVirtual + (Date.now() - this.anchorWall) * speed;
  }

  /** Runs every job due at or before `until`, in order. `rethrow` is for the manual API, where a
   * bug should fail the test; driven modes report and carry on so the server survives. */
  private runDue(until: number, rethrow: boolean): void {
    const heap = this.heap;
    for (;;) {
      const t = heap.peekTime();
      if (t === undefined || t > until) return;
      const job = heap.pop() as J;
      if (t > this.current) this.current = t;
      this.inJob = true;
      try {
        this.runJob(job);
      } catch (error) {
        if (rethrow) throw error;
        this.onJobError(error);
      } finally {
        this.inJob = false;
      }
    }
  }

  private wake(time: number): void {
    if (this.mode.kind === 'instant') {
      if (this.immediate === undefined) {
        this.immediate = setImmediate(() => this.instantSlice());
        this.immediate.unref();
      }
      return;
    }
    if (this.mode.kind !== 'realtime') return;
    if (time >= this.timerDue) return;
    if (this.timer) clearTimeout(this.timer);
    const delayWall = Math.max(0, (time - this.wallVirtual()) / this.mode.speed);
    this.timerDue = time;
    this.timer = setTimeout(() => this.realtimeTick(), Math.min(delayWall, 2 ** 31 - 1));
    this.timer.unref();
  }

  private instantSlice(): void {
    this.immediate = undefined;
    if (!this.running) return;
    const deadline = Date.now() + INSTANT_SLICE_MS;
    const heap = this.heap;
    while (heap.size > 0 && Date.now() < deadline) {
      // Run one virtual instant at a time; a check of the wall clock per job would cost more
      // than the jobs themselves.
      for (let i = 0; i < 256 && heap.size > 0; i++) {
        const t = heap.peekTime() as number;
        this.runDue(t, false);
      }
    }
    if (heap.size > 0) {
      this.immediate = setImmediate(() => this.instantSlice());
      this.immediate.unref();
    }
  }

  private realtimeTick(): void {
    this.timer = undefined;
    this.timerDue = Infinity;
    if (!this.running) return;
    this.runDue(this.wallVirtual(), false);
    const next = this.heap.peekTime();
    if (next !== undefined) this.wake(next);
  }
}
