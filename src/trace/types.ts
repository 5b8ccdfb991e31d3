// The data a trace produces: the upstream cone of one result as nodes and typed edges, and the
// diagnosis computed from it. Everything here is plain, JSON-serialisable data (times are epoch
// milliseconds) because it crosses to the CLI's JSON output and to the graph webview.

import type { ResultStatus, TaskStatus } from '../armonik/model';

export interface TaskNode {
  kind: 'task';
  id: string;
  sessionId: string;
  status: TaskStatus;
  partitionId: string;
  podHostname: string;
  initialTaskId: string;
  createdBy: string;
  parentTaskIds: string[];
  retryOfIds: string[];
  /** 1 for the first attempt, n+1 for `<initial>###n`. */
  attempt: number;
  maxRetries: number;
  maxDurationMs: number | undefined;
  payloadId: string;
  dataDependencies: string[];
  expectedOutputIds: string[];
  createdAt: number | undefined;
  submittedAt: number | undefined;
  startedAt: number | undefined;
  endedAt: number | undefined;
  /** Observed processing time (started → ended) when the task finished. */
  durationMs: number | undefined;
  /** The worker's or Core's error text (`output.error`), when there is one. */
  error: string | undefined;
}

export interface ResultNode {
  kind: 'result';
  id: string;
  sessionId: string;
  name: string;
  status: ResultStatus;
  ownerTaskId: string;
  createdBy: string;
  size: number;
  createdAt: number | undefined;
  completedAt: number | undefined;
  /** The ID is referenced (as a dependency or output) but the server does not know it. */
  missing: boolean;
}

export type TraceNode = TaskNode | ResultNode;

/**
 * Edges point from what needs to what is needed, so a top-to-bottom layout puts the traced
 * result at the top:
 * - `output`: result → the task that currently owns (must produce) it;
 * - `input`: task → one of its data dependencies;
 * - `payload`: task → its payload result;
 * - `delegated-to`: former owner task → subtask that took over one or more of its outputs;
 * - `retry-of`: retry attempt → the failed attempt it replaces;
 * - `subtask-of`: subtask → the task that created it.
 */
export const EDGE_KINDS = ['output', 'input', 'payload', 'delegated-to', 'retry-of', 'subtask-of'] as const;
export type EdgeKind = (typeof EDGE_KINDS)[number];

export interface TraceEdge {
  /** Stable: `${kind}:${source}->${target}`. */
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
}

export const BLOCKER_REASONS = [
  'failed',
  'cascade',
  'waiting-dependencies',
  'queued',
  'running',
  'retrying',
  'paused',
  'cancelled',
  'orphaned-output',
  'aborted-input',
  'missing-input',
  'stuck-pending',
] as const;
export type BlockerReason = (typeof BLOCKER_REASONS)[number];

/** Reason-specific facts behind a blocker's explanation. Only the relevant ones are set. */
export interface BlockerFacts {
  /** Inputs (result IDs) that are not COMPLETED yet. */
  waitingOn?: string[];
  partitionId?: string;
  /** Simulated or real worker capacity of the partition, when known. */
  partitionWorkers?: number;
  queueAgeMs?: number;
  elapsedMs?: number;
  maxDurationMs?: number;
  attempt?: number;
  maxAttempts?: number;
  /** For `cascade`: the task whose own failure caused this one. */
  rootCauseTaskId?: string;
  /** For `orphaned-output` / `aborted-input` / `missing-input`: the result concerned. */
  resultId?: string;
}

export interface Blocker {
  /** Node ID (task or result) the blocker is about. */
  id: string;
  kind: 'task' | 'result';
  status: TaskStatus | ResultStatus;
  reason: BlockerReason;
  /** One line, plain words. */
  explanation: string;
  /** What the user can do about it. */
  nextStep: string;
  /** How much of the target's remaining work waits on this node (unfinished tasks downstream of
   * it within the cone, itself included). Blockers are ranked by impact, then age. */
  impact: number;
  ageMs: number | undefined;
  error?: string;
  facts: BlockerFacts;
}

