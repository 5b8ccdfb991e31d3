// The cone of one result as a directed graph: nodes are trace nodes, edges are derived from node
// data (./edge-derivation.ts). Every mutation is recorded so that a live trace can hand renderers
// a minimal TraceChange after each batch.
//
// Adjacency is kept in plain arrays on each node rather than in a general graph library: a
// 100,000-task cone adds some 300,000 edges, and a library's per-edge bookkeeping (keyed
// attachment objects, double existence checks) cost more than the rest of the reconstruction.
//
// Edges are derived lazily, on the first read of an edge after a change. A one-shot diagnosis
// reads node data only, so a trace that is never drawn never derives its edges at all.

import type { ConeView, NodeRole } from './cone-view';
import { deriveRelations, edgeId, type RelationSink } from './edge-derivation';
import { sameNode } from './node-from-model';
import type { EdgeKind, TraceEdge, TraceNode } from './types';

interface NodeEntry {
  node: TraceNode;
  /** Its number (see ConeView.indexOf). */
  readonly index: number;
  role: NodeRole;
  /** Edges leaving / entering the node, in the order they were added. */
  out: TraceEdge[] | undefined;
  in: TraceEdge[] | undefined;
  /** Edges this node's data defines (see edge-derivation.ts), as last derived. */
  owned: TraceEdge[] | undefined;
  /** Its edges must be derived again before the next edge read (it is in `dirty`). */
  dirty: boolean;
}

