// The traces open in this window, one per traced result. A trace lives while a graph panel shows
// it, or until it is replaced, the endpoint changes, or the extension deactivates. At most a few
// stay open: each holds a live event stream. No vscode here (unit-tested).
//
// "While a panel shows it": a graph panel subscribes to its trace's changes and unsubscribes when
// it is closed (LiveTrace contract), so a trace whose last viewer unsubscribed is closed after a
// short grace period (a panel re-attaching after a reload subscribes again within it).

import { ArmoniKError } from '../../armonik/errors';
import type { Diagnosis, LiveTrace, TraceChange, TraceEdge, TraceNode, Unsubscribe } from '../../trace/types';

export interface RegistryLog {
  info(message: string): void;
}

export interface TraceStartOptions {
  resultId: string;
  sessionId?: string;
  signal?: AbortSignal;
  onProgress?: (p: { phase: string; tasks: number; results: number; depth: number }) => void;
}

/** Starts a live trace on the current connection (startTrace over the current client). */
export type TraceStarter = (options: TraceStartOptions) => Promise<LiveTrace>;

interface Entry {
  trace: ManagedTrace;
  endpoint: string;
  openedAt: number;
}

const MAX_OPEN_TRACES = 6;

export class TraceRegistry {
  private readonly entries = new Map<string, Entry>();
  private lastActive: string | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly start: TraceStarter,
    private readonly log: RegistryLog,
    private readonly options: { maxOpen?: number; viewerGraceMs?: number } = {},
  ) {}

  /** Called when a trace is opened or closed. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Opens a trace of `resultId` on `endpoint`, reusing the open one unless `fresh`. */
  async open(options: TraceStartOptions & { endpoint: string; fresh?: boolean }): Promise<LiveTrace> {
    const existing = this.entries.get(options.resultId);
    if (existing && existing.endpoint === options.endpoint && !options.fresh && !existing.trace.closed) {
      this.lastActive = options.resultId;
      return existing.trace;
    }
    const inner = await this.start(options);
    // The engine can finish its last step after the caller gave up (the user cancelled the
    // progress notification): that trace is not wanted, and must not replace the open one.
    if (options.signal?.aborted) {
      inner.close();
      throw new ArmoniKError('cancelled', 'the trace was cancelled');
    }
    if (existing) this.close(options.resultId);
    const trace = new ManagedTrace(inner, () => this.forget(options.resultId, trace), this.options.viewerGraceMs ?? 1500);
    this.entries.set(options.resultId, { trace, endpoint: options.endpoint, openedAt: Date.now() });
    this.lastActive = options.resultId;
    this.evict();
    this.log.info(`[trace] opened ${options.resultId} (${[...inner.nodes()].length} nodes)`);
    this.fire();
    return trace;
  }

  get(resultId: string): LiveTrace | undefined {
    return this.entries.get(resultId)?.trace;
  }

  /** The trace to act on: the one whose panel is active, else the one opened or used last. */
  active(preferredResultId?: string): LiveTrace | undefined {
    const id = preferredResultId && this.entries.has(preferredResultId) ? preferredResultId : this.lastActive;
    return id ? this.entries.get(id)?.trace : undefined;
  }

  markActive(resultId: string): void {
    if (this.entries.has(resultId)) this.lastActive = resultId;
  }

  /** Whether any open trace contains this node. */
  contains(nodeId: string): boolean {
    for (const e of this.entries.values()) if (e.trace.node(nodeId)) return true;
    return false;
  }

  /** Open traces, newest first. */
  list(): LiveTrace[] {
    return [...this.entries.values()].sort((a, b) => b.openedAt - a.openedAt).map((e) => e.trace);
  }

  close(resultId: string): void {
    const entry = this.entries.get(resultId);
    if (!entry) return;
    entry.trace.close();
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.close(id);
  }

  dispose(): void {
    this.closeAll();
    this.listeners.clear();
  }

  private forget(resultId: string, trace: ManagedTrace): void {
    const entry = this.entries.get(resultId);
    if (entry?.trace !== trace) return;
    this.entries.delete(resultId);
    if (this.lastActive === resultId) this.lastActive = this.list()[0]?.resultId;
    this.log.info(`[trace] closed ${resultId}`);
    this.fire();
  }

  private evict(): void {
    const byAge = [...this.entries.entries()].sort((a, b) => a[1].openedAt - b[1].openedAt);
    const max = this.options.maxOpen ?? MAX_OPEN_TRACES;
    while (byAge.length > max) {
      const [id] = byAge.shift()!;
      this.log.info(`[trace] closing ${id}: more than ${max} traces open`);
      this.close(id);
    }
  }
}

/** A LiveTrace that removes itself from the registry when closed, and closes itself when the
 * last of its viewers (change subscribers) is gone. Everything else is the engine's trace. */
class ManagedTrace implements LiveTrace {
  closed = false;
  private viewers = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly inner: LiveTrace,
    private readonly onClose: () => void,
    private readonly viewerGraceMs: number,
  ) {}

  get resultId(): string {
    return this.inner.resultId;
  }
  get sessionId(): string {
    return this.inner.sessionId;
  }
  nodes(): Iterable<TraceNode> {
    return this.inner.nodes();
  }
  node(id: string): TraceNode | undefined {
    return this.inner.node(id);
  }
  edges(): Iterable<TraceEdge> {
    return this.inner.edges();
  }
  outEdges(id: string): TraceEdge[] {
    return this.inner.outEdges(id);
  }
  inEdges(id: string): TraceEdge[] {
    return this.inner.inEdges(id);
  }
  diagnosis(): Diagnosis {
    return this.inner.diagnosis();
  }
  onDidChange(listener: (change: TraceChange) => void): Unsubscribe {
    const unsubscribe = this.inner.onDidChange(listener);
    this.viewers++;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unsubscribe();
      this.viewers--;
      if (this.viewers > 0 || this.closed) return;
      this.idleTimer = setTimeout(() => {
        this.idleTimer = undefined;
        if (this.viewers === 0) this.close();
      }, this.viewerGraceMs);
    };
  }
  onDidFail(listener: (error: Error) => void): Unsubscribe {
    return this.inner.onDidFail(listener);
  }
  refresh(signal?: AbortSignal): Promise<void> {
    return this.inner.refresh(signal);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.inner.close();
    this.onClose();
  }
}
