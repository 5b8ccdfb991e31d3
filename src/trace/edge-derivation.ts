// Edges are never stored as independent facts: each one is derived from the data of the node
// that defines it (a result's owner, a task's inputs, retry link and creator). Re-deriving a
// node's edges after it changes is then enough to keep the graph true, e.g. when a result's owner
// moves to a subtask or a retry.

import { delegatesTo, ownerTaskIdOf, parentTaskIdOf, previousAttemptId } from './task-relations';
import type { EdgeKind, TraceEdge, TraceNode } from './types';

export function edgeId(kind: EdgeKind, source: string, target: string): string {
  return `${kind}:${source}->${target}`;
}

export function makeEdge(kind: EdgeKind, source: string, target: string): TraceEdge {
  return { id: edgeId(kind, source, target), kind, source, target };
}

export interface DerivedEdges {
  /** Edges whose both ends are known now. */
  edges: TraceEdge[];
  /** IDs this node refers to that are not in the graph yet; its edges must be derived again when
   * one of them arrives. */
  waitingFor: string[];
}

/** Edges defined by `node`, given a lookup of the other nodes of the graph. */
export function deriveEdges(node: TraceNode, lookup: (id: string) => TraceNode | undefined): DerivedEdges {
  const derived: DerivedEdges = { edges: [], waitingFor: [] };
  const { edges, waitingFor } = derived;

  if (node.kind === 'result') {
    const owner = ownerTaskIdOf(node);
    if (owner !== undefined) link(derived, lookup, 'output', node.id, owner, owner);
    return derived;
  }

  for (const dependency of node.dataDependencies) link(derived, lookup, 'input', node.id, dependency, dependency);
  if (node.payloadId !== '' && !node.dataDependencies.includes(node.payloadId)) link(derived, lookup, 'payload', node.id, node.payloadId, node.payloadId);

  const previous = previousAttemptId(node);
  if (previous !== undefined) link(derived, lookup, 'retry-of', node.id, previous, previous);

  const parentId = parentTaskIdOf(node);
  if (parentId !== undefined) {
    const parent = lookup(parentId);
    if (parent === undefined) waitingFor.push(parentId);
    else if (parent.kind === 'task' && delegatesTo(parent, node)) edges.push(makeEdge('delegated-to', parentId, node.id));
    else if (parent.kind === 'task') edges.push(makeEdge('subtask-of', node.id, parentId));
  }
  return derived;
}

/** An edge to `other` if it is in the graph, else a note to derive again when it arrives. (Not a
 * closure inside deriveEdges: that would be allocated for each of the cone's nodes.) */
function link(derived: DerivedEdges, lookup: (id: string) => TraceNode | undefined, kind: EdgeKind, source: string, target: string, other: string): void {
  if (lookup(other) === undefined) derived.waitingFor.push(other);
  else derived.edges.push(makeEdge(kind, source, target));
}