export interface GraphChanges {
  addedNodes: TraceNode[];
  updatedNodes: TraceNode[];
  addedEdges: TraceEdge[];
  removedEdgeIds: string[];
}

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export class ConeGraph implements ConeView {
  /** Node lookups are the hottest path of the reconstruction: one map, nothing else on the way. */
  private readonly index = new Map<string, NodeEntry>();
  /** The same entries by number. */
  private readonly numbered: NodeEntry[] = [];
  /** Missing ID → nodes whose edges refer to it (a node may be listed more than once). */
  private readonly waiting = new Map<string, string[]>();
  readonly missingTaskIds = new Set<string>();
  private tasks = 0;
  private results = 0;
  private edgeTotal = 0;
  /** Nodes whose edges must be derived again before the next edge read. Deferring lets a node
   * whose inputs arrive one by one be derived once, not once per input, and a graph whose edges
   * nobody reads never pays for them. */
  private dirty: NodeEntry[] = [];

  private addedNodes = new Map<string, TraceNode>();
  private updatedNodes = new Map<string, TraceNode>();
  private addedEdges = new Map<string, TraceEdge>();
  private removedEdgeIds = new Set<string>();
  /** Off while a trace's initial build runs: nobody has seen the graph yet, so recording its
   * 100,000s of additions only to discard them would be wasted work (see startRecording). */
  private recording: boolean;
  /** The nodes dirty when recording started: their first derivation is part of the graph as it
   * was then, not a change, and happens silently before anything else changes or is read. */
  private unrecordedDirty = false;
  /** The derivation in progress (see `relation`). */
  private deriving: { entry: NodeEntry; previous: OwnedEdges | undefined; next: TraceEdge[] } | undefined;
  private readonly lookup = (id: string): TraceNode | undefined => this.index.get(id)?.node;
  private readonly relation: RelationSink = (kind, otherId, outgoing) => this.link(kind, otherId, outgoing);

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
    return this.edgeTotal;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  node(id: string): TraceNode | undefined {
    return this.index.get(id)?.node;
  }

  nodeAt(index: number): TraceNode {
    return this.numbered[index]!.node;
  }

  indexOf(id: string): number {
    return this.index.get(id)?.index ?? -1;
  }

  roleOf(id: string): NodeRole | undefined {
    return this.index.get(id)?.role;
  }

  *nodes(): Iterable<TraceNode> {
    for (const entry of this.numbered) yield entry.node;
  }

  /** Every edge, grouped by the node that defines it. */
  *edges(): Iterable<TraceEdge> {
    this.settle();
    for (const entry of this.numbered) if (entry.owned) yield* entry.owned;
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
    if (this.unrecordedDirty) this.settle();
    const known = this.index.get(node.id);
    if (known === undefined) {
      const entry: NodeEntry = { node, index: this.numbered.length, role, out: undefined, in: undefined, owned: undefined, dirty: false };
      this.index.set(node.id, entry);
      this.numbered.push(entry);
      if (node.kind === 'task') this.tasks += 1;
      else this.results += 1;
      if (this.missingTaskIds.size > 0) this.missingTaskIds.delete(node.id);
      if (this.recording) this.addedNodes.set(node.id, node);
      this.markDirty(entry);
      if (this.waiting.size > 0) {
        const waiters = this.waiting.get(node.id);
        if (waiters) {
          this.waiting.delete(node.id);
          for (const waiter of waiters) this.markDirty(this.index.get(waiter)!);
        }
      }
      return 'added';
    }
    if (role === 'cone' && known.role === 'context') known.role = 'cone';
    if (sameNode(known.node, node)) return 'unchanged';
    known.node = node;
    this.markDirty(known);
    if (!this.recording) return 'updated';
    if (this.addedNodes.has(node.id)) this.addedNodes.set(node.id, node);
    else this.updatedNodes.set(node.id, node);
    return 'updated';
  }

  setRole(id: string, role: NodeRole): void {
    const known = this.index.get(id);
    if (known) known.role = role;
  }

  /** From now on, changes are recorded for takeChanges; whatever the graph holds now is the
   * starting point renderers are given, not a change. */
  startRecording(): void {
    this.recording = true;
    this.unrecordedDirty = this.dirty.length > 0;
    this.addedNodes = new Map();
    this.updatedNodes = new Map();
    this.addedEdges = new Map();
    this.removedEdgeIds = new Set();
  }

  /** The changes since the last call, net of anything added then removed in between. A graph made
   * with `recordChanges: false` records from its first call on. */
  takeChanges(): GraphChanges {
    this.settle();
    if (!this.recording) this.startRecording();
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
    if (this.dirty.length === 0) return;
    const recording = this.recording;
    if (this.unrecordedDirty) this.recording = false;
    try {
      for (const entry of this.dirty) {
        entry.dirty = false;
        this.rederive(entry);
      }
      this.dirty = [];
    } finally {
      this.recording = recording;
      this.unrecordedDirty = false;
    }
  }

  private markDirty(entry: NodeEntry): void {
    if (entry.dirty) return;
    entry.dirty = true;
    this.dirty.push(entry);
  }

  private rederive(entry: NodeEntry): void {
    const previous = entry.owned === undefined ? undefined : new OwnedEdges(entry.owned);
    const next: TraceEdge[] = [];
    this.deriving = { entry, previous, next };
    deriveRelations(entry.node, this.lookup, this.relation);
    this.deriving = undefined;
    if (previous) for (const stale of previous.left()) this.dropEdge(stale);
    entry.owned = next.length > 0 ? next : undefined;
  }

  /** One relation of the node being derived: an edge if the other end is known, else a note to
   * derive the node again when it arrives. */
  private link(kind: EdgeKind, otherId: string, outgoing: boolean): void {
    const { entry, previous, next } = this.deriving!;
    const other = this.index.get(otherId);
    const id = entry.node.id;
    if (other === undefined) {
      const waiters = this.waiting.get(otherId);
      if (waiters) waiters.push(id);
      else this.waiting.set(otherId, [id]);
      return;
    }
    const source = outgoing ? entry : other;
    const target = outgoing ? other : entry;
    // Only this node defines its edges, so one it already had is found among its own.
    const existing = previous?.take(kind, source.node.id, target.node.id);
    if (existing !== undefined) {
      next.push(existing);
      return;
    }
    // One edge per ordered pair: a repeated data dependency, or bad data relating the same pair
    // twice, keeps the first relation.
    if (linked(source, target)) return;
    const edge: TraceEdge = { id: edgeId(kind, source.node.id, target.node.id), kind, source: source.node.id, target: target.node.id };
    next.push(edge);
    this.addEdge(edge, source, target);
  }

  private addEdge(edge: TraceEdge, source: NodeEntry, target: NodeEntry): void {
    this.edgeTotal += 1;
    (source.out ??= []).push(edge);
    (target.in ??= []).push(edge);
    if (!this.recording) return;
    if (this.removedEdgeIds.has(edge.id)) this.removedEdgeIds.delete(edge.id);
    else this.addedEdges.set(edge.id, edge);
  }

  private dropEdge(edge: TraceEdge): void {
    this.edgeTotal -= 1;
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

  constructor(private readonly edges: readonly TraceEdge[]) {
    this.byId = edges.length > 16 ? new Map(edges.map((edge) => [edge.id, edge])) : undefined;
  }

  /** The previous edge equal to this relation, if any, now kept. */
  take(kind: EdgeKind, source: string, target: string): TraceEdge | undefined {
    const found = this.byId ? this.byId.get(edgeId(kind, source, target)) : this.edges.find((e) => e.target === target && e.source === source && e.kind === kind);
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

/** Whether some edge already goes from `source` to `target`, searched from the end with fewer
 * edges (a task with thousands of inputs feeds results with a handful of consumers each). */
function linked(source: NodeEntry, target: NodeEntry): boolean {
  const out = source.out;
  const into = target.in;
  if (out === undefined || into === undefined) return false;
  const targetId = target.node.id;
  const sourceId = source.node.id;
  if (out.length <= into.length) return out.some((e) => e.target === targetId);
  return into.some((e) => e.source === sourceId);
}

function remove(entry: NodeEntry, side: 'out' | 'in', edge: TraceEdge): void {
  const list = entry[side]!;
  list.splice(list.indexOf(edge), 1);
  if (list.length === 0) entry[side] = undefined;
}
