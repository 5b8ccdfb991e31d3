// The Cytoscape drawing of a view graph. Positions come from the host (preset layout): the
// webview never runs a layout, which keeps it fast at every cone size. Diffs are applied in a
// batch; added nodes fade in from a neighbour's position to their own while nothing else moves.

import cytoscape from 'cytoscape';
import { statusClass, type StatusClass } from '../src/shared/status-class';
import type { ViewDiff, ViewEdge, ViewGraph, ViewNode } from '../src/shared/view-graph';
import { buildGraphStyle } from './graph-style';
import type { Palette } from './theme';

export interface CanvasEvents {
  onSelect(viewId: string | undefined): void;
  /** Double click or Enter on a node. */
  onActivate(viewId: string): void;
  onViewportChange(): void;
}

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

export type Direction = 'up' | 'down' | 'left' | 'right';

/** Added nodes animate only when few arrive at once; a big expansion just appears. */
const ANIMATE_LIMIT = 150;
const ANIMATION_MS = 300;
/** Below this zoom labels are unreadable; "fit" stops here and shows the top of the graph. */
const MIN_FIT_ZOOM = 0.55;
const MAX_FIT_ZOOM = 1.2;

function displayLabel(node: ViewNode): string {
  let prefix = '';
  if (node.marks.rootCause) prefix = '⚠ ';
  else if (node.marks.blockerRank !== undefined) prefix = `#${node.marks.blockerRank} `;
  return prefix + node.label;
}

function nodeClasses(node: ViewNode): string[] {
  const classes: string[] = [node.kind, `s-${statusClass(node.status)}`];
  if (node.marks.target) classes.push('target');
  if (node.marks.blockerRank !== undefined) classes.push('blocker');
  if (node.marks.rootCause) classes.push('root-cause');
  if (node.marks.chain) classes.push('chain');
  if (node.marks.critical) classes.push('critical');
  if (node.remainder) classes.push('remainder');
  return classes;
}

function edgeClasses(edge: ViewEdge): string[] {
  const classes = [`e-${edge.kind}`];
  if (edge.count > 1) classes.push('multi');
  if (edge.chain) classes.push('chain');
  if (edge.critical) classes.push('critical');
  if (edge.reversed) classes.push('reversed');
  return classes;
}

function nodeElement(node: ViewNode): cytoscape.ElementDefinition {
  return {
    group: 'nodes',
    data: { id: node.id, label: displayLabel(node), status: node.status },
    position: { x: node.x, y: node.y },
    classes: nodeClasses(node),
  };
}

function edgeElement(edge: ViewEdge): cytoscape.ElementDefinition {
  return {
    group: 'edges',
    data: { id: edge.id, source: edge.source, target: edge.target, label: `×${edge.count.toLocaleString('en-US')}` },
    classes: edgeClasses(edge),
  };
}

export class GraphCanvas {
  readonly cy: cytoscape.Core;
  private readonly nodes = new Map<string, ViewNode>();
  private readonly edges = new Map<string, ViewEdge>();
  private hidden = new Set<StatusClass>();
  private dim = false;
  private critical = false;
  private keyboardFocus: string | undefined;
  /** Whether refreshClasses left any UI class on elements (so it must run to clear them). */
  private classesApplied = false;

