// Cone store benchmark (`npm run bench -- cone`): where the trace engine keeps a cone, and what the
// analysis costs on it. For synthetic cones of 1,000 … 100,000 tasks, each figure the median of
// three fresh builds from the same node data:
//   ConeGraph:  upserting every node (what a trace does as answers arrive), then deriving every
//               edge (what the first graph view of the cone triggers; a one-shot diagnosis never
//               does), then reading every node's out-edges once;
//   graphology: the same nodes and edges in a graphology DirectedGraph (nodes keyed by ID with the
//               trace node as attributes, edges keyed by their ID), and the same read;
//   diagnose:   the full diagnosis (verdict, blockers, impact, critical path, ETA) on ConeGraph.
// Heap figures are what stays allocated after a garbage collection (run with --expose-gc, as
// `npm run bench` does). Prints figures, never fails on them.
//
//   npm run bench -- cone [--sizes=1000,100000]

import { DirectedGraph } from 'graphology';
import { ConeGraph } from '../src/trace/cone-graph';
import { diagnose } from '../src/trace/diagnose';
import { edgeId } from '../src/trace/edge-derivation';
import type { TraceEdge, TraceNode } from '../src/trace/types';
import { createSyntheticTrace } from '../test/support/synthetic-trace';

interface StoreFigures {
  nodesMs: number;
  edgesMs: number;
  readMs: number;
  heapMiB: number;
}

interface ConeFigures {
  tasks: number;
  nodes: number;
  edges: number;
  ours: StoreFigures;
  graphology: StoreFigures;
  diagnoseMs: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapNow(): number {
  gc?.();
  return process.memoryUsage().heapUsed;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

function medianFigures(runs: StoreFigures[]): StoreFigures {
  return {
    nodesMs: median(runs.map((r) => r.nodesMs)),
    edgesMs: median(runs.map((r) => r.edgesMs)),
    readMs: median(runs.map((r) => r.readMs)),
    heapMiB: median(runs.map((r) => r.heapMiB)),
  };
}

/** Fresh copies, as if just decoded: no string or object is shared with another run. */
function freshNodes(json: string): TraceNode[] {
  return JSON.parse(json) as TraceNode[];
}

function ours(json: string, targetId: string): StoreFigures & { graph: ConeGraph } {
  const nodes = freshNodes(json);
  const before = heapNow();
  const t0 = performance.now();
  const graph = new ConeGraph(targetId, { recordChanges: false });
  for (const node of nodes) graph.upsert(node);
  const t1 = performance.now();
  graph.settle();
  const t2 = performance.now();
  let seen = 0;
  for (const node of nodes) seen += graph.outEdges(node.id).length;
  const t3 = performance.now();
  const heapMiB = (heapNow() - before) / 1048576;
  // Read after the heap figure, so that the store cannot be collected before it.
  if (seen !== graph.edgeCount) throw new Error('edges read do not add up');
  return { graph, nodesMs: t1 - t0, edgesMs: t2 - t1, readMs: t3 - t2, heapMiB };
}

function graphology(json: string, edges: readonly TraceEdge[]): StoreFigures {
  const nodes = freshNodes(json);
  // The relations without their IDs: graphology keys edges by ID, and spells them out here just as
  // ConeGraph does when it derives an edge.
  const relations = JSON.parse(JSON.stringify(edges.map(({ kind, source, target }) => ({ kind, source, target })))) as Array<Omit<TraceEdge, 'id'>>;
  const before = heapNow();
  const t0 = performance.now();
  const graph = new DirectedGraph<TraceNode, { kind: string }>();
  for (const node of nodes) graph.addNode(node.id, node);
  const t1 = performance.now();
  for (const { kind, source, target } of relations) graph.addDirectedEdgeWithKey(edgeId(kind, source, target), source, target, { kind });
  const t2 = performance.now();
  let seen = 0;
  for (const node of nodes) graph.forEachOutEdge(node.id, () => void (seen += 1));
  const t3 = performance.now();
  const heapMiB = (heapNow() - before) / 1048576;
  // Read after the heap figure, so that the store cannot be collected before it.
  if (seen !== graph.size) throw new Error('edges read do not add up');
  return { nodesMs: t1 - t0, edgesMs: t2 - t1, readMs: t3 - t2, heapMiB };
}

export function coneFigures(tasks: number): ConeFigures {
  const synthetic = createSyntheticTrace({ tasks, scenario: 'blocked', seed: 3 });
  const json = JSON.stringify([...synthetic.nodes()]);
  const now = synthetic.diagnosis().computedAt;
  const oursRuns: StoreFigures[] = [];
  const graphologyRuns: StoreFigures[] = [];
  const diagnoseRuns: number[] = [];
  let edges: TraceEdge[] = [];
  let nodeCount = 0;
  for (let run = 0; run < 3; run++) {
    const { graph, ...figures } = ours(json, synthetic.resultId);
    oursRuns.push(figures);
    edges = [...graph.edges()];
    nodeCount = graph.nodeCount;
    const t0 = performance.now();
    diagnose(graph, { now });
    diagnoseRuns.push(performance.now() - t0);
  }
  for (let run = 0; run < 3; run++) graphologyRuns.push(graphology(json, edges));
  return { tasks, nodes: nodeCount, edges: edges.length, ours: medianFigures(oursRuns), graphology: medianFigures(graphologyRuns), diagnoseMs: median(diagnoseRuns) };
}

export function runConeBench(options: { sizes?: number[] } = {}): ConeFigures[] {
  const sizes = options.sizes ?? [1000, 10_000, 100_000];
  if (!gc) console.log('(run with --expose-gc for heap figures)');
  console.log('cone store: ConeGraph against graphology (median of 3), and the diagnosis on ConeGraph');
  console.log('   tasks     nodes     edges  store       add nodes ms  derive/add edges ms  read edges ms  heap MiB  diagnose ms');
  const out: ConeFigures[] = [];
  for (const tasks of sizes) {
    const f = coneFigures(tasks);
    out.push(f);
    const row = (name: string, s: StoreFigures, diagnoseMs: string) =>
      `${String(f.tasks).padStart(8)}  ${String(f.nodes).padStart(8)}  ${String(f.edges).padStart(8)}  ${name.padEnd(10)}  ${s.nodesMs.toFixed(0).padStart(12)}  ${s.edgesMs.toFixed(0).padStart(19)}  ${s.readMs.toFixed(0).padStart(13)}  ${s.heapMiB.toFixed(0).padStart(8)}  ${diagnoseMs.padStart(11)}`;
    console.log(row('ConeGraph', f.ours, f.diagnoseMs.toFixed(0)));
    console.log(row('graphology', f.graphology, '—'));
    const ratio = (f.graphology.nodesMs + f.graphology.edgesMs) / (f.ours.nodesMs + f.ours.edgesMs);
    console.log(`          building the whole store: graphology takes ×${ratio.toFixed(1)} the time of ConeGraph`);
  }
  return out;
}

if (require.main === module) {
  const sizesArg = process.argv.find((a) => a.startsWith('--sizes='));
  runConeBench(sizesArg ? { sizes: sizesArg.slice('--sizes='.length).split(',').map(Number) } : {});
}
