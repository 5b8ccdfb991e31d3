// A cone kept up to date: events (or polls) only hint at which nodes changed; the hinted IDs are
// coalesced, re-read in one batched wave, and anything new they bring (a subtask that took over an
// output, a retry) is expanded like the initial reconstruction. After each batch
// the diagnosis is recomputed and renderers get one TraceChange.

import type { ArmoniKClient } from '../armonik/api';
import { isArmoniKError } from '../armonik/errors';
import type { ArmoniKEvent, SessionStatus } from '../armonik/model';
import { DEFAULT_THRESHOLDS, noWorkerPatienceMs, type DiagnosisContext, type DiagnosisThresholds, type PartitionCapacity } from './analysis/context';
import type { ConeExpander } from './cone-expander';
import type { ConeGraph } from './cone-graph';
import type { NodeRole } from './cone-view';
import { PartitionProbe } from './partition-probe';
import { diagnose } from './diagnose';
import { frontierOf } from './live/frontier';
import { FrontierPoller, type PollPolicy } from './live/frontier-poller';
import { FrontierWatcher, type WatcherPolicy } from './live/frontier-watcher';
import { TouchCoalescer, type TouchedIds } from './live/touch-coalescer';
import type { Diagnosis, LiveMode, LiveTrace, TraceChange, TraceEdge, TraceNode, Unsubscribe } from './types';

export interface LiveTuning {
  coalesceMs: number;
  /** Re-diagnoses this often without events, because time alone changes verdicts (a queue
   * growing old, a task running past its max duration). */
  tickMs: number;
  watcher: WatcherPolicy;
  poll: PollPolicy;
}

export interface ConeTraceInit {
  client: ArmoniKClient;
  graph: ConeGraph;
  expander: ConeExpander;
  resultId: string;
  sessionId: string;
  session: { sessionId: string; status: SessionStatus } | undefined;
  partitions: ReadonlyMap<string, PartitionCapacity> | undefined;
  /** client.stats at the start of the trace, to report this trace's share. */
  baseStats: { rpcs: number; bytesReceived: number };
  /** Wall time the initial reconstruction took. */
  buildMs: number;
  now: () => number;
  /** Aborts the expander's and the session's reads when the trace closes. */
  abort: AbortController;
  probe: PartitionProbe;
  thresholds?: Partial<DiagnosisThresholds>;
  maxBlockers?: number;
}

const SESSION_HINT_STATUSES = new Set(['PAUSED', 'CANCELLING', 'CANCELLED']);

export class ConeTrace implements LiveTrace {
  readonly resultId: string;
  readonly sessionId: string;
  private readonly client: ArmoniKClient;
  private readonly graph: ConeGraph;
  private readonly expander: ConeExpander;
  private session: ConeTraceInit['session'];
  private readonly partitions: ConeTraceInit['partitions'];
  private readonly init: ConeTraceInit;
  private cached: Diagnosis | undefined;
  private mode: LiveMode = 'snapshot';
  private readonly changeListeners = new Set<(change: TraceChange) => void>();
  private readonly failListeners = new Set<(error: Error) => void>();
  private watcher: FrontierWatcher | undefined;
  private poller: FrontierPoller | undefined;
  private coalescer: TouchCoalescer | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private readonly probe: PartitionProbe;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private failed = false;
  private readonly abort: AbortController;

  constructor(init: ConeTraceInit) {
    this.init = init;
    this.client = init.client;
    this.graph = init.graph;
    this.expander = init.expander;
    this.resultId = init.resultId;
    this.sessionId = init.sessionId;
    this.session = init.session;
    this.partitions = init.partitions;
    this.abort = init.abort;
    this.probe = init.probe;
    // Renderers start from the graph as built; only what changes from now on is a change.
    this.graph.startRecording();
  }

  // --- LiveTrace: reading -----------------------------------------------------------------

  nodes(): Iterable<TraceNode> {
    return this.graph.nodes();
  }

  node(id: string): TraceNode | undefined {
    return this.graph.node(id);
  }

  edges(): Iterable<TraceEdge> {
    return this.graph.edges();
  }

  outEdges(id: string): TraceEdge[] {
    return this.graph.outEdges(id);
  }

  inEdges(id: string): TraceEdge[] {
    return this.graph.inEdges(id);
  }

  diagnosis(): Diagnosis {
    this.cached ??= this.computeDiagnosis();
    return this.cached;
  }

