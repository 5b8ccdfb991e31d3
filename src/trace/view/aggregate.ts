// Folds a cone of up to millions of nodes into a view of at most a few thousand.
//
// The cone is walked breadth first from the traced result (edges in EDGE_PRIORITY order), which
// gives every node a tree parent. Siblings that share the parent's view node, the edge kind
// from it, their own kind and their status fold into one group node ("2,312 COMPLETED inputs of
// task 3f2a9c1e"). Because a group's members all sit at the same depth, their children fold
// under the group in turn, so a regular HTC tree of 100,000 tasks collapses to a few dozen
// nodes whatever its fan-out.
//
// What the user traces for is never folded: the target, the blocking chains and root causes,
// the top blockers, the critical path, the focused node and anything the user asked to reveal
// stay individual, together with their tree path up to the target (so they connect visibly).

import type { Diagnosis, EdgeKind, TraceNode } from '../types';
import { GROUP_ID_PREFIX, NODE_SIZE, type ViewEdge, type ViewNode } from '../../shared/view-graph';
import { nodeLabel, nodeTitle, shortId } from '../../shared/node-label';
import { stableHash } from './stable-hash';
import type { TraceGraphSource } from './trace-graph-source';

/** Order in which out-edges are followed: the data flow first, provenance last. It decides the
 * tree parent of a node reachable several ways (and so which group it joins). */
export const EDGE_PRIORITY: readonly EdgeKind[] = ['output', 'input', 'payload', 'retry-of', 'subtask-of', 'delegated-to'];
const PRIORITY_RANK = new Map(EDGE_PRIORITY.map((kind, i) => [kind, i]));

export interface AggregateOptions {
  /** Expanded group ID → number of members shown individually. */
  expanded?: Readonly<Record<string, number>>;
  /** Show only the paths from the target to this node. */
  focusNodeId?: string | undefined;
  /** Nodes the user asked to see (search, "Show in Graph"): kept individual. */
  revealed?: Iterable<string>;
  /** Fewer siblings than this stay individual. */
  minGroupSize?: number;
  /** The most impactful blockers kept individual. */
  maxPinnedBlockers?: number;
  /** Root causes (and their chains) kept individual. */
  maxPinnedRootCauses?: number;
  /** Groups nest at most this deep below an individual node; what lies deeper folds into the
   * deepest group ("+N below") until the user expands it. Keeps big cones to a few hundred nodes. */
  maxGroupDepth?: number;
  /** Completed payloads are noise next to their task: fold them into it (default true). */
  foldCompletedPayloads?: boolean;
}

export const DEFAULT_MIN_GROUP_SIZE = 4;
export const DEFAULT_PINNED_BLOCKERS = 10;
export const DEFAULT_MAX_GROUP_DEPTH = 2;
export const DEFAULT_PINNED_ROOT_CAUSES = 50;

export interface GroupInfo {
  id: string;
  /** Trace node IDs folded into this group (those not shown individually). */
  members: string[];
  /** All trace nodes of the bucket, including members shown individually after expansion. */
  bucketSize: number;
  /** Trace nodes below the members folded into this group (see maxGroupDepth). */
  folded: number;
  memberKind: 'task' | 'result';
  status: string;
  role: string;
  expanded: boolean;
}

export interface Aggregation {
  /** View nodes in breadth-first order from the target; positions are not set yet (0). */
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Trace node ID → the view node showing it. Nodes outside the focus have none. */
  repOf: ViewIdLookup;
  groups: ReadonlyMap<string, GroupInfo>;
  /** Trace node → the group bucket it belongs to, for nodes shown individually after expansion. */
  fromGroup: ReadonlyMap<string, string>;
  totals: { nodes: number; edges: number };
  /** The focus node was not part of the cone and was ignored. */
  focusIgnored: boolean;
}

/** Read-only `id → view ID` lookup (a Map per trace node costs too much at 300,000 nodes). */
export interface ViewIdLookup {
  get(id: string): string | undefined;
}

