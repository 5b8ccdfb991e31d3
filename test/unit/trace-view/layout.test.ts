import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { edgeKey, layoutLayered, placeNewNodes, type LayoutEdgeInput, type LayoutNodeInput, type Point } from '../../../src/trace/view/layout';
import { TraceViewSession } from '../../../src/trace/view/view-session';
import { createSyntheticTrace } from '../../support/synthetic-trace';

/** Deterministic random DAG: edges only go from lower to higher index. */
function randomDag(n: number, extraEdges: number, seed: number): { nodes: LayoutNodeInput[]; edges: LayoutEdgeInput[] } {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, w: 100 + Math.floor(rand() * 90), h: 30 + Math.floor(rand() * 20) }));
  const edges: LayoutEdgeInput[] = [];
  for (let i = 1; i < n; i++) edges.push({ source: `n${Math.floor(rand() * i)}`, target: `n${i}` });
  for (let k = 0; k < extraEdges; k++) {
    const a = Math.floor(rand() * n);
    const b = Math.floor(rand() * n);
    if (a !== b) edges.push({ source: `n${Math.min(a, b)}`, target: `n${Math.max(a, b)}` });
  }
  return { nodes, edges };
}

function assertNoOverlap(nodes: readonly LayoutNodeInput[], positions: ReadonlyMap<string, Point>): void {
  const boxes = nodes.map((n) => ({ id: n.id, ...positions.get(n.id)!, w: n.w, h: n.h }));
  // Sort by x to keep the pairwise check cheap.
  boxes.sort((a, b) => a.x - a.w / 2 - (b.x - b.w / 2));
  for (let i = 0; i < boxes.length; i++) {
    const a = boxes[i]!;
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j]!;
      if (b.x - b.w / 2 >= a.x + a.w / 2) break;
      const overlapY = Math.abs(a.y - b.y) < (a.h + b.h) / 2;
      assert.ok(!overlapY, `${a.id} and ${b.id} overlap at (${a.x},${a.y}) / (${b.x},${b.y})`);
    }
  }
}

describe('layered layout', () => {
  it('puts every edge of a DAG downwards and nothing on top of anything else', () => {
    const { nodes, edges } = randomDag(400, 300, 42);
    const { positions, reversed } = layoutLayered(nodes, edges);
    assert.equal(reversed.size, 0, 'a DAG needs no reversed edge');
    for (const e of edges) assert.ok(positions.get(e.source)!.y < positions.get(e.target)!.y, `${e.source} -> ${e.target} does not go down`);
    assertNoOverlap(nodes, positions);
  });

  it('breaks cycles by reversing an edge instead of hanging', () => {
    const nodes = ['a', 'b', 'c'].map((id) => ({ id, w: 100, h: 30 }));
    const edges = [
      { source: 'a', target: 'b' },
      { source: 'b', target: 'c' },
      { source: 'c', target: 'a' },
    ];
    const { positions, reversed } = layoutLayered(nodes, edges);
    assert.deepEqual([...reversed], [edgeKey('c', 'a')]);
    assert.ok(positions.get('a')!.y < positions.get('b')!.y && positions.get('b')!.y < positions.get('c')!.y);
  });

  it('honours layering constraints per edge', () => {
    const nodes = ['r', 'agg', 'creator'].map((id) => ({ id, w: 100, h: 30 }));
    const { positions } = layoutLayered(nodes, [
      { source: 'r', target: 'agg' },
      { source: 'creator', target: 'agg', constraint: 'up' },
      { source: 'agg', target: 'creator', constraint: 'none' },
    ]);
    assert.ok(positions.get('creator')!.y > positions.get('agg')!.y, 'the delegating task sits below the subtask it delegated to');
  });

  it('centres a parent over its children', () => {
    const nodes = ['p', 'c1', 'c2', 'c3'].map((id) => ({ id, w: 100, h: 30 }));
    const { positions } = layoutLayered(nodes, ['c1', 'c2', 'c3'].map((c) => ({ source: 'p', target: c })));
    const mean = (['c1', 'c2', 'c3'].map((c) => positions.get(c)!.x).reduce((a, b) => a + b) / 3);
    assert.ok(Math.abs(positions.get('p')!.x - mean) < 1);
  });

  it('lays out the view of a 10,000-task cone without overlaps, layers going down', () => {
    const session = new TraceViewSession(createSyntheticTrace({ tasks: 10_000 }));
    const graph = session.snapshot();
    const positions = new Map(graph.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
    assertNoOverlap(graph.nodes, positions);
    for (const e of graph.edges) {
      if (e.kind === 'output' || e.kind === 'input' || e.kind === 'payload') {
        assert.ok(positions.get(e.source)!.y < positions.get(e.target)!.y, `${e.kind} edge ${e.id} does not go down`);
      }
    }
  });
});

describe('incremental placement', () => {
  it('keeps existing nodes where they are and places new ones below their parent, without overlap', () => {
    const { nodes, edges } = randomDag(200, 80, 7);
    const before = layoutLayered(nodes, edges).positions;
    const added: LayoutNodeInput[] = [];
    const addedEdges: LayoutEdgeInput[] = [];
    for (let i = 0; i < 60; i++) {
      added.push({ id: `new${i}`, w: 150, h: 40 });
      addedEdges.push({ source: `n${(i * 7) % 200}`, target: `new${i}` });
    }
    const after = placeNewNodes([...nodes, ...added], [...edges, ...addedEdges], before);
    for (const n of nodes) assert.deepEqual(after.get(n.id), before.get(n.id), `${n.id} moved`);
    for (const e of addedEdges) assert.ok(after.get(e.target)!.y > after.get(e.source)!.y, `${e.target} is not below its parent`);
    assertNoOverlap([...nodes, ...added], after);
  });

  it('places a node with no placed neighbour beside the drawing', () => {
    const fixed = new Map([['a', { x: 0, y: 0 }]]);
    const after = placeNewNodes([{ id: 'a', w: 100, h: 30 }, { id: 'b', w: 100, h: 30 }], [], fixed);
    assert.ok(after.get('b')!.x >= 100);
  });
});
