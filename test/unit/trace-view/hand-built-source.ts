// Small hand-built cones for view tests: tasks and results by short names, edges by kind.

import type { Diagnosis, EdgeKind, ResultNode, TaskNode, TraceEdge, TraceNode } from '../../../src/trace/types';
import type { TraceGraphSource } from '../../../src/trace/view/trace-graph-source';

export function task(id: string, status: TaskNode['status'] = 'COMPLETED', extra: Partial<TaskNode> = {}): TaskNode {
  return {
    kind: 'task', id, sessionId: 's', status, partitionId: 'default', podHostname: '', initialTaskId: id, createdBy: '', parentTaskIds: ['s'],
    retryOfIds: [], attempt: 1, maxRetries: 3, maxDurationMs: undefined, payloadId: '', dataDependencies: [], expectedOutputIds: [],
    createdAt: undefined, submittedAt: undefined, startedAt: undefined, endedAt: undefined, durationMs: undefined, error: undefined, ...extra,
  };
}

export function result(id: string, status: ResultNode['status'] = 'COMPLETED', extra: Partial<ResultNode> = {}): ResultNode {
  return { kind: 'result', id, sessionId: 's', name: '', status, ownerTaskId: '', createdBy: '', size: 0, createdAt: undefined, completedAt: undefined, missing: false, ...extra };
}

export function emptyDiagnosis(target: string): Diagnosis {
  return {
    target: { id: target, sessionId: 's', name: '', status: 'CREATED', ownerTaskId: '' },
    verdict: 'in-progress', headline: '', progress: { done: 0, total: 0 }, blockers: [], rootCauses: [], chains: [], criticalPath: [],
    eta: { remainingMs: undefined, at: undefined, assumptions: [] }, cone: { tasks: 0, results: 0, depth: 0 },
    stats: { rpcs: 0, roundTrips: 0, ms: 0, bytesReceived: 0 }, computedAt: 0,
  };
}

export class HandBuiltSource implements TraceGraphSource {
  private readonly map = new Map<string, TraceNode>();
  private readonly edgeList: TraceEdge[] = [];
  diag: Diagnosis;

  constructor(readonly resultId: string, nodes: TraceNode[], edges: [EdgeKind, string, string][]) {
    for (const n of nodes) this.map.set(n.id, n);
    for (const [kind, source, target] of edges) this.edgeList.push({ id: `${kind}:${source}->${target}`, kind, source, target });
    this.diag = emptyDiagnosis(resultId);
  }
  nodes() { return this.map.values(); }
  node(id: string) { return this.map.get(id); }
  edges() { return this.edgeList; }
  outEdges(id: string) { return this.edgeList.filter((e) => e.source === id); }
  inEdges(id: string) { return this.edgeList.filter((e) => e.target === id); }
  diagnosis() { return this.diag; }
}

/** R ← T (aggregator) with `inputs` input results, each owned by its own producer task. */
export function fanIn(statuses: TaskNode['status'][]): HandBuiltSource {
  const nodes: TraceNode[] = [result('R', 'CREATED'), task('T', 'PENDING')];
  const edges: [EdgeKind, string, string][] = [['output', 'R', 'T']];
  statuses.forEach((status, i) => {
    const done = status === 'COMPLETED';
    nodes.push(result(`r${i}`, done ? 'COMPLETED' : 'CREATED'), task(`w${i}`, status));
    edges.push(['input', 'T', `r${i}`], ['output', `r${i}`, `w${i}`]);
  });
  return new HandBuiltSource('R', nodes, edges);
}