const STATUS_ORDER = new Map<string, number>(
  ['ERROR', 'TIMEOUT', 'ABORTED', 'CANCELLING', 'CANCELLED', 'RETRIED', 'PAUSED', 'PROCESSING', 'DISPATCHED', 'SUBMITTED', 'PENDING', 'CREATING', 'CREATED', 'COMPLETED', 'DELETED', 'NOTFOUND', 'UNSPECIFIED'].map((s, i) => [s, i]),
);

const ROLE_PHRASE: Record<EdgeKind, string> = {
  output: 'owners of',
  input: 'inputs of',
  payload: 'payloads of',
  'retry-of': 'earlier attempts of',
  'subtask-of': 'creators of',
  'delegated-to': 'delegates of',
};

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function sortedOut(source: TraceGraphSource, id: string) {
  const out = source.outEdges(id);
  if (out.length < 2) return out;
  return [...out].sort((a, b) => (PRIORITY_RANK.get(a.kind) ?? 99) - (PRIORITY_RANK.get(b.kind) ?? 99));
}

/** Edges of the data flow: what a node needs to be produced. Focus follows only these, so
 * "the path to X" is not widened by who-created-whom links. */
const FLOW_EDGES: ReadonlySet<EdgeKind> = new Set<EdgeKind>(['output', 'input', 'payload', 'retry-of']);

function reach(start: string, next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const id of next(queue[i]!)) {
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(id);
      }
    }
  }
  return seen;
}

/** Nodes on the data-flow paths from the target down to `focus`. When `focus` is only linked
 * by provenance (e.g. a creator task), everything with any path to it is kept instead. */
function focusSet(source: TraceGraphSource, focus: string): Set<string> {
  const down = reach(source.resultId, (id) => source.outEdges(id).filter((e) => FLOW_EDGES.has(e.kind)).map((e) => e.target));
  if (down.has(focus)) {
    const up = reach(focus, (id) => source.inEdges(id).filter((e) => FLOW_EDGES.has(e.kind)).map((e) => e.source));
    return new Set([...up].filter((id) => down.has(id)));
  }
  const any = reach(focus, (id) => source.inEdges(id).map((e) => e.source));
  any.add(source.resultId);
  return any;
}

interface Walk {
  /** Trace node IDs in breadth-first order; a node's position is its index below. */
  order: string[];
  nodes: TraceNode[];
  index: Map<string, number>;
  depth: Int32Array;
  /** Index of the tree parent, -1 for roots. */
  parent: Int32Array;
  parentKind: (EdgeKind | undefined)[];
}

/** Breadth-first walk from the target; nodes the target does not reach (which a consistent
 * cone has none of) are walked afterwards as extra roots so nothing silently disappears.
 * Works on indices: at 300,000 nodes, per-node Map look-ups dominate the cost. */
function walk(source: TraceGraphSource, allowed: Set<string> | undefined): Walk {
  const order: string[] = [];
  const nodes: TraceNode[] = [];
  const index = new Map<string, number>();
  const depthList: number[] = [];
  const parentList: number[] = [];
  const parentKind: (EdgeKind | undefined)[] = [];
  const add = (node: TraceNode, depth: number, parent: number, kind: EdgeKind | undefined) => {
    index.set(node.id, order.length);
    order.push(node.id);
    nodes.push(node);
    depthList.push(depth);
    parentList.push(parent);
    parentKind.push(kind);
  };
  const visit = (root: TraceNode) => {
    const start = order.length;
    add(root, 0, -1, undefined);
    for (let i = start; i < order.length; i++) {
      const d = depthList[i]! + 1;
      for (const edge of sortedOut(source, order[i]!)) {
        const next = edge.target;
        if (index.has(next) || (allowed && !allowed.has(next))) continue;
        const node = source.node(next);
        if (node) add(node, d, i, edge.kind);
      }
    }
  };
  const target = source.node(source.resultId);
  if (target) visit(target);
  for (const node of source.nodes()) {
    if (!index.has(node.id) && (!allowed || allowed.has(node.id))) visit(node);
  }
  return { order, nodes, index, depth: Int32Array.from(depthList), parent: Int32Array.from(parentList), parentKind };
}

