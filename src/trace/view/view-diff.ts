// Difference between two views of the same trace, as the webview applies it. Kept nodes keep
// the previous view's positions (the caller lays out only the added ones).

import type { ViewDiff, ViewEdge, ViewGraph, ViewNode } from '../../shared/view-graph';

function sameMarks(a: ViewNode['marks'], b: ViewNode['marks']): boolean {
  return a.target === b.target && a.blockerRank === b.blockerRank && a.rootCause === b.rootCause && a.chain === b.chain && a.critical === b.critical;
}

function nodeChanged(a: ViewNode, b: ViewNode): boolean {
  return (
    a.label !== b.label ||
    a.status !== b.status ||
    a.kind !== b.kind ||
    a.count !== b.count ||
    a.folded !== b.folded ||
    a.blockerCount !== b.blockerCount ||
    a.role !== b.role ||
    a.remainder !== b.remainder ||
    a.fromGroup !== b.fromGroup ||
    a.search !== b.search ||
    !sameMarks(a.marks, b.marks)
  );
}

function edgeChanged(a: ViewEdge, b: ViewEdge): boolean {
  return a.count !== b.count || a.chain !== b.chain || a.critical !== b.critical || a.reversed !== b.reversed;
}

export function diffViews(previous: ViewGraph, next: ViewGraph): ViewDiff {
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  const after = new Map(next.nodes.map((n) => [n.id, n]));
  const addedNodes: ViewNode[] = [];
  const updatedNodes: ViewNode[] = [];
  for (const node of next.nodes) {
    const old = before.get(node.id);
    if (!old) addedNodes.push(node);
    else if (nodeChanged(old, node)) updatedNodes.push(node);
  }
  const removedNodeIds = previous.nodes.filter((n) => !after.has(n.id)).map((n) => n.id);
  const edgesBefore = new Map(previous.edges.map((e) => [e.id, e]));
  const edgesAfter = new Set(next.edges.map((e) => e.id));
  const addedEdges: ViewEdge[] = [];
  const updatedEdges: ViewEdge[] = [];
  for (const edge of next.edges) {
    const old = edgesBefore.get(edge.id);
    if (!old) addedEdges.push(edge);
    else if (edgeChanged(old, edge)) updatedEdges.push(edge);
  }
  const removedEdgeIds = previous.edges.filter((e) => !edgesAfter.has(e.id)).map((e) => e.id);
  return { addedNodes, updatedNodes, removedNodeIds, addedEdges, updatedEdges, removedEdgeIds, header: next.header, options: next.options, totals: next.totals };
}

export function isEmptyDiff(diff: ViewDiff): boolean {
  return (
    diff.addedNodes.length === 0 &&
    diff.updatedNodes.length === 0 &&
    diff.removedNodeIds.length === 0 &&
    diff.addedEdges.length === 0 &&
    diff.updatedEdges.length === 0 &&
    diff.removedEdgeIds.length === 0
  );
}
