// Builds what the side panel shows for one view node: a trace node with its neighbours as
// links, or a group with a first page of members.

import type { TraceNode } from '../types';
import { ERROR_DETAILS_LIMIT, type NodeDetails, type NodeLink } from '../../shared/node-details';
import { nodeTitle, shortId } from '../../shared/node-label';
import { isGroupId } from '../../shared/view-graph';
import type { Aggregation, ViewIdLookup } from './aggregate';
import type { TraceGraphSource } from './trace-graph-source';

/** Longest link list sent for one node; a task can have thousands of inputs. */
export const LINK_LIMIT = 200;
const GROUP_MEMBER_PAGE = 50;

export function linkTo(source: TraceGraphSource, repOf: ViewIdLookup, id: string, kind: 'task' | 'result'): NodeLink {
  const node = source.node(id);
  if (!node) return { id, kind, status: 'UNKNOWN', label: `${kind} ${shortId(id)}`, viewId: undefined };
  return { id, kind: node.kind, status: node.status, label: nodeTitle(node), viewId: repOf.get(id) };
}

function links(source: TraceGraphSource, repOf: ViewIdLookup, ids: readonly string[], kind: 'task' | 'result'): { links: NodeLink[]; omitted: number } {
  const shown = ids.slice(0, LINK_LIMIT);
  return { links: shown.map((id) => linkTo(source, repOf, id, kind)), omitted: ids.length - shown.length };
}

export function describeNode(source: TraceGraphSource, aggregation: Aggregation, id: string): NodeDetails | null {
  const { repOf } = aggregation;
  if (isGroupId(id)) {
    const group = aggregation.groups.get(id);
    if (!group) return null;
    const members = [...group.members].sort().slice(0, GROUP_MEMBER_PAGE);
    const blockerIds = new Set(source.diagnosis().blockers.map((b) => b.id));
    return {
      kind: 'group',
      id,
      label: `${group.members.length.toLocaleString('en-US')} ${group.memberKind}s ${group.status}`,
      role: group.role,
      status: group.status,
      memberKind: group.memberKind,
      count: group.members.length,
      expanded: group.expanded,
      members: members.map((m) => linkTo(source, repOf, m, group.memberKind)),
      blockerCount: group.members.filter((m) => blockerIds.has(m)).length,
    };
  }
  const node: TraceNode | undefined = source.node(id);
  if (!node) return null;
  const diagnosis = source.diagnosis();
  const blocker = diagnosis.blockers.find((b) => b.id === id);
  const rootCause = diagnosis.rootCauses.some((c) => c.id === id);
  const base = {
    kind: 'node' as const,
    node,
    blocker,
    rootCause,
    fromGroup: aggregation.fromGroup.get(id),
  };
  if (node.kind === 'task') {
    const inputs = links(source, repOf, node.dataDependencies, 'result');
    const outputs = links(source, repOf, node.expectedOutputIds, 'result');
    const error = node.error ?? (blocker?.error || undefined);
    const retries = source
      .inEdges(id)
      .filter((e) => e.kind === 'retry-of')
      .map((e) => linkTo(source, repOf, e.source, 'task'));
    for (const earlier of node.retryOfIds) retries.push(linkTo(source, repOf, earlier, 'task'));
    return {
      ...base,
      // The full node would carry the full error again; the excerpt below is what is shown.
      node: { ...node, error: undefined },
      error: error === undefined ? undefined : error.slice(0, ERROR_DETAILS_LIMIT),
      errorLength: error?.length ?? 0,
      inputs: inputs.links,
      outputs: outputs.links,
      payload: node.payloadId ? linkTo(source, repOf, node.payloadId, 'result') : undefined,
      owner: undefined,
      createdBy: node.createdBy ? linkTo(source, repOf, node.createdBy, 'task') : undefined,
      retries,
      omitted: { inputs: inputs.omitted, outputs: outputs.omitted },
    };
  }
  // Results: "inputs" are what it needs (its owner), "outputs" the tasks that consume it.
  const consumers = source
    .inEdges(id)
    .filter((e) => e.kind === 'input' || e.kind === 'payload')
    .map((e) => e.source);
  const used = links(source, repOf, consumers, 'task');
  const error = blocker?.error;
  return {
    ...base,
    error: error === undefined ? undefined : error.slice(0, ERROR_DETAILS_LIMIT),
    errorLength: error?.length ?? 0,
    inputs: [],
    outputs: used.links,
    payload: undefined,
    owner: node.ownerTaskId && source.node(node.ownerTaskId) ? linkTo(source, repOf, node.ownerTaskId, 'task') : undefined,
    createdBy: node.createdBy && source.node(node.createdBy) ? linkTo(source, repOf, node.createdBy, 'task') : undefined,
    retries: [],
    omitted: { inputs: 0, outputs: used.omitted },
  };
}