function pinnedSet(diagnosis: Diagnosis, target: string, options: AggregateOptions, walked: Walk): Set<string> {
  const pinned = new Set<string>([target]);
  const maxRoots = options.maxPinnedRootCauses ?? DEFAULT_PINNED_ROOT_CAUSES;
  const maxBlockers = options.maxPinnedBlockers ?? DEFAULT_PINNED_BLOCKERS;
  for (const cause of diagnosis.rootCauses.slice(0, maxRoots)) pinned.add(cause.id);
  for (const chain of diagnosis.chains.slice(0, maxRoots)) for (const id of chain) pinned.add(id);
  for (const blocker of diagnosis.blockers.slice(0, maxBlockers)) pinned.add(blocker.id);
  for (const step of diagnosis.criticalPath) pinned.add(step.id);
  if (options.focusNodeId) pinned.add(options.focusNodeId);
  for (const id of options.revealed ?? []) pinned.add(id);
  // Keep each pinned node connected to the target through individual nodes.
  for (const id of [...pinned]) {
    const i = walked.index.get(id);
    if (i === undefined) continue;
    for (let at = walked.parent[i]!; at >= 0 && !pinned.has(walked.order[at]!); at = walked.parent[at]!) pinned.add(walked.order[at]!);
  }
  return pinned;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

function consecutivePairs(paths: Iterable<readonly string[]>): Set<string> {
  const pairs = new Set<string>();
  for (const path of paths) for (let i = 1; i < path.length; i++) pairs.add(pairKey(path[i - 1]!, path[i]!));
  return pairs;
}

export function aggregate(source: TraceGraphSource, options: AggregateOptions = {}): Aggregation {
  const diagnosis = source.diagnosis();
  const target = source.resultId;
  const minGroup = Math.max(2, options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE);
  const expanded = options.expanded ?? {};

  let allowed: Set<string> | undefined;
  let focusIgnored = false;
  if (options.focusNodeId !== undefined) {
    if (source.node(options.focusNodeId)) allowed = focusSet(source, options.focusNodeId);
    else focusIgnored = true;
  }
  const focusOptions = focusIgnored ? { ...options, focusNodeId: undefined } : options;
  const walked = walk(source, allowed);
  const pinned = pinnedSet(diagnosis, target, focusOptions, walked);

  const blockerRank = new Map<string, number>();
  diagnosis.blockers.forEach((b, i) => {
    if (!blockerRank.has(b.id)) blockerRank.set(b.id, i + 1);
  });
  const maxBlockers = options.maxPinnedBlockers ?? DEFAULT_PINNED_BLOCKERS;
  const rootCauses = new Set(diagnosis.rootCauses.map((c) => c.id));
  const chainNodes = new Set(diagnosis.chains.flat());
  const criticalNodes = new Set(diagnosis.criticalPath.map((s) => s.id));

  const fromGroup = new Map<string, string>();
  const groups = new Map<string, GroupInfo>();
  const viewNodes: ViewNode[] = [];
  const viewNodeById = new Map<string, ViewNode>();
  const viewIndexById = new Map<string, number>();

  const individual = (node: TraceNode, group: string | undefined) => {
    const rank = blockerRank.get(node.id);
    const view: ViewNode = {
      id: node.id,
      kind: node.kind,
      label: nodeLabel(node),
      status: node.kind === 'result' && node.missing ? 'NOTFOUND' : node.status,
      marks: {
        ...(node.id === target ? { target: true } : {}),
        ...(rank !== undefined && rank <= maxBlockers ? { blockerRank: rank } : {}),
        ...(rootCauses.has(node.id) ? { rootCause: true } : {}),
        ...(chainNodes.has(node.id) ? { chain: true } : {}),
        ...(criticalNodes.has(node.id) ? { critical: true } : {}),
      },
      x: 0,
      y: 0,
      ...NODE_SIZE[node.kind],
      search: node.kind === 'result' && node.name ? `${node.id} ${node.name}` : node.id,
      ...(group ? { fromGroup: group } : {}),
    };
    setRep(node, viewNodes.length);
    if (group) fromGroup.set(node.id, group);
    groupDepth.push(0);
    viewNodes.push(view);
    viewNodeById.set(view.id, view);
    viewIndexById.set(view.id, viewNodes.length - 1);
  };

  const parentName = (viewId: string): string => {
    const group = groups.get(viewId);
    if (group) return `${formatCount(group.members.length)} ${group.memberKind}s`;
    const node = source.node(viewId);
    return node ? nodeTitle(node) : shortId(viewId);
  };

  const addGroup = (key: string, parentView: string, kind: EdgeKind | undefined, members: TraceNode[], bucketSize: number, isExpanded: boolean) => {
    const id = GROUP_ID_PREFIX + stableHash(key);
    const first = members[0]!;
    const memberKind = first.kind;
    const status = first.kind === 'result' && first.missing ? 'NOTFOUND' : first.status;
    const role = kind ? `${ROLE_PHRASE[kind]} ${parentName(parentView)}` : 'not linked to the target';
    const info: GroupInfo = { id, members: members.map((m) => m.id), bucketSize, folded: 0, memberKind, status, role, expanded: isExpanded };
    groups.set(id, info);
    for (const member of members) setRep(member, viewNodes.length);
    const count = members.length;
    const view: ViewNode = {
      id,
      kind: 'group',
      label: `${isExpanded ? `${formatCount(count)} more` : formatCount(count)} ${memberKind}s ${status}\n${role}`,
      status,
      marks: {},
      x: 0,
      y: 0,
      ...NODE_SIZE.group,
      memberKind,
      count,
      role,
      search: `${memberKind}s ${status} ${role}`,
      ...(isExpanded ? { remainder: true } : {}),
    };
    const parentIndex = viewIndexById.get(parentView);
    groupDepth.push(parentIndex === undefined ? 1 : groupDepth[parentIndex]! + 1);
    viewNodes.push(view);
    viewNodeById.set(id, view);
    viewIndexById.set(id, viewNodes.length - 1);
  };

  // Level by level: a bucket's members share a depth, so their parents' view nodes are final.
  const { order, nodes: walkedNodes, index, depth, parent, parentKind } = walked;
  // View node index of each walked node (set as its view node is about to be pushed).
  const repIndex = new Int32Array(order.length).fill(-1);
  // Per view node: how many groups deep it sits (0 for individual nodes).
  const groupDepth: number[] = [];
  const maxGroupDepth = Math.max(1, options.maxGroupDepth ?? DEFAULT_MAX_GROUP_DEPTH);
  const foldPayloads = options.foldCompletedPayloads ?? true;
  const payloadFolded = new Uint8Array(order.length);
  const setRep = (node: TraceNode, viewIndex: number) => {
    repIndex[index.get(node.id)!] = viewIndex;
  };
  let start = 0;
  while (start < order.length) {
    const level = depth[start]!;
    let end = start + 1;
    while (end < order.length && depth[end] === level && parent[end]! >= 0) end++;
    const buckets = new Map<string, { parentView: string; kind: EdgeKind | undefined; members: TraceNode[] }>();
    for (let i = start; i < end; i++) {
      const node = walkedNodes[i]!;
      const parentIndex = parent[i]!;
      if (parentIndex < 0 || pinned.has(node.id)) {
        individual(node, undefined);
        continue;
      }
      const parentRep = repIndex[parentIndex]!;
      if (foldPayloads && parentKind[i] === 'payload' && node.status === 'COMPLETED') {
        repIndex[i] = parentRep;
        payloadFolded[i] = 1;
        continue;
      }
      if (groupDepth[parentRep]! >= maxGroupDepth) {
        // Too deep: fold into the parent's group instead of starting yet another level.
        repIndex[i] = parentRep;
        groups.get(viewNodes[parentRep]!.id)!.folded++;
        continue;
      }
      const parentView = viewNodes[parentRep]!.id;
      const kind = parentKind[i]!;
      const status = node.kind === 'result' && node.missing ? 'NOTFOUND' : node.status;
      const key = `${parentView}\u0000${kind}\u0000${node.kind}\u0000${status}`;
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = { parentView, kind, members: [] }));
      bucket.members.push(node);
    }
    for (const [key, bucket] of buckets) {
      const id = GROUP_ID_PREFIX + stableHash(key);
      const shown = expanded[id];
      const members = bucket.members;
      if (shown !== undefined && shown > 0) {
        // Stable paging: the same members stay visible when the group changes under live updates.
        members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const visible = members.slice(0, shown);
        const rest = members.slice(shown);
        const restAsGroup = rest.length >= minGroup;
        for (const m of restAsGroup ? visible : members) individual(m, id);
        if (restAsGroup) addGroup(key, bucket.parentView, bucket.kind, rest, members.length, true);
      } else if (members.length >= minGroup) {
        addGroup(key, bucket.parentView, bucket.kind, members, members.length, false);
      } else {
        for (const m of members) individual(m, undefined);
      }
    }
    start = end;
  }
  const repOf: ViewIdLookup = {
    get(id: string) {
      const i = index.get(id);
      return i === undefined ? undefined : viewNodes[repIndex[i]!]?.id;
    },
  };

  for (const group of groups.values()) {
    if (group.folded === 0) continue;
    const view = viewNodeById.get(group.id)!;
    view.folded = group.folded;
    view.label += ` · +${formatCount(group.folded)} below`;
  }

  // Group marks that matter to the user: how many blockers are folded inside.
  for (const blocker of diagnosis.blockers) {
    const shownBy = repOf.get(blocker.id);
    if (shownBy && groups.has(shownBy)) {
      const view = viewNodeById.get(shownBy)!;
      view.blockerCount = (view.blockerCount ?? 0) + 1;
    }
  }

  // Edges between view nodes, one per (kind, source, target), counting the trace edges behind.
  const chainPairs = consecutivePairs(diagnosis.chains);
  const criticalPairs = consecutivePairs([diagnosis.criticalPath.map((s) => s.id)]);
  // Keyed by numbers: one string key per trace edge would dominate the cost at scale.
  const edgeByKey = new Map<number, ViewEdge>();
  const kindCode = new Map(EDGE_PRIORITY.map((kind, i) => [kind, i]));
  const viewCount = viewNodes.length;
  let traceEdges = 0;
  for (let i = 0; i < order.length; i++) {
    const from = repIndex[i]!;
    for (const edge of source.outEdges(order[i]!)) {
      const j = index.get(edge.target);
      // A folded payload is part of its task's box: other edges to it would mislead.
      if (j === undefined || payloadFolded[j] === 1) continue;
      const to = repIndex[j]!;
      traceEdges++;
      if (to === from) continue;
      const key = (from * viewCount + to) * 8 + (kindCode.get(edge.kind) ?? 7);
      const existing = edgeByKey.get(key);
      if (existing) {
        existing.count++;
        continue;
      }
      const pair = pairKey(edge.source, edge.target);
      const fromId = viewNodes[from]!.id;
      const toId = viewNodes[to]!.id;
      edgeByKey.set(key, {
        id: `${edge.kind}:${fromId}->${toId}`,
        kind: edge.kind,
        source: fromId,
        target: toId,
        count: 1,
        ...(chainPairs.has(pair) ? { chain: true } : {}),
        ...(criticalPairs.has(pair) ? { critical: true } : {}),
      });
    }
  }

  return {
    nodes: viewNodes,
    edges: [...edgeByKey.values()],
    repOf,
    groups,
    fromGroup,
    totals: { nodes: order.length, edges: traceEdges },
    focusIgnored,
  };
}

/** Orders statuses from the most to the least alarming (for lists and member pages). */
export function statusSeverity(status: string): number {
  return STATUS_ORDER.get(status) ?? 99;
}
