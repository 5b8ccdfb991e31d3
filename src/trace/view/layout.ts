// Layered (Sugiyama-style) layout of the view graph, computed on the host so the webview only
// draws preset positions. Steps: break cycles by reversing DFS back edges (delegated-to and
// subtask-of edges point "up" the data flow), longest-path layering (every kept edge goes
// down), barycentric ordering sweeps to reduce crossings, then x placement that centres nodes
// over their neighbours (average of a left- and a right-packed placement, which keeps the
// minimum spacing). Linear-ish in nodes + edges; a view holds at most a few thousand nodes.
//
// Live additions use placeNewNodes: existing nodes never move, new ones go one row below their
// lowest placed parent, at the free slot nearest to their parents' centre.

export interface LayoutNodeInput {
  id: string;
  w: number;
  h: number;
}

export interface LayoutEdgeInput {
  source: string;
  target: string;
  /** How the edge constrains layering: source above target (default), below it, or not at all
   * (the edge is still drawn; it just does not shape the layers). */
  constraint?: 'down' | 'up' | 'none';
}

function oriented(e: LayoutEdgeInput): { source: string; target: string } | undefined {
  if (e.constraint === 'none') return undefined;
  return e.constraint === 'up' ? { source: e.target, target: e.source } : e;
}

export interface Point {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** Vertical distance between the centres of two consecutive layers. */
  rankSep?: number;
  /** Minimum horizontal gap between two nodes of a layer. */
  nodeSep?: number;
  /** Ordering sweeps (each is one pass down and one pass up). */
  sweeps?: number;
}

export interface LayoutResult {
  positions: Map<string, Point>;
  /** Edges (`source->target`) drawn against the layering, i.e. pointing upwards. */
  reversed: Set<string>;
  layerCount: number;
}

export const DEFAULT_RANK_SEP = 100;
export const DEFAULT_NODE_SEP = 28;

export function edgeKey(source: string, target: string): string {
  return `${source}->${target}`;
}

interface Graph {
  index: Map<string, number>;
  out: number[][];
  width: number[];
  height: number[];
}

