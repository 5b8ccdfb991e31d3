// The cone of one result as a directed graph: nodes are trace nodes, edges are derived from node
// data (./edge-derivation.ts). Every mutation is recorded so that a live trace can hand renderers
// a minimal TraceChange after each batch.
//
// Adjacency is kept in plain arrays on each node rather than in a general graph library: a
// 100,000-task cone adds some 300,000 edges, and a library's per-edge bookkeeping (keyed
// attachment objects, double existence checks) cost more than the rest of the reconstruction.

import type { ConeView, NodeRole } from './cone-view';
import { deriveEdges } from './edge-derivation';
import { sameNode } from './node-from-model';
import type { TraceEdge, TraceNode } from './types';

interface NodeEntry {
  node: TraceNode;
  role: NodeRole;
  /** Edges leaving / entering the node, in the order they were added. */
  out: TraceEdge[] | undefined;
  in: TraceEdge[] | undefined;
  /** Edges this node's data defines (see edge-derivation.ts), as last derived. */
  owned: TraceEdge[] | undefined;
}

export interface GraphChanges {
  addedNodes: TraceNode[];
  updatedNodes: TraceNode[];
  addedEdges: TraceEdge[];
  removedEdgeIds: string[];
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export class ConeGraph implements ConeView {
  /** Node lookups are the hottest path of the analysis: one map, nothing else on the way. */
  private readonly index = new Map<string, NodeEntry>();
  /** Every edge by ID, in the order edges were added. ArmoniK's relations never put two kinds
   * of edge on the same ordered pair of nodes (a payload that is also a data dependency is one
   * `input` edge), so an ID names the only edge between its two ends. */
  private readonly edgeById = new Map<string, TraceEdge>();
  /** Missing ID → nodes whose edges refer to it (a node may be listed more than once). */
  private readonly waiting = new Map<string, string[]>();
  readonly missingTaskIds = new Set<string>();
  private tasks = 0;
  private results = 0;
  /** Nodes whose edges must be derived again before the next edge read. Deferring lets a node
   * whose inputs arrive one by one in a batch be derived once, not once per input. */
  private readonly dirty = new Set<string>();

  private addedNodes = new Map<string, TraceNode>();
  private updatedNodes = new Map<string, TraceNode>();
  private addedEdges = new Map<string, TraceEdge>();
  private removedEdgeIds = new Set<string>();
  /** Off while a trace's initial build runs: nobody has seen the graph yet, so recording its
   * 100,000s of additions only to discard them would be wasted work (see takeChanges). */
  private recording: boolean;
  private readonly lookup = (id: string): TraceNode | undefined => this.index.get(id)?.node;

  constructor(
    readonly targetId: string,
    options: { recordChanges?: boolean } = {},
  ) {
    this.recording = options.recordChanges ?? true;
  }

  get nodeCount(): number {
    return this.index.size;
  }

  get taskCount(): number {
    return this.tasks;
  }

  get resultCount(): number {
    return this.results;
  }

  get edgeCount(): number {
    this.settle();
    return this.edgeById.size;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  node(id: string): TraceNode | undefined {
    return this.index.get(id)?.node;
  }

  roleOf(id: string): NodeRole | undefined {
    return this.index.get(id)?.role;
  }

  *nodes(): Iterable<TraceNode> {
    for (const entry of this.index.values()) yield entry.node;
  }

  *edges(): Iterable<TraceEdge> {
    this.settle();
    yield* this.edgeById.values();
  }

  outEdges(id: string): TraceEdge[] {
    if (!this.index.has(id)) return [];
    this.settle();
    return this.index.get(id)!.out?.slice() ?? [];
  }

  inEdges(id: string): TraceEdge[] {
    if (!this.index.has(id)) return [];
    this.settle();
    return this.index.get(id)!.in?.slice() ?? [];
  }

  /** Adds or replaces a node. A task keeps the strongest role it was ever given (`cone` wins). */
  upsert(node: TraceNode, role: NodeRole = 'cone'): UpsertOutcome {
    const known = this.index.get(node.id);
    if (known === undefined) {
      this.index.set(node.id, { node, role, out: undefined, in: undefined, owned: undefined });
      if (node.kind === 'task') this.tasks += 1;
      else this.results += 1;
      this.missingTaskIds.delete(node.id);
      if (this.recording) this.addedNodes.set(node.id, node);
      this.dirty.add(node.id);
      const waiters = this.waiting.get(node.id);
      if (waiters) {
        this.waiting.delete(node.id);
        for (const waiter of waiters) this.dirty.add(waiter);
      }
      return 'added';
    }
    if (role === 'cone' && known.role === 'context') known.role = 'cone';
    if (sameNode(known.node, node)) return 'unchanged';
    known.node = node;
    this.dirty.add(node.id);
    if (!this.recording) return 'updated';
    if (this.addedNodes.has(node.id)) this.addedNodes.set(node.id, node);
    else this.updatedNodes.set(node.id, node);
    return 'updated';
  }

  setRole(id: string, role: NodeRole): void {
    const known = this.index.get(id);
    if (known) known.role = role;
  }

  /** The changes since the last call, net of anything added then removed in between. A graph made
   * with `recordChanges: false` records from its first call on. */
  takeChanges(): GraphChanges {
    this.settle();
    this.recording = true;
    const changes: GraphChanges = {
      addedNodes: [...this.addedNodes.values()],
      updatedNodes: [...this.updatedNodes.values()],
      addedEdges: [...this.addedEdges.values()],
      removedEdgeIds: [...this.removedEdgeIds],
    };
    this.addedNodes = new Map();
    this.updatedNodes = new Map();
    this.addedEdges = new Map();
    this.removedEdgeIds = new Set();
    return changes;
  }

  /** Derives the edges of every node changed since the last edge read. */
  settle(): void {
    if (this.dirty.size === 0) return;
    for (const id of this.dirty) this.rederive(this.index.get(id)!);
    this.dirty.clear();
  }

  private rederive(entry: NodeEntry): void {
    const id = entry.node.id;
    const derived = deriveEdges(entry.node, this.lookup);
    const previous = new OwnedEdges(entry.owned);
    const next: TraceEdge[] = [];
    for (const edge of derived.edges) {
      // Only this node defines these edges, so one it already had is found among its own.
      const existing = previous.take(edge);
      if (existing !== undefined) {
        next.push(existing);
        continue;
      }
      if (this.edgeById.has(edge.id)) continue; // listed twice (a repeated data dependency)
      const source = edge.source === id ? entry : this.index.get(edge.source)!;
      const target = edge.target === id ? entry : this.index.get(edge.target)!;
      // Defensive: should bad data relate the same pair twice, the first relation stays.
      if (linked(source, target, edge)) continue;
      next.push(edge);
      this.addEdge(edge, source, target);
    }
    for (const stale of previous.left()) this.dropEdge(stale);
    entry.owned = next.length > 0 ? next : undefined;
    for (const missing of derived.waitingFor) {
      const waiters = this.waiting.get(missing);
      if (waiters) waiters.push(id);
      else this.waiting.set(missing, [id]);
    }
  }

  private addEdge(edge: TraceEdge, source: NodeEntry, target: NodeEntry): void {
    this.edgeById.set(edge.id, edge);
    (source.out ??= []).push(edge);
    (target.in ??= []).push(edge);
    if (!this.recording) return;
    if (this.removedEdgeIds.has(edge.id)) this.removedEdgeIds.delete(edge.id);
    else this.addedEdges.set(edge.id, edge);
  }

  private dropEdge(edge: TraceEdge): void {
    this.edgeById.delete(edge.id);
    remove(this.index.get(edge.source)!, 'out', edge);
    remove(this.index.get(edge.target)!, 'in', edge);
    if (!this.recording) return;
    if (this.addedEdges.has(edge.id)) this.addedEdges.delete(edge.id);
    else this.removedEdgeIds.add(edge.id);
  }
}

/** The edges a node had before being derived again, matched by what they relate: few of them
 * are searched in place, many (a task with thousands of inputs) through a map by ID. */
class OwnedEdges {
  private readonly byId: Map<string, TraceEdge> | undefined;
  private taken: Set<TraceEdge> | undefined;

  constructor(private readonly edges: readonly TraceEdge[] = []) {
    this.byId = edges.length > 16 ? new Map(edges.map((edge) => [edge.id, edge])) : undefined;
  }

  /** The previous edge equal to `edge`, if any, now kept. */
  take(edge: TraceEdge): TraceEdge | undefined {
    if (this.edges.length === 0) return undefined;
    const found = this.byId
      ? this.byId.get(edge.id)
      : this.edges.find((e) => e.target === edge.target && e.source === edge.source && e.kind === edge.kind);
    if (found === undefined || this.taken?.has(found)) return undefined;
    (this.taken ??= new Set()).add(found);
    return found;
  }

  /** Previous edges nothing took: the node no longer defines them. */
  left(): TraceEdge[] {
    const taken = this.taken;
    if (taken === undefined) return [...this.edges];
    return taken.size === this.edges.length ? [] : this.edges.filter((edge) => !taken.has(edge));
  }
}

/** Whether some edge already goes from `edge.source` to `edge.target`, searched from the end with
 * fewer edges (a task with thousands of inputs feeds results with a handful of consumers each). */
function linked(source: NodeEntry, target: NodeEntry, edge: TraceEdge): boolean {
  const out = source.out;
  const into = target.in;
  if (out === undefined || into === undefined) return false;
  if (out.length <= into.length) return out.some((e) => e.target === edge.target);
  return into.some((e) => e.source === edge.source);
}

function remove(entry: NodeEntry, side: 'out' | 'in', edge: TraceEdge): void {
  const list = entry[side]!;
  list.splice(list.indexOf(edge), 1);
  if (list.length === 0) entry[side] = undefined;
}
