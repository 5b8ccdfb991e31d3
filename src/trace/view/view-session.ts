// One graph panel's view of a trace: the options the user chose (expanded groups, focus,
// revealed nodes), the current laid-out view, and the operations that change it. Each
// operation re-aggregates the full cone and returns either a full view (snapshot) or a diff in
// which existing nodes keep their positions and only added nodes are placed.

import type { NodeDetails } from '../../shared/node-details';
import type { SearchMatch } from '../../shared/protocol';
import type { ViewDiff, ViewGraph, ViewOptions } from '../../shared/view-graph';
import { aggregate, type AggregateOptions, type Aggregation } from './aggregate';
import { describeNode } from './describe-node';
import { layoutLayered, placeNewNodes, type LayoutOptions, type Point } from './layout';
import { searchNodes } from './search';
import type { EdgeKind } from '../types';
import type { TraceGraphSource } from './trace-graph-source';
import { diffViews } from './view-diff';
import { buildHeader } from './view-header';

export interface ViewSessionSettings extends Pick<AggregateOptions, 'minGroupSize' | 'maxPinnedBlockers' | 'maxPinnedRootCauses'> {
  layout?: LayoutOptions;
  /** Members shown per click on an expanded group. */
  expandPage?: number;
}

export const DEFAULT_EXPAND_PAGE = 50;

/** How each edge kind shapes the layers. The data flow (output, input, payload, retry) goes
 * down from the result; a task that delegated its output sits just below the subtask it
 * delegated to (it is that subtask's origin); "created by" links are drawn without pulling
 * creators below everything they created, which would stretch every HTC tree. */
const LAYERING: Record<EdgeKind, 'down' | 'up' | 'none'> = {
  output: 'down',
  input: 'down',
  payload: 'down',
  'retry-of': 'down',
  'delegated-to': 'up',
  'subtask-of': 'none',
};

export class TraceViewSession {
  private options: ViewOptions = { expanded: {}, focusNodeId: undefined };
  private readonly revealed = new Set<string>();
  private current: ViewGraph | undefined;
  private aggregation: Aggregation | undefined;

  constructor(
    private readonly source: TraceGraphSource,
    private readonly settings: ViewSessionSettings = {},
  ) {}

  get graph(): ViewGraph | undefined {
    return this.current;
  }

  get viewOptions(): ViewOptions {
    return { expanded: { ...this.options.expanded }, focusNodeId: this.options.focusNodeId };
  }

  /** Re-applies options persisted by the webview (after a reload). */
  restore(options: Partial<ViewOptions>): void {
    if (options.expanded) this.options.expanded = { ...options.expanded };
    if ('focusNodeId' in options) this.options.focusNodeId = options.focusNodeId;
  }

  /** A complete view. Existing nodes keep their place unless `relayout` asks for a fresh layout. */
  snapshot(relayout = false): ViewGraph {
    const next = this.compute(relayout || this.current === undefined);
    this.current = next;
    return next;
  }

  /** Re-reads the trace and returns what changed since the last view. */
  update(): ViewDiff {
    const previous = this.current;
    const next = this.compute(previous === undefined);
    this.current = next;
    return diffViews(previous ?? { ...next, nodes: [], edges: [] }, next);
  }

  expandGroup(groupId: string, more: boolean): { diff: ViewDiff; viewIds: string[] } | undefined {
    const group = this.aggregation?.groups.get(groupId);
    if (!group) return undefined;
    const page = this.settings.expandPage ?? DEFAULT_EXPAND_PAGE;
    const shown = this.options.expanded[groupId] ?? 0;
    if (shown > 0 && !more) return { diff: this.update(), viewIds: [] };
    this.options.expanded = { ...this.options.expanded, [groupId]: shown + page };
    const diff = this.update();
    const viewIds = diff.addedNodes.filter((n) => n.fromGroup === groupId).map((n) => n.id);
    return { diff, viewIds };
  }

  collapseGroup(groupId: string): ViewDiff {
    const { [groupId]: _dropped, ...rest } = this.options.expanded;
    this.options.expanded = rest;
    return this.update();
  }

  /** Shows only the paths from the target to `nodeId` (null shows everything again). */
  setFocus(nodeId: string | null): ViewGraph {
    this.options.focusNodeId = nodeId ?? undefined;
    return this.snapshot(true);
  }

  /** Makes a trace node visible on its own; undefined when it is not in the cone. */
  reveal(nodeId: string): { viewId: string | undefined; diff: ViewDiff | undefined } {
    if (!this.source.node(nodeId)) return { viewId: undefined, diff: undefined };
    const rep = this.aggregation?.repOf.get(nodeId);
    if (rep === nodeId) return { viewId: nodeId, diff: undefined };
    this.revealed.add(nodeId);
    if (this.options.focusNodeId && rep === undefined) {
      // Outside the focused paths: leave focus so the node can be shown.
      this.options.focusNodeId = undefined;
    }
    const diff = this.update();
    return { viewId: this.aggregation?.repOf.get(nodeId), diff };
  }

  details(id: string): NodeDetails | null {
    if (!this.aggregation) this.snapshot();
    return describeNode(this.source, this.aggregation!, id);
  }

  search(query: string, limit: number): { matches: SearchMatch[]; total: number } {
    if (!this.aggregation) this.snapshot();
    return searchNodes(this.source, this.aggregation!.repOf, query, limit);
  }

  /** The view node currently showing a trace node. */
  viewIdOf(nodeId: string): string | undefined {
    return this.aggregation?.repOf.get(nodeId);
  }

  private compute(fresh: boolean): ViewGraph {
    const aggregation = aggregate(this.source, {
      ...this.settings,
      expanded: this.options.expanded,
      focusNodeId: this.options.focusNodeId,
      revealed: this.revealed,
    });
    if (aggregation.focusIgnored) this.options.focusNodeId = undefined;
    this.aggregation = aggregation;
    const nodes = aggregation.nodes;
    const edges = aggregation.edges.map((e) => ({ source: e.source, target: e.target, constraint: LAYERING[e.kind] }));
    let positions: Map<string, Point>;
    if (fresh || !this.current) {
      positions = layoutLayered(nodes, edges, this.settings.layout).positions;
    } else {
      const fixed = new Map<string, Point>();
      for (const node of this.current.nodes) fixed.set(node.id, { x: node.x, y: node.y });
      positions = placeNewNodes(nodes, edges, fixed, this.settings.layout);
    }
    for (const node of nodes) {
      const p = positions.get(node.id)!;
      node.x = p.x;
      node.y = p.y;
    }
    for (const edge of aggregation.edges) {
      if (positions.get(edge.source)!.y > positions.get(edge.target)!.y) edge.reversed = true;
    }
    return {
      resultId: this.source.resultId,
      nodes,
      edges: aggregation.edges,
      header: buildHeader(this.source.diagnosis(), aggregation.repOf),
      options: this.viewOptions,
      totals: aggregation.totals,
    };
  }
}