  onDidChange(listener: (change: TraceChange) => void): Unsubscribe {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onDidFail(listener: (error: Error) => void): Unsubscribe {
    this.failListeners.add(listener);
    return () => this.failListeners.delete(listener);
  }

  get liveMode(): LiveMode {
    return this.mode;
  }

  // --- LiveTrace: control -----------------------------------------------------------------

  refresh(signal?: AbortSignal): Promise<void> {
    return this.enqueue(async () => {
      signal?.throwIfAborted();
      const tasks: Array<[string, NodeRole]> = [];
      const results: string[] = [];
      for (const node of this.graph.nodes()) {
        if (node.kind === 'task') tasks.push([node.id, this.graph.roleOf(node.id) ?? 'cone']);
        else results.push(node.id);
      }
      const [, session] = await Promise.all([this.expander.expand({ results, tasks }), this.readSession()]);
      this.applySession(session);
      this.publish(true);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    this.stopLive();
  }

  private stopLive(): void {
    this.watcher?.close();
    this.poller?.close();
    this.coalescer?.close();
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  // --- live updates -----------------------------------------------------------------------

  /** Starts following the session's events (or polling when there are none). */
  startLive(tuning: LiveTuning): void {
    if (this.closed || this.mode !== 'snapshot') return;
    this.coalescer = new TouchCoalescer(tuning.coalesceMs, () => void this.flush());
    this.mode = 'events';
    this.watcher = new FrontierWatcher(
      this.client,
      this.sessionId,
      {
        onEvent: (event) => this.onEvent(event),
        onResync: () => this.coalescer?.touchFrontier(),
        onUnimplemented: () => this.startPolling(tuning.poll),
        onFailure: (error) => this.fail(error),
      },
      tuning.watcher,
    );
    this.cached = undefined;
    this.watcher.update(frontierOf(this.graph));
    this.ticker = setInterval(() => void this.tick().catch(() => undefined), tuning.tickMs);
  }

  /** Time-driven re-diagnosis: publishes only when what a user reads changed. */
  private tick(): Promise<void> {
    return this.enqueue(async () => {
      await this.probeQueues();
      const before = this.cached;
      const after = this.computeDiagnosis();
      const summary = (d: Diagnosis | undefined) => JSON.stringify([d?.verdict, d?.blockers.slice(0, 5).map((b) => [b.id, b.reason]), d?.rootCauses.map((r) => r.id)]);
      if (summary(before) !== summary(after)) this.publish(true);
      else this.cached = after;
    });
  }

  private async probeQueues(): Promise<void> {
    const thresholds = { ...DEFAULT_THRESHOLDS, ...this.init.thresholds };
    const overdue = PartitionProbe.overdueQueues(this.graph, this.observedNow(), (p) => noWorkerPatienceMs(this.partitions?.get(p), thresholds));
    if (await this.probe.probe(overdue)) this.expander.counters.roundTrips += 1;
  }

  /** Probes the queues of the initial build (called once by startTrace). */
  async probeInitialQueues(): Promise<void> {
    await this.probeQueues();
    this.cached = undefined;
  }

  private startPolling(policy: PollPolicy): void {
    if (this.closed) return;
    this.watcher = undefined;
    this.mode = 'polling';
    this.poller = new FrontierPoller(
      () =>
        this.enqueue(async () => {
          const touched = TouchCoalescer.empty();
          touched.frontier = true;
          touched.session = true;
          return this.apply(touched);
        }),
      (error) => this.fail(error),
      policy,
    );
    this.poller.start();
    // Renderers should know the feed is now polled.
    this.publish(true);
  }

  private onEvent(event: ArmoniKEvent): void {
    const coalescer = this.coalescer;
    if (!coalescer) return;
    switch (event.kind) {
      case 'taskStatusUpdate':
      case 'newTask': {
        const known = this.graph.node(event.taskId);
        if (known?.kind === 'task') {
          if (known.status !== event.status) coalescer.touchTask(event.taskId);
          if (SESSION_HINT_STATUSES.has(event.status) || known.status === 'PAUSED') coalescer.touchSession();
          return;
        }
        if (event.kind === 'newTask') {
          // A task we do not hold may be taking over one of our results (subtask or retry); the
          // owner update will tell, but re-reading the results now costs nothing more.
          for (const id of event.expectedOutputKeys) if (this.graph.node(id)?.kind === 'result') coalescer.touchResult(id);
        }
        return;
      }
      case 'resultStatusUpdate': {
        const known = this.graph.node(event.resultId);
        if (known?.kind === 'result' && known.status !== event.status) coalescer.touchResult(event.resultId);
        return;
      }
      case 'resultOwnerUpdate': {
        const known = this.graph.node(event.resultId);
        if (known?.kind === 'result' && known.ownerTaskId !== event.currentOwnerId) coalescer.touchResult(event.resultId);
        return;
      }
      case 'newResult': {
        const known = this.graph.node(event.resultId);
        if (known?.kind === 'result' && (known.status !== event.status || known.ownerTaskId !== event.ownerId)) coalescer.touchResult(event.resultId);
        return;
      }
    }
  }

  private flush(): Promise<void> {
    return this.enqueue(async () => {
      const touched = this.coalescer?.take();
      if (touched) await this.apply(touched);
    }).then(
      () => this.coalescer?.arm(),
      // Already reported through onDidFail by enqueue().
      () => undefined,
    );
  }

  /** Re-reads what was touched, expands what it brings, publishes. True when anything changed. */
  private async apply(touched: TouchedIds): Promise<boolean> {
    if (this.closed) return false;
    const tasks = new Map<string, NodeRole>();
    const results = new Set<string>();
    for (const id of touched.tasks) {
      const role = this.graph.roleOf(id);
      if (role !== undefined) tasks.set(id, role);
    }
    for (const id of touched.results) if (this.graph.has(id)) results.add(id);
    if (touched.frontier) {
      const frontier = frontierOf(this.graph);
      for (const id of frontier.tasks) tasks.set(id, this.graph.roleOf(id) ?? 'cone');
      for (const id of frontier.results) results.add(id);
    }
    const [, session] = await Promise.all([
      tasks.size > 0 || results.size > 0 ? this.expander.expand({ results, tasks }) : undefined,
      touched.session ? this.readSession() : undefined,
    ]);
    const sessionChanged = this.applySession(session);
    await this.probeQueues();
    return this.publish(sessionChanged);
  }

  /** Emits a TraceChange when the graph (or something the diagnosis reads) changed. */
  private publish(force: boolean): boolean {
    const changes = this.graph.takeChanges();
    const changed = force || changes.addedNodes.length + changes.updatedNodes.length + changes.addedEdges.length + changes.removedEdgeIds.length > 0;
    if (!changed) return false;
    this.watcher?.update(frontierOf(this.graph));
    this.cached = this.computeDiagnosis();
    const change: TraceChange = { ...changes, diagnosis: this.cached };
    for (const listener of [...this.changeListeners]) {
      try {
        listener(change);
      } catch (error) {
        // A broken renderer must not stop the trace for the others.
        console.error('[armonik-trace] change listener failed:', error);
      }
    }
    return true;
  }

  private async readSession(): Promise<ConeTraceInit['session']> {
    try {
      const session = await this.client.sessions.get(this.sessionId, { signal: this.abort.signal });
      return { sessionId: session.sessionId, status: session.status };
    } catch {
      // The session's state only refines explanations; keep the last one known.
      return this.session;
    }
  }

  private applySession(session: ConeTraceInit['session']): boolean {
    if (session === undefined || session.status === this.session?.status) return false;
    this.session = session;
    return true;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      if (this.closed) return undefined as T;
      try {
        return await work();
      } catch (error) {
        if (this.closed || isArmoniKError(error, 'cancelled')) return undefined as T;
        throw error;
      }
    });
    // Live work reports failures through onDidFail; refresh() callers get the rejection too.
    this.queue = run.catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
    return run;
  }

  private fail(error: Error): void {
    if (this.closed || this.failed) return;
    this.failed = true;
    this.stopLive();
    this.watcher = undefined;
    this.poller = undefined;
    for (const listener of [...this.failListeners]) listener(error);
  }

  private computeDiagnosis(): Diagnosis {
    const stats = this.client.stats;
    const context: DiagnosisContext = {
      now: this.observedNow(),
      session: this.session,
      partitions: this.partitions,
      partitionActivity: this.probe.current,
      endpoint: this.client.endpoint,
      stats: {
        rpcs: stats.rpcs - this.init.baseStats.rpcs,
        roundTrips: this.expander.counters.roundTrips,
        ms: this.init.buildMs,
        bytesReceived: stats.bytesReceived - this.init.baseStats.bytesReceived,
        liveMode: this.mode,
        ...(this.watcher ? { streams: this.watcher.streamCount, events: this.watcher.events } : {}),
      },
      ...(this.init.thresholds ? { thresholds: this.init.thresholds } : {}),
      ...(this.init.maxBlockers !== undefined ? { maxBlockers: this.init.maxBlockers } : {}),
    };
    return diagnose(this.graph, context);
  }

  /** Server time can run ahead of ours (a simulator's accelerated clock, a skewed host): never
   * let "now" be earlier than something the server says already happened. */
  private observedNow(): number {
    let now = this.init.now();
    for (const node of this.graph.nodes()) {
      const latest = node.kind === 'task' ? Math.max(node.endedAt ?? 0, node.startedAt ?? 0, node.submittedAt ?? 0, node.createdAt ?? 0) : Math.max(node.completedAt ?? 0, node.createdAt ?? 0);
      if (latest > now) now = latest;
    }
    return now;
  }
}
