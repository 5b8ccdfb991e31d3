// What the analysis needs to read from a cone, whatever holds it (the live graph, a test's
// hand-built graph).

import type { TraceEdge, TraceNode } from './types';

/** `cone`: the task owns (must produce) a result the target needs, so its inputs were followed.
 * `context`: shown for how the work was split or retried (a parent that delegated, an earlier
 * attempt, a task named by a cascade); its own inputs are not followed. */
export type NodeRole = 'cone' | 'context';

export interface ConeView {
  readonly targetId: string;
  node(id: string): TraceNode | undefined;
  nodes(): Iterable<TraceNode>;
  /** Nodes are numbered from 0 in the order they were added; a node keeps its number. */
  readonly nodeCount: number;
  nodeAt(index: number): TraceNode;
  /** The number of a node, -1 when the cone does not hold it. */
  indexOf(id: string): number;
  outEdges(id: string): TraceEdge[];
  inEdges(id: string): TraceEdge[];
  roleOf(id: string): NodeRole | undefined;
  /** Task IDs the cone refers to (as an owner, parent or attempt) that the server does not know. */
  readonly missingTaskIds: ReadonlySet<string>;
}
