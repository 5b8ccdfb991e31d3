// Edges are never stored as independent facts: each one is derived from the data of the node
// that defines it (a result's owner, a task's inputs, retry link and creator). Re-deriving a
// node's edges after it changes is then enough to keep the graph true, e.g. when a result's owner
// moves to a subtask or a retry.

import { delegatesTo, ownerTaskIdOf, parentTaskIdOf, previousAttemptId } from './task-relations';
import type { EdgeKind, TraceNode } from './types';

export function edgeId(kind: EdgeKind, source: string, target: string): string {
  return `${kind}:${source}->${target}`;
}

/** Receives one relation of the node being derived: an edge of `kind` between the node and
 * `otherId`, leaving the node when `outgoing`, entering it otherwise. */
export type RelationSink = (kind: EdgeKind, otherId: string, outgoing: boolean) => void;

/** The relations `node` defines, given a lookup of the other nodes of the graph (a parent's
 * relation depends on its data: it delegated its output, or only created the task). A parent not
 * in the graph yet is reported as `subtask-of`; deriving again once it arrives corrects that. */
export function deriveRelations(node: TraceNode, lookup: (id: string) => TraceNode | undefined, sink: RelationSink): void {
  if (node.kind === 'result') {
    const owner = ownerTaskIdOf(node);
    if (owner !== undefined) sink('output', owner, true);
    return;
  }
  const dependencies = node.dataDependencies;
  for (let i = 0; i < dependencies.length; i++) sink('input', dependencies[i]!, true);
  if (node.payloadId !== '' && !dependencies.includes(node.payloadId)) sink('payload', node.payloadId, true);

  const previous = previousAttemptId(node);
  if (previous !== undefined) sink('retry-of', previous, true);

  const parentId = parentTaskIdOf(node);
  if (parentId !== undefined) {
    const parent = lookup(parentId);
    if (parent?.kind === 'task' && delegatesTo(parent, node)) sink('delegated-to', parentId, false);
    else if (parent === undefined || parent.kind === 'task') sink('subtask-of', parentId, true);
  }
}