  constructor(
    private readonly container: HTMLElement,
    private palette: Palette,
    private readonly events: CanvasEvents,
  ) {
    this.cy = cytoscape({
      container,
      style: buildGraphStyle(palette),
      layout: { name: 'preset' },
      minZoom: 0.02,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autoungrabify: true,
      selectionType: 'single',
    });
    this.cy.on('tap', 'node', (event) => this.events.onSelect(event.target.id()));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) this.events.onSelect(undefined);
    });
    this.cy.on('dbltap', 'node', (event) => this.events.onActivate(event.target.id()));
    this.cy.on('viewport', () => this.events.onViewportChange());
  }

  get nodeCount(): number {
    return this.nodes.size;
  }

  get edgeCount(): number {
    return this.edges.size;
  }

  node(id: string): ViewNode | undefined {
    return this.nodes.get(id);
  }

  allNodes(): IterableIterator<ViewNode> {
    return this.nodes.values();
  }

  allEdges(): IterableIterator<ViewEdge> {
    return this.edges.values();
  }

  /** Replaces everything with a snapshot. */
  load(graph: ViewGraph, viewport: Viewport | 'fit' | 'keep'): void {
    const before = viewport === 'keep' ? this.viewport() : undefined;
    this.nodes.clear();
    this.edges.clear();
    for (const n of graph.nodes) this.nodes.set(n.id, n);
    for (const e of graph.edges) this.edges.set(e.id, e);
    this.tuneForSize();
    this.cy.batch(() => {
      this.cy.elements().remove();
      this.cy.add([...graph.nodes.map(nodeElement), ...graph.edges.map(edgeElement)]);
    });
    this.classesApplied = false; // fresh elements carry no UI class yet
    this.refreshClasses();
    if (viewport === 'fit') this.fit();
    else if (viewport === 'keep' && before) this.cy.viewport({ zoom: before.zoom, pan: before.pan });
    else if (typeof viewport === 'object') this.cy.viewport({ zoom: viewport.zoom, pan: viewport.pan });
  }

  applyDiff(diff: ViewDiff): void {
    const cy = this.cy;
    const animate = diff.addedNodes.length <= ANIMATE_LIMIT;
    const entering: { id: string; to: { x: number; y: number } }[] = [];
    cy.batch(() => {
      for (const id of diff.removedEdgeIds) {
        cy.getElementById(id).remove();
        this.edges.delete(id);
      }
      for (const id of diff.removedNodeIds) {
        cy.getElementById(id).remove();
        this.nodes.delete(id);
      }
      for (const node of diff.updatedNodes) {
        const old = this.nodes.get(node.id);
        // Kept nodes never move: the host guarantees it, this keeps the drawing honest.
        const kept = old ? { ...node, x: old.x, y: old.y } : node;
        this.nodes.set(node.id, kept);
        const element = cy.getElementById(node.id);
        element.data('label', displayLabel(kept));
        element.data('status', kept.status);
        element.classes(nodeClasses(kept));
      }
      const added: cytoscape.ElementDefinition[] = [];
      for (const node of diff.addedNodes) {
        this.nodes.set(node.id, node);
        const element = nodeElement(node);
        if (animate) {
          const from = this.entryPoint(node, diff);
          if (from) {
            element.position = { ...from };
            element.style = { opacity: 0 };
            entering.push({ id: node.id, to: { x: node.x, y: node.y } });
          }
        }
        added.push(element);
      }
      for (const edge of diff.addedEdges) {
        this.edges.set(edge.id, edge);
        added.push(edgeElement(edge));
      }
      cy.add(added);
      for (const edge of diff.updatedEdges) {
        this.edges.set(edge.id, edge);
        const element = cy.getElementById(edge.id);
        element.data('label', `×${edge.count.toLocaleString('en-US')}`);
        element.classes(edgeClasses(edge));
      }
    });
    for (const { id, to } of entering) {
      const element = cy.getElementById(id);
      element.animate({ position: to, style: { opacity: 1 } }, { duration: ANIMATION_MS, complete: () => element.removeStyle('opacity') });
    }
    this.tuneForSize();
    this.refreshClasses();
  }

  setPalette(palette: Palette): void {
    this.palette = palette;
    this.cy.style(buildGraphStyle(palette));
  }

  get currentPalette(): Palette {
    return this.palette;
  }

  select(id: string | undefined, center: boolean): void {
    this.cy.batch(() => {
      this.cy.$(':selected').unselect();
      if (id) this.cy.getElementById(id).select();
    });
    this.setKeyboardFocus(id);
    if (id && center) {
      const element = this.cy.getElementById(id);
      if (element.nonempty()) {
        this.cy.animate({ center: { eles: element }, zoom: Math.max(this.cy.zoom(), 0.8) }, { duration: 250 });
      }
    }
    this.refreshClasses();
  }

  get selectedId(): string | undefined {
    const selected = this.cy.$('node:selected');
    return selected.nonempty() ? selected.first().id() : undefined;
  }

  setHiddenClasses(hidden: ReadonlySet<StatusClass>): void {
    this.hidden = new Set(hidden);
    this.refreshClasses();
  }

  setDim(dim: boolean): void {
    this.dim = dim;
    this.refreshClasses();
  }

  setCritical(show: boolean): void {
    this.critical = show;
    this.refreshClasses();
  }

  /** The connected or same-row node in a direction from `from` (keyboard navigation). */
  neighbour(from: string, direction: Direction): string | undefined {
    const origin = this.nodes.get(from);
    if (!origin) return undefined;
    const element = this.cy.getElementById(from);
    let candidates: ViewNode[];
    if (direction === 'up' || direction === 'down') {
      // Up: what needs this node (edge sources); down: what it needs (edge targets).
      const linked = direction === 'up' ? element.incomers('node') : element.outgoers('node');
      candidates = linked.map((n) => this.nodes.get(n.id())!).filter((n) => n && this.isShown(n));
      // Edges drawn against the layering still count, but prefer nodes really above/below.
      const sided = candidates.filter((n) => (direction === 'up' ? n.y < origin.y : n.y > origin.y));
      if (sided.length > 0) candidates = sided;
    } else {
      candidates = [...this.nodes.values()].filter(
        (n) => Math.abs(n.y - origin.y) < 1 && (direction === 'left' ? n.x < origin.x : n.x > origin.x) && this.isShown(n),
      );
    }
    let best: ViewNode | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const n of candidates) {
      const d = Math.hypot(n.x - origin.x, n.y - origin.y);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best?.id;
  }

  viewport(): Viewport {
    const pan = this.cy.pan();
    return { zoom: this.cy.zoom(), pan: { x: pan.x, y: pan.y } };
  }

  fit(): void {
    this.cy.resize();
    const visible = this.cy.elements().not('.filtered');
    this.cy.fit(visible.nonempty() ? visible : undefined, 30);
    // A handful of nodes fitted to a big panel would be drawn huge.
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(visible.nonempty() ? visible : undefined);
    }
    // A huge cone fitted to the panel would be unreadably small: keep at least the top rows legible.
    if (this.cy.zoom() < MIN_FIT_ZOOM && this.nodes.size > 30) {
      const target = [...this.nodes.values()].find((n) => n.marks.target);
      this.cy.zoom(MIN_FIT_ZOOM);
      if (target) this.cy.center(this.cy.getElementById(target.id));
      this.cy.panBy({ x: 0, y: 60 - this.container.clientHeight / 2 });
    }
  }

  /** Full graph as a PNG (base64, no data: prefix), bounded so the image stays reasonable. */
  png(): string {
    return this.cy.png({ output: 'base64', full: true, bg: this.palette.background, scale: 2, maxWidth: 8000, maxHeight: 8000 });
  }

  resize(): void {
    this.cy.resize();
  }

  destroy(): void {
    this.cy.destroy();
  }

  isShown(node: ViewNode): boolean {
    return this.shownTest()(node);
  }

  /** isShown for many nodes: the selection (a Cytoscape query) is read once. The traced result
   * and the selected node stay drawn whatever the status filter says. */
  shownTest(): (node: ViewNode) => boolean {
    const selected = this.selectedId;
    return (node) => node.marks.target === true || !this.hidden.has(statusClass(node.status)) || node.id === selected;
  }

  private setKeyboardFocus(id: string | undefined): void {
    if (this.keyboardFocus) this.cy.getElementById(this.keyboardFocus).removeClass('keyboard-focus');
    this.keyboardFocus = id;
    if (id) this.cy.getElementById(id).addClass('keyboard-focus');
  }

  /** A new node starts at a linked node that is already drawn (its parent, usually). */
  private entryPoint(node: ViewNode, diff: ViewDiff): { x: number; y: number } | undefined {
    const addedIds = new Set(diff.addedNodes.map((n) => n.id));
    for (const edge of diff.addedEdges) {
      const other = edge.target === node.id ? edge.source : edge.source === node.id ? edge.target : undefined;
      if (other && !addedIds.has(other)) {
        const placed = this.nodes.get(other);
        if (placed) return { x: placed.x, y: placed.y };
      }
    }
    return undefined;
  }

  private tuneForSize(): void {
    // Cytoscape's viewport texture keeps panning smooth (it pans a bitmap of the drawing);
    // below a few hundred elements redrawing is cheap and sharper.
    const large = this.nodes.size + this.edges.size > 300;
    const renderer = this.cy as unknown as { renderer(): { textureOnViewport: boolean; hideEdgesOnViewport: boolean } };
    const r = renderer.renderer();
    r.textureOnViewport = large;
    r.hideEdgesOnViewport = this.edges.size > 6000;
  }

  private refreshClasses(): void {
    const cy = this.cy;
    const selected = this.selectedId;
    // Nothing to toggle on a fresh drawing with no filter, dimming or overlay: skip the walk
    // (each class change restyles the element).
    if (!this.hidden.size && !this.dim && !this.critical && !this.classesApplied) return;
    this.classesApplied = this.hidden.size > 0 || this.dim || this.critical;
    const shown = this.shownTest();
    const focusSet = new Set<string>();
    if (selected) {
      const element = cy.getElementById(selected);
      element.closedNeighborhood().forEach((e) => {
        focusSet.add(e.id());
      });
    }
    cy.batch(() => {
      cy.nodes().forEach((element) => {
        const node = this.nodes.get(element.id());
        if (!node) return;
        element.toggleClass('filtered', !shown(node));
        element.toggleClass('show-critical', this.critical);
        const important = node.marks.target || node.marks.chain || node.marks.rootCause || node.marks.blockerRank !== undefined || (this.critical && node.marks.critical);
        element.toggleClass('dimmed', this.dim && !important && !focusSet.has(node.id));
      });
      cy.edges().forEach((element) => {
        const edge = this.edges.get(element.id());
        if (!edge) return;
        element.toggleClass('show-critical', this.critical);
        const important = edge.chain || (this.critical && edge.critical);
        element.toggleClass('dimmed', this.dim && !important && !focusSet.has(edge.id));
      });
    });
  }
}