export interface RootCause {
  id: string;
  kind: 'task' | 'result';
  status: TaskStatus | ResultStatus;
  reason: BlockerReason;
  error: string | undefined;
}

export type Verdict = 'completed' | 'in-progress' | 'blocked' | 'failed';

export interface CriticalPathStep {
  id: string;
  kind: 'task' | 'result';
  status: TaskStatus | ResultStatus;
  durationMs: number;
  /** True when the duration is an estimate (unfinished task) rather than observed. */
  estimated: boolean;
}

export interface Eta {
  /** Remaining time until the result is produced, or undefined when it never will be. */
  remainingMs: number | undefined;
  /** Epoch ms of the expected completion. */
  at: number | undefined;
  assumptions: string[];
}

export interface Diagnosis {
  target: { id: string; sessionId: string; name: string; status: ResultStatus; ownerTaskId: string };
  verdict: Verdict;
  /** One sentence summarising the verdict for humans. */
  headline: string;
  progress: { done: number; total: number };
  /** Ranked, most impactful first. */
  blockers: Blocker[];
  rootCauses: RootCause[];
  /** For each root cause, node IDs from the target down to it. */
  chains: string[][];
  criticalPath: CriticalPathStep[];
  eta: Eta;
  cone: { tasks: number; results: number; depth: number };
  stats: {
    rpcs: number;
    roundTrips: number;
    ms: number;
    bytesReceived: number;
    /** How the trace follows changes: `snapshot` (not live), `events` (GetEvents streams) or
     * `polling` (the control plane has no Events service). Added by the trace engine. */
    liveMode?: LiveMode;
    /** Event streams currently open (live traces in `events` mode). */
    streams?: number;
    /** Events received so far. */
    events?: number;
  };
  /** Epoch ms at which this diagnosis was computed. */
  computedAt: number;
  /** Every blocker found, before `blockers` was cut to the most impactful ones. */
  blockersTotal?: number;
  /** How many blockers of each reason were found (all of them, not only those listed). */
  blockerCounts?: Partial<Record<BlockerReason, number>>;
  /** True when the cone was too large for exact impact counts and they were estimated (shared
   * downstream work may then be counted more than once). */
  impactApproximate?: boolean;
  /** The endpoint the trace was read from. */
  endpoint?: string;
}

export type LiveMode = 'snapshot' | 'events' | 'polling';

/** An incremental change to a live trace, as renderers apply it. */
export interface TraceChange {
  addedNodes: TraceNode[];
  updatedNodes: TraceNode[];
  addedEdges: TraceEdge[];
  removedEdgeIds: string[];
  diagnosis: Diagnosis;
}

export type Unsubscribe = () => void;

/** A trace kept up to date from the session's events (or polling). Owned by whoever started it;
 * `close()` stops the subscription. */
export interface LiveTrace {
  readonly resultId: string;
  readonly sessionId: string;
  /** Every node of the cone, unaggregated. */
  nodes(): Iterable<TraceNode>;
  node(id: string): TraceNode | undefined;
  edges(): Iterable<TraceEdge>;
  /** Edges leaving / entering a node (see EdgeKind for direction). */
  outEdges(id: string): TraceEdge[];
  inEdges(id: string): TraceEdge[];
  diagnosis(): Diagnosis;
  /** Called after each coalesced batch of updates has been applied. */
  onDidChange(listener: (change: TraceChange) => void): Unsubscribe;
  /** Called when the live feed fails for good (e.g. the endpoint went away); the trace keeps its
   * last state. */
  onDidFail(listener: (error: Error) => void): Unsubscribe;
  /** Re-reads the cone from the server (after a reconnect or on user request). */
  refresh(signal?: AbortSignal): Promise<void>;
  close(): void;
}