function buildGraph(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Graph {
  const index = new Map<string, number>();
  nodes.forEach((n, i) => index.set(n.id, i));
  const out: number[][] = nodes.map(() => []);
  const seen = new Set<string>();
  for (const edge of edges) {
    const e = oriented(edge);
    if (!e) continue;
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s === undefined || t === undefined || s === t) continue;
    const key = `${s}>${t}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out[s]!.push(t);
  }
  return { index, out, width: nodes.map((n) => n.w), height: nodes.map((n) => n.h) };
}

/** Iterative DFS (cones can be deep; recursion would overflow): back edges get reversed. */
function acyclic(graph: Graph, nodes: readonly LayoutNodeInput[]): { succ: number[][]; pred: number[][]; reversed: Set<string>; preorder: number[] } {
  const n = graph.out.length;
  const state = new Uint8Array(n); // 0 new, 1 on stack, 2 done
  const succ: number[][] = Array.from({ length: n }, () => []);
  const pred: number[][] = Array.from({ length: n }, () => []);
  const reversed = new Set<string>();
  const preorder: number[] = [];
  const stackNode: number[] = [];
  const stackNext: number[] = [];
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    state[root] = 1;
    preorder.push(root);
    stackNode.push(root);
    stackNext.push(0);
    while (stackNode.length > 0) {
      const top = stackNode.length - 1;
      const v = stackNode[top]!;
      const i = stackNext[top]!;
      const out = graph.out[v]!;
      if (i >= out.length) {
        state[v] = 2;
        stackNode.pop();
        stackNext.pop();
        continue;
      }
      stackNext[top] = i + 1;
      const w = out[i]!;
      if (state[w] === 1) {
        reversed.add(edgeKey(nodes[v]!.id, nodes[w]!.id));
        succ[w]!.push(v);
        pred[v]!.push(w);
        continue;
      }
      succ[v]!.push(w);
      pred[w]!.push(v);
      if (state[w] === 0) {
        state[w] = 1;
        preorder.push(w);
        stackNode.push(w);
        stackNext.push(0);
      }
    }
  }
  return { succ, pred, reversed, preorder };
}

function longestPathLayers(succ: number[][], pred: number[][]): Int32Array {
  const n = succ.length;
  const layer = new Int32Array(n);
  const remaining = new Int32Array(n);
  const queue: number[] = [];
  for (let v = 0; v < n; v++) {
    remaining[v] = pred[v]!.length;
    if (remaining[v] === 0) queue.push(v);
  }
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of succ[v]!) {
      if (layer[v]! + 1 > layer[w]!) layer[w] = layer[v]! + 1;
      if (--remaining[w] === 0) queue.push(w);
    }
  }
  return layer;
}

function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Places a row in the given order as close as possible to `desired`, keeping spacing. */
function packRow(row: number[], desired: Float64Array, width: number[], nodeSep: number, x: Float64Array): void {
  const m = row.length;
  if (m === 0) return;
  const left = new Float64Array(m);
  const right = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const v = row[i]!;
    left[i] = i === 0 ? desired[v]! : Math.max(desired[v]!, left[i - 1]! + (width[row[i - 1]!]! + width[v]!) / 2 + nodeSep);
  }
  for (let i = m - 1; i >= 0; i--) {
    const v = row[i]!;
    right[i] = i === m - 1 ? desired[v]! : Math.min(desired[v]!, right[i + 1]! - (width[row[i + 1]!]! + width[v]!) / 2 - nodeSep);
  }
  // Both packings respect the spacing, so their average does too; it balances the push.
  for (let i = 0; i < m; i++) x[row[i]!] = (left[i]! + right[i]!) / 2;
}

export function layoutLayered(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[], options: LayoutOptions = {}): LayoutResult {
  const rankSep = options.rankSep ?? DEFAULT_RANK_SEP;
  const nodeSep = options.nodeSep ?? DEFAULT_NODE_SEP;
  const sweeps = options.sweeps ?? 4;
  const graph = buildGraph(nodes, edges);
  const { succ, pred, reversed, preorder } = acyclic(graph, nodes);
  const layer = longestPathLayers(succ, pred);
  const n = nodes.length;
  let layerCount = 0;
  for (let v = 0; v < n; v++) layerCount = Math.max(layerCount, layer[v]! + 1);

  // Initial order: DFS preorder keeps subtrees together.
  const rows: number[][] = Array.from({ length: layerCount }, () => []);
  for (const v of preorder) rows[layer[v]!]!.push(v);
  const pos = new Float64Array(n);
  const reindex = () => rows.forEach((row) => row.forEach((v, i) => (pos[v] = i)));
  reindex();

  const sortRow = (row: number[], neighbours: number[][]) => {
    const key = new Map<number, number>();
    for (const v of row) {
      const adj = neighbours[v]!;
      key.set(v, adj.length > 0 ? mean(adj.map((u) => pos[u]!)) : pos[v]!);
    }
    row.sort((a, b) => key.get(a)! - key.get(b)! || pos[a]! - pos[b]!);
    row.forEach((v, i) => (pos[v] = i));
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < layerCount; l++) sortRow(rows[l]!, pred);
    for (let l = layerCount - 2; l >= 0; l--) sortRow(rows[l]!, succ);
  }

  // x: top-down towards parents, then bottom-up towards children, then top-down once more.
  const x = new Float64Array(n);
  const desired = new Float64Array(n);
  let cursor = 0;
  for (const v of rows[0] ?? []) {
    desired[v] = cursor;
    cursor += graph.width[v]! + nodeSep;
  }
  packRow(rows[0] ?? [], desired, graph.width, nodeSep, x);
  const towards = (row: number[], neighbours: number[][], fallbackPrevious: boolean) => {
    let previous = Number.NEGATIVE_INFINITY;
    for (const v of row) {
      const adj = neighbours[v]!;
      if (adj.length > 0) desired[v] = mean(adj.map((u) => x[u]!));
      else if (fallbackPrevious) desired[v] = Number.isFinite(previous) ? previous + graph.width[v]! + nodeSep : 0;
      else desired[v] = x[v]!;
      previous = desired[v]!;
    }
    packRow(row, desired, graph.width, nodeSep, x);
  };
  for (let l = 1; l < layerCount; l++) towards(rows[l]!, pred, true);
  for (let l = layerCount - 2; l >= 0; l--) towards(rows[l]!, succ, false);
  for (let l = 1; l < layerCount; l++) towards(rows[l]!, pred, false);

  const positions = new Map<string, Point>();
  for (let v = 0; v < n; v++) positions.set(nodes[v]!.id, { x: Math.round(x[v]!), y: layer[v]! * rankSep });
  return { positions, reversed, layerCount };
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Positions for `nodes` keeping every node of `fixed` where it is. New nodes (in the given
 * order, parents first) go one row below their lowest placed parent (or above their highest
 * placed child), at the free slot nearest to the mean x of those neighbours.
 */
export function placeNewNodes(
  nodes: readonly LayoutNodeInput[],
  edges: readonly LayoutEdgeInput[],
  fixed: ReadonlyMap<string, Point>,
  options: LayoutOptions = {},
): Map<string, Point> {
  const rankSep = options.rankSep ?? DEFAULT_RANK_SEP;
  const nodeSep = options.nodeSep ?? DEFAULT_NODE_SEP;
  const size = new Map(nodes.map((n) => [n.id, n]));
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  for (const edge of edges) {
    const e = oriented(edge);
    if (!e || e.source === e.target || !size.has(e.source) || !size.has(e.target)) continue;
    (preds.get(e.target) ?? preds.set(e.target, []).get(e.target)!).push(e.source);
    (succs.get(e.source) ?? succs.set(e.source, []).get(e.source)!).push(e.target);
  }
  const positions = new Map<string, Point>();
  const boxes: Box[] = [];
  const boxOf = (id: string, p: Point): Box => {
    const { w, h } = size.get(id)!;
    return { left: p.x - w / 2, right: p.x + w / 2, top: p.y - h / 2, bottom: p.y + h / 2 };
  };
  let maxRight = Number.NEGATIVE_INFINITY;
  for (const node of nodes) {
    const p = fixed.get(node.id);
    if (!p) continue;
    positions.set(node.id, p);
    const box = boxOf(node.id, p);
    boxes.push(box);
    maxRight = Math.max(maxRight, box.right);
  }
  for (const node of nodes) {
    if (positions.has(node.id)) continue;
    const above = (preds.get(node.id) ?? []).map((id) => positions.get(id)).filter((p): p is Point => p !== undefined);
    const below = (succs.get(node.id) ?? []).map((id) => positions.get(id)).filter((p): p is Point => p !== undefined);
    let y: number;
    let wantX: number;
    if (above.length > 0) {
      y = Math.max(...above.map((p) => p.y)) + rankSep;
      wantX = mean(above.map((p) => p.x));
    } else if (below.length > 0) {
      y = Math.min(...below.map((p) => p.y)) - rankSep;
      wantX = mean(below.map((p) => p.x));
    } else {
      y = 0;
      wantX = Number.isFinite(maxRight) ? maxRight + nodeSep + node.w / 2 : 0;
    }
    const x = nearestFreeX(boxes, wantX, y, node.w, node.h, nodeSep);
    const p = { x: Math.round(x), y };
    positions.set(node.id, p);
    const box = boxOf(node.id, p);
    boxes.push(box);
    maxRight = Math.max(maxRight, box.right);
  }
  return positions;
}

/** The x closest to `wantX` where a w×h box centred at (x, y) overlaps nothing (with gap). */
function nearestFreeX(boxes: readonly Box[], wantX: number, y: number, w: number, h: number, gap: number): number {
  const top = y - h / 2;
  const bottom = y + h / 2;
  // Occupied x intervals for the centre, widened so the new box keeps `gap` from each.
  const blocked: [number, number][] = [];
  for (const b of boxes) {
    if (b.bottom <= top || b.top >= bottom) continue;
    blocked.push([b.left - gap - w / 2, b.right + gap + w / 2]);
  }
  if (blocked.length === 0) return wantX;
  blocked.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const interval of blocked) {
    const last = merged[merged.length - 1];
    if (last && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1]);
    else merged.push([interval[0], interval[1]]);
  }
  const inside = merged.find(([a, b]) => wantX > a && wantX < b);
  if (!inside) return wantX;
  // Just outside the interval that contains wantX: both neighbours are free (merged intervals).
  return wantX - inside[0] <= inside[1] - wantX ? inside[0] : inside[1];
}
