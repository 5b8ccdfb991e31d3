// What the graph webview draws: a bounded, aggregated and already laid-out view of a trace.
// The host (src/trace/view) builds it from the full cone; the webview only renders it. Plain
// JSON-serialisable data, because it crosses the webview's postMessage boundary.

import type { BlockerReason, EdgeKind, Verdict } from '../trace/types';

export type ViewNodeKind = 'task' | 'result' | 'group';

/** Why a node is emphasised. Several can hold at once. */
export interface ViewNodeMarks {
  /** The traced result. */
  target?: boolean;
  /** 1-based rank among the diagnosis' blockers (1 = most impactful). */
  blockerRank?: number;
  rootCause?: boolean;
  /** On a blocking chain from the target down to a root cause. */
  chain?: boolean;
  /** On the critical path. */
  critical?: boolean;
}

export interface ViewNode {
  /** The trace node ID, or a group ID (`g:` prefix) for aggregated nodes. */
  id: string;
  kind: ViewNodeKind;
  /** Short label drawn in the node (IDs shortened); may hold a line break. */
  label: string;
  /** Task or result status; for a group, the common status of its members. */
  status: string;
  marks: ViewNodeMarks;
  /** Top-left-independent centre position and size, in graph pixels. */
  x: number;
  y: number;
  w: number;
  h: number;
  /** Groups: what the members are. */
  memberKind?: 'task' | 'result';
  /** Groups: number of trace nodes folded into this one. */
  count?: number;
  /** Groups: how many of the diagnosis' blockers are folded inside (beyond the pinned ones). */
  blockerCount?: number;
  /** Groups: trace nodes below the members, folded in until the group is expanded. */
  folded?: number;
  /** Groups: one line saying what the members are, e.g. "inputs of a1b2c3d4". */
  role?: string;
  /** Groups: the group is expanded and this node holds the members not shown yet. */
  remainder?: boolean;
  /** Individual node shown because the user expanded this group (so it can be collapsed). */
  fromGroup?: string;
  /** Searchable text (full ID, result name) so the webview can filter without a round trip. */
  search: string;
}

export interface ViewEdge {
  /** Stable: `${kind}:${source}->${target}` over view node IDs. */
  id: string;
  kind: EdgeKind;
  source: string;
  target: string;
  /** How many trace edges this view edge stands for (> 1 when an endpoint is a group). */
  count: number;
  chain?: boolean;
  critical?: boolean;
  /** The edge points upwards in the layout (it closes a cycle, e.g. delegated-to). */
  reversed?: boolean;
}

export interface HeaderBlocker {
  /** Trace node ID of the blocker. */
  id: string;
  /** View node that currently shows it (itself, or the group folding it). */
  viewId: string;
  kind: 'task' | 'result';
  status: string;
  reason: BlockerReason;
  explanation: string;
  nextStep: string;
  impact: number;
}

export interface ViewHeader {
  resultId: string;
  resultName: string;
  verdict: Verdict;
  headline: string;
  progress: { done: number; total: number };
  /** Remaining ms until the result is expected, or undefined when it never will be. */
  etaMs: number | undefined;
  etaAt: number | undefined;
  blockers: HeaderBlocker[];
  /** All blockers of the diagnosis, including those not listed. */
  blockerCount: number;
  rootCauseCount: number;
  cone: { tasks: number; results: number; depth: number };
  computedAt: number;
}

/** The options that shaped a view; the webview keeps them in its persisted state. */
export interface ViewOptions {
  /** Expanded group ID → number of members shown individually. */
  expanded: Record<string, number>;
  /** Only the paths from the target to this node are shown. */
  focusNodeId: string | undefined;
}

export interface ViewGraph {
  resultId: string;
  nodes: ViewNode[];
  edges: ViewEdge[];
  header: ViewHeader;
  options: ViewOptions;
  /** Size of the full cone behind this view. */
  totals: { nodes: number; edges: number };
}

/** Changes between two views of the same trace; positions of kept nodes never change. */
export interface ViewDiff {
  addedNodes: ViewNode[];
  updatedNodes: ViewNode[];
  removedNodeIds: string[];
  addedEdges: ViewEdge[];
  updatedEdges: ViewEdge[];
  removedEdgeIds: string[];
  header: ViewHeader;
  options: ViewOptions;
  totals: { nodes: number; edges: number };
}

/** Node box sizes shared by the host's layout and the webview's drawing. */
export const NODE_SIZE: Readonly<Record<ViewNodeKind, { w: number; h: number }>> = {
  task: { w: 150, h: 40 },
  result: { w: 140, h: 34 },
  group: { w: 200, h: 58 },
};

export const GROUP_ID_PREFIX = 'g:';

export function isGroupId(id: string): boolean {
  return id.startsWith(GROUP_ID_PREFIX);
}
