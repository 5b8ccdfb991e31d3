// Hand-built cones for analysis tests: nodes with sensible defaults, assembled into a ConeGraph
// whose edges derive from the nodes exactly as in a real trace.

import { ConeGraph } from '../../../../src/trace/cone-graph';
import type { NodeRole } from '../../../../src/trace/cone-view';
import type { ResultNode, TaskNode, TraceNode } from '../../../../src/trace/types';

export const NOW = 1_700_000_000_000;
export const SESSION = 'session-1';
const SECOND = 1000;

export function task(id: string, patch: Partial<TaskNode> = {}): TaskNode {
  const retryOfIds = patch.retryOfIds ?? [];
  return {
    kind: 'task',
    id,
    sessionId: SESSION,
    status: 'COMPLETED',
    partitionId: 'default',
    podHostname: '',
    initialTaskId: retryOfIds[0] ?? id,
    createdBy: '',
    parentTaskIds: [SESSION],
    retryOfIds,
    attempt: retryOfIds.length + 1,
    maxRetries: 2,
    maxDurationMs: 60 * SECOND,
    payloadId: '',
    dataDependencies: [],
    expectedOutputIds: [],
    createdAt: NOW - 600 * SECOND,
    submittedAt: undefined,
    startedAt: undefined,
    endedAt: undefined,
    durationMs: undefined,
    error: undefined,
    ...patch,
  };
}

/** A task that ran from `startedAgo` to `endedAgo` seconds before NOW. */
export function ran(startedAgoS: number, endedAgoS: number): Partial<TaskNode> {
  return {
    submittedAt: NOW - (startedAgoS + 1) * SECOND,
    startedAt: NOW - startedAgoS * SECOND,
    endedAt: NOW - endedAgoS * SECOND,
    durationMs: (startedAgoS - endedAgoS) * SECOND,
  };
}

export function result(id: string, patch: Partial<ResultNode> = {}): ResultNode {
  return {
    kind: 'result',
    id,
    sessionId: SESSION,
    name: id,
    status: 'CREATED',
    ownerTaskId: '',
    createdBy: '',
    size: 0,
    createdAt: NOW - 600 * SECOND,
    completedAt: undefined,
    missing: false,
    ...patch,
  };
}

export function completedResult(id: string, owner: string, completedAgoS = 300): ResultNode {
  return result(id, { status: 'COMPLETED', ownerTaskId: owner, completedAt: NOW - completedAgoS * SECOND, size: 8 });
}

export function cone(targetId: string, nodes: TraceNode[], roles: Record<string, NodeRole> = {}, missingTasks: string[] = []): ConeGraph {
  const graph = new ConeGraph(targetId);
  for (const node of nodes) graph.upsert(node, roles[node.id] ?? 'cone');
  for (const id of missingTasks) graph.missingTaskIds.add(id);
  return graph;
}
