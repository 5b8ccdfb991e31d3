// The graph panel's page: wires the host protocol to the canvas, header, side panel, toolbar
// and persisted state. Only this module talks to the host.

import type { NodeLink } from '../src/shared/node-details';
import { shortId } from '../src/shared/node-label';
import { PROTOCOL_VERSION, parseHostMessage, type ExportDestination, type ExportFormat, type HostMessage, type LiveStatus, type NodeCommand } from '../src/shared/protocol';
import { STATUS_CLASSES, STATUS_CLASS_LABEL, type StatusClass } from '../src/shared/status-class';
import type { HeaderBlocker, ViewGraph, ViewHeader } from '../src/shared/view-graph';
import { isGroupId } from '../src/shared/view-graph';
import { h, visibleText } from './dom-builder';
import { formatCount } from './format';
import { GraphCanvas, type Direction } from './graph-canvas';
import { HeaderView } from './header-view';
import { HostClient } from './host-client';
import { buildLegend } from './legend-view';
import { NodeOutline } from './node-outline';
import { readPersistedState, type PersistedState } from './persisted-state';
import { SearchBox } from './search-box';
import { SidePanel } from './side-panel';
import { graphToSvg } from './svg-export';
import { readPalette, watchTheme } from './theme';
import type { VsCodeApi } from './vscode-api';

const ARROWS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

export class GraphApp {
  private readonly client: HostClient;
  private readonly header: HeaderView;
  private readonly side: SidePanel;
  private readonly search: SearchBox;
  private readonly outline: NodeOutline;
  private readonly canvas: GraphCanvas;
  private readonly graphElement = h('div', {
    id: 'graph',
    class: 'graph',
    tabindex: '0',
    role: 'application',
    'aria-roledescription': 'dependency graph',
    'aria-label': 'Dependency graph. Arrow keys move between connected nodes, Enter opens details, slash searches.',
    'aria-describedby': 'graph-help',
  });
  private readonly announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', role: 'status' });
  private readonly statusLine = h('div', { class: 'status-line', 'aria-live': 'off' });
  private readonly toast = h('div', { class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
  private readonly pauseButton: HTMLButtonElement;
  private readonly dimButton: HTMLButtonElement;
  private readonly criticalButton: HTMLButtonElement;
  private readonly focusButton: HTMLButtonElement;
  private readonly filterBoxes = new Map<StatusClass, HTMLInputElement>();
  private state: PersistedState | undefined;
  private hiddenClasses = new Set<StatusClass>();
  private live: LiveStatus = { state: 'live', pendingUpdates: 0, updatedAt: Date.now() };
  private endpoint = '';
  private sessionId = '';
  private focusNodeId: string | undefined;
  private expanded: Record<string, number> = {};
  private paused = false;
  private dim = false;
  private critical = false;
  private totals = { nodes: 0, edges: 0 };
  private first = true;
  private detailsGeneration = 0;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly api: VsCodeApi,
    private readonly root: HTMLElement,
  ) {
    this.client = new HostClient(api);
    this.state = readPersistedState(api.getState());
    if (this.state) {
      this.hiddenClasses = new Set(this.state.hiddenClasses);
      this.paused = this.state.paused;
      this.dim = this.state.dimOthers;
      this.critical = this.state.showCritical;
      this.expanded = { ...this.state.expanded };
      this.focusNodeId = this.state.focusNodeId;
    }
    this.header = new HeaderView((b) => this.onBlocker(b));
    this.side = new SidePanel({
      command: (command, nodeId) => this.command(command, nodeId),
      link: (link) => void this.goTo(link),
      expand: (groupId, more) => void this.expand(groupId, more),
      collapse: (groupId) => void this.collapse(groupId),
      focus: (nodeId) => void this.setFocus(nodeId),
    });
    this.search = new SearchBox(
      (query) => this.client.request({ method: 'search', query, limit: 50 }),
      (match) => void this.goTo(match),
    );
    this.outline = new NodeOutline((id) => this.select(id, true));
    this.pauseButton = this.toggle('Pause live updates', 'pause', () => this.setPaused(!this.paused));
    this.dimButton = this.toggle('Dim others', 'dim', () => this.setDim(!this.dim));
    this.criticalButton = this.toggle('Critical path', 'critical', () => this.setCritical(!this.critical));
    this.focusButton = h('button', { type: 'button', 'data-action': 'focus', title: 'Show only the paths from the result to the selected node' }, 'Focus on selection');
    this.focusButton.addEventListener('click', () => void this.setFocus(this.focusNodeId ? null : this.canvas.selectedId ?? null));

    root.replaceChildren(
      this.header.element,
      this.buildToolbar(),
      h('div', { class: 'main' }, this.graphElement, this.side.element),
      this.statusLine,
      this.toast,
      this.announcer,
      h('p', { id: 'graph-help', class: 'visually-hidden' }, 'Use the Nodes in view list or the Top blockers list to reach nodes without the canvas.'),
    );
    root.removeAttribute('aria-busy');
    this.canvas = new GraphCanvas(this.graphElement, readPalette(), {
      onSelect: (id) => this.select(id, false),
      onActivate: (id) => this.activate(id),
      onViewportChange: () => this.persistSoon(),
    });
    this.canvas.setHiddenClasses(this.hiddenClasses);
    this.canvas.setDim(this.dim);
    this.canvas.setCritical(this.critical);
    this.syncToggles();
    watchTheme((palette) => this.canvas.setPalette(palette));
    new ResizeObserver(() => this.canvas.resize()).observe(this.graphElement);
    this.graphElement.addEventListener('keydown', (event) => this.onGraphKey(event));
    document.addEventListener('keydown', (event) => this.onDocumentKey(event));
    // Menus close when the user clicks elsewhere, so they never cover the panel they act on.
    document.addEventListener('click', (event) => {
      for (const menu of document.querySelectorAll<HTMLDetailsElement>('details.menu[open]')) {
        if (!menu.contains(event.target as Node)) menu.open = false;
      }
    });
    window.addEventListener('message', (event: MessageEvent) => this.onMessage(event.data));
    window.addEventListener('error', (event) => this.log('error', `${event.message} at ${event.filename}:${event.lineno}`));
    window.addEventListener('unhandledrejection', (event) => this.log('error', `unhandled: ${String(event.reason)}`));
    api.post({
      v: PROTOCOL_VERSION,
      type: 'ready',
      ...(this.state ? { restore: { expanded: this.expanded, focusNodeId: this.focusNodeId, paused: this.paused } } : {}),
    });
  }

  // ------------------------------------------------------------------ host messages

  private onMessage(data: unknown): void {
    const parsed = parseHostMessage(data);
    if (!parsed.ok) {
      this.log('warn', `ignored host message: ${parsed.reason}`);
      return;
    }
    const message: HostMessage = parsed.message;
    try {
      if (this.client.handle(message)) return;
      switch (message.type) {
        case 'snapshot':
          performance.mark('armonik-snapshot-received');
          this.onSnapshot(message.graph, message.relayout, message);
          performance.mark('armonik-snapshot-drawn');
          break;
        case 'diff': {
          this.live = message.live;
          this.canvas.applyDiff(message.diff);
          this.applyOptions(message.diff.options);
          this.totals = message.diff.totals;
          this.renderHeader(message.diff.header);
          const selected = this.canvas.selectedId;
          if (selected && message.diff.removedNodeIds.includes(selected)) this.side.showEmpty('The selected node was folded into a group or left the view.');
          else if (selected && message.diff.updatedNodes.some((n) => n.id === selected)) void this.showDetails(selected);
          this.afterRender();
          break;
        }
        case 'live':
          this.live = message.live;
          this.header.renderLive(message.live);
          break;
        case 'select':
          this.select(message.viewId, true);
          break;
        case 'exportImage':
          this.answerImage(message.requestId, message.format);
          break;
        case 'unavailable':
          this.root.replaceChildren(h('div', { class: 'unavailable', role: 'alert' }, h('h2', {}, `Trace of ${shortId(message.resultId)} is not available`), h('p', {}, visibleText(message.message))));
          break;
      }
    } catch (error) {
      this.log('error', `handling ${message.type}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  private onSnapshot(graph: ViewGraph, relayout: boolean, info: { endpoint: string; sessionId: string; hasAdminUrl: boolean; live: LiveStatus }): void {
    this.endpoint = info.endpoint;
    this.sessionId = info.sessionId;
    this.live = info.live;
    this.side.setAdminUrlAvailable(info.hasAdminUrl);
    const restoring = this.first && this.state?.resultId === graph.resultId && this.state.zoom !== undefined && this.state.pan !== undefined;
    const viewport = restoring ? { zoom: this.state!.zoom!, pan: this.state!.pan! } : relayout || this.first ? 'fit' : 'keep';
    // Loading replaces every element, selection included: remember it first.
    const previousSelection = this.canvas.selectedId;
    this.canvas.load(graph, viewport);
    this.applyOptions(graph.options);
    this.totals = graph.totals;
    this.renderHeader(graph.header);
    const wanted = this.first ? this.state?.selectedId : previousSelection;
    this.first = false;
    if (wanted && this.canvas.node(wanted)) this.select(wanted, false);
    else if (this.canvas.selectedId === undefined) this.side.showEmpty();
    this.state = { ...(this.state ?? this.emptyState()), resultId: graph.resultId, sessionId: info.sessionId, endpoint: info.endpoint };
    this.afterRender();
    // For benchmarks: the first frame after the graph is drawn is when a user can interact.
    requestAnimationFrame(() => performance.mark('armonik-graph-interactive'));
  }

  private afterRender(): void {
    this.graphElement.dataset.nodeCount = String(this.canvas.nodeCount);
    this.graphElement.dataset.edgeCount = String(this.canvas.edgeCount);
    this.graphElement.dataset.ready = 'true';
    this.refreshOutline();
    const focus = this.focusNodeId ? ` · focused on ${shortId(this.focusNodeId)}` : '';
    this.statusLine.textContent = `Showing ${formatCount(this.canvas.nodeCount)} nodes for a cone of ${formatCount(this.totals.nodes)} (${formatCount(this.totals.edges)} edges)${focus} · endpoint ${visibleText(this.endpoint)}`;
    this.syncToggles();
    this.persistSoon();
  }

  private applyOptions(options: ViewGraph['options']): void {
    this.expanded = { ...options.expanded };
    this.focusNodeId = options.focusNodeId;
  }

  private refreshOutline(): void {
    this.outline.update(() => this.canvas.allNodes(), this.canvas.shownTest());
  }

  private renderHeader(header: ViewHeader): void {
    this.header.render(header, this.live);
  }

  // ------------------------------------------------------------------ selection and details

  private select(id: string | undefined, center: boolean): void {
    this.canvas.select(id, center);
    // A filtered node is drawn while selected, so the list follows the selection.
    if (this.hiddenClasses.size > 0) this.refreshOutline();
    document.body.dataset.selected = id ?? '';
    this.focusButton.disabled = !this.focusNodeId && !id;
    if (!id) {
      this.side.showEmpty();
      this.persistSoon();
      return;
    }
    const node = this.canvas.node(id);
    if (node) this.announcer.textContent = `Selected ${node.label.replace('\n', ', ')}.`;
    void this.showDetails(id);
    this.persistSoon();
  }

  private async showDetails(id: string): Promise<void> {
    const generation = ++this.detailsGeneration;
    const node = this.canvas.node(id);
    if (node && !this.side.element.querySelector('h2')) this.side.showLoading(node.label.split('\n')[0] ?? id);
    try {
      const details = await this.client.request({ method: 'nodeDetails', nodeId: id });
      if (generation !== this.detailsGeneration) return;
      if (details) this.side.show(details);
      else this.side.showEmpty('This node is no longer part of the trace.');
    } catch (error) {
      if (generation === this.detailsGeneration) this.side.showEmpty(`Could not load details: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private activate(id: string): void {
    if (isGroupId(id)) {
      const node = this.canvas.node(id);
      void this.expand(id, node?.remainder === true);
    } else {
      this.command('armonik.showTaskDetails', id);
    }
  }

  private onBlocker(blocker: HeaderBlocker): void {
    void this.goTo({ id: blocker.id, viewId: blocker.viewId });
  }

  /** Selects a trace node, revealing it first when it is folded in a group. */
  private async goTo(target: Pick<NodeLink, 'id' | 'viewId'>): Promise<void> {
    if (target.viewId === target.id && this.canvas.node(target.id)) {
      this.select(target.id, true);
      return;
    }
    try {
      const { viewId } = await this.client.request({ method: 'reveal', nodeId: target.id });
      if (viewId) this.select(viewId, true);
      else this.notify(`${shortId(target.id)} is not part of this trace.`);
    } catch (error) {
      this.notify(`Could not show ${shortId(target.id)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private command(command: NodeCommand, nodeId: string): void {
    this.api.post({ v: PROTOCOL_VERSION, type: 'command', command, nodeId });
  }

  private async expand(groupId: string, more: boolean): Promise<void> {
    try {
      const { viewIds } = await this.client.request({ method: 'expandGroup', groupId, more });
      this.notify(`Showing ${formatCount(viewIds.length)} more nodes.`);
      const first = viewIds[0];
      if (first) this.select(first, true);
    } catch (error) {
      this.notify(error instanceof Error ? error.message : String(error));
    }
  }

  private async collapse(groupId: string): Promise<void> {
    try {
      const { viewId } = await this.client.request({ method: 'collapseGroup', groupId });
      if (viewId) this.select(viewId, true);
    } catch (error) {
      this.notify(error instanceof Error ? error.message : String(error));
    }
  }

  private async setFocus(nodeId: string | null): Promise<void> {
    try {
      const { nodeCount } = await this.client.request({ method: 'setFocus', nodeId });
      this.notify(nodeId ? `Focused: ${formatCount(nodeCount)} nodes on the paths to ${shortId(nodeId)}.` : 'Showing the whole cone again.');
    } catch (error) {
      this.notify(error instanceof Error ? error.message : String(error));
    }
  }

  // ------------------------------------------------------------------ toolbar

  private buildToolbar(): HTMLElement {
    const filters = h('div', { class: 'menu-body', role: 'group', 'aria-label': 'Show statuses' });
    for (const sclass of STATUS_CLASSES) {
      const box = h('input', { type: 'checkbox', checked: !this.hiddenClasses.has(sclass), 'data-status-class': sclass });
      box.addEventListener('change', () => {
        if (box.checked) this.hiddenClasses.delete(sclass);
        else this.hiddenClasses.add(sclass);
        this.canvas.setHiddenClasses(this.hiddenClasses);
        this.refreshOutline();
        this.persistSoon();
      });
      this.filterBoxes.set(sclass, box);
      filters.append(h('label', { class: 'filter' }, box, h('span', { class: `dot s-${sclass}`, 'aria-hidden': 'true' }), STATUS_CLASS_LABEL[sclass]));
    }
    const exportMenu = h('div', { class: 'menu-body export-body' });
    const exports: [string, ExportFormat, ExportDestination][] = [
      ['Save diagnosis as JSON…', 'json', 'file'],
      ['Copy diagnosis as JSON', 'json', 'clipboard'],
      ['Save diagnosis as Markdown…', 'markdown', 'file'],
      ['Copy diagnosis as Markdown', 'markdown', 'clipboard'],
      ['Save view as PNG…', 'png', 'file'],
      ['Save view as SVG…', 'svg', 'file'],
    ];
    const exportDetails = h('details', { class: 'menu export' }, h('summary', {}, 'Export'), exportMenu);
    for (const [label, format, destination] of exports) {
      const button = h('button', { type: 'button', 'data-export': `${format}-${destination}` }, label);
      button.addEventListener('click', () => {
        exportDetails.removeAttribute('open');
        void this.exportView(format, destination);
      });
      exportMenu.append(button);
    }
    const fit = h('button', { type: 'button', 'data-action': 'fit' }, 'Fit');
    fit.addEventListener('click', () => this.canvas.fit());
    const relayout = h('button', { type: 'button', 'data-action': 'relayout', title: 'Lay the graph out again from scratch' }, 'Re-layout');
    relayout.addEventListener('click', () => void this.client.request({ method: 'relayout' }).catch((e: unknown) => this.notify(String(e))));
    return h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Graph tools' },
      this.search.element,
      h('details', { class: 'menu filters' }, h('summary', {}, 'Statuses'), filters),
      this.dimButton,
      this.criticalButton,
      this.focusButton,
      fit,
      relayout,
      this.pauseButton,
      exportDetails,
      this.outline.element,
      buildLegend(),
    );
  }

  private toggle(label: string, name: string, onClick: () => void): HTMLButtonElement {
    const button = h('button', { type: 'button', 'data-action': name, 'aria-pressed': 'false' }, label);
    button.addEventListener('click', onClick);
    return button;
  }

  private syncToggles(): void {
    this.pauseButton.setAttribute('aria-pressed', String(this.paused));
    this.pauseButton.textContent = this.paused ? 'Resume live updates' : 'Pause live updates';
    this.dimButton.setAttribute('aria-pressed', String(this.dim));
    this.criticalButton.setAttribute('aria-pressed', String(this.critical));
    this.focusButton.textContent = this.focusNodeId ? 'Show whole cone' : 'Focus on selection';
    this.focusButton.setAttribute('aria-pressed', String(this.focusNodeId !== undefined));
    this.focusButton.disabled = !this.focusNodeId && !this.canvas?.selectedId;
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    this.api.post({ v: PROTOCOL_VERSION, type: 'setPaused', paused });
    this.syncToggles();
    this.persistSoon();
  }

  private setDim(dim: boolean): void {
    this.dim = dim;
    this.canvas.setDim(dim);
    this.syncToggles();
    this.persistSoon();
  }

  private setCritical(critical: boolean): void {
    this.critical = critical;
    this.canvas.setCritical(critical);
    this.syncToggles();
    this.persistSoon();
  }

  private async exportView(format: ExportFormat, destination: ExportDestination): Promise<void> {
    try {
      const data = format === 'png' || format === 'svg' ? this.drawImage(format) : undefined;
      const result = await this.client.request({ method: 'export', format, destination, ...(data === undefined ? {} : { data }) });
      if (result.outcome === 'saved') this.notify(`Saved${result.where ? ` to ${result.where}` : ''}.`);
      else if (result.outcome === 'copied') this.notify('Copied to the clipboard.');
    } catch (error) {
      this.notify(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private drawImage(format: 'png' | 'svg'): string {
    if (format === 'png') return this.canvas.png();
    const shown = [...this.canvas.allNodes()].filter((n) => this.canvas.isShown(n));
    const ids = new Set(shown.map((n) => n.id));
    const edges = [...this.canvas.allEdges()].filter((e) => ids.has(e.source) && ids.has(e.target));
    return graphToSvg(shown, edges, this.canvas.currentPalette);
  }

  private answerImage(requestId: number, format: 'png' | 'svg'): void {
    try {
      this.api.post({ v: PROTOCOL_VERSION, type: 'imageData', requestId, format, data: this.drawImage(format) });
    } catch (error) {
      this.api.post({ v: PROTOCOL_VERSION, type: 'imageError', requestId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  // ------------------------------------------------------------------ keyboard

  private onGraphKey(event: KeyboardEvent): void {
    const direction = ARROWS[event.key];
    const selected = this.canvas.selectedId;
    if (direction) {
      event.preventDefault();
      if (!selected) {
        const target = [...this.canvas.allNodes()].find((n) => n.marks.target);
        if (target) this.select(target.id, true);
        return;
      }
      const next = this.canvas.neighbour(selected, direction);
      if (next) this.select(next, true);
      else this.announcer.textContent = `No node ${direction === 'up' ? 'above' : direction === 'down' ? 'below' : `to the ${direction}`}.`;
    } else if (event.key === 'Enter' && selected) {
      event.preventDefault();
      this.activate(selected);
    } else if (event.key === 'Escape') {
      this.select(undefined, false);
    }
  }

  private onDocumentKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if (event.key === '/' && !typing) {
      event.preventDefault();
      this.search.focus();
    } else if (event.key === 'Escape') {
      for (const menu of document.querySelectorAll<HTMLDetailsElement>('details.menu[open]')) menu.open = false;
    }
  }

  // ------------------------------------------------------------------ state and feedback

  private emptyState(): PersistedState {
    return {
      v: 1,
      resultId: '',
      sessionId: '',
      endpoint: '',
      zoom: undefined,
      pan: undefined,
      selectedId: undefined,
      hiddenClasses: [],
      expanded: {},
      focusNodeId: undefined,
      paused: false,
      dimOthers: false,
      showCritical: false,
    };
  }

  private persistSoon(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persist(), 300);
  }

  private persist(): void {
    if (!this.state) return;
    const viewport = this.canvas.viewport();
    this.state = {
      ...this.state,
      zoom: viewport.zoom,
      pan: viewport.pan,
      selectedId: this.canvas.selectedId,
      hiddenClasses: [...this.hiddenClasses],
      expanded: this.expanded,
      focusNodeId: this.focusNodeId,
      paused: this.paused,
      dimOthers: this.dim,
      showCritical: this.critical,
      sessionId: this.sessionId || this.state.sessionId,
      endpoint: this.endpoint || this.state.endpoint,
    };
    this.api.setState(this.state);
  }

  private notify(text: string): void {
    this.toast.textContent = visibleText(text);
    this.toast.hidden = false;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => (this.toast.hidden = true), 4000);
  }

  private log(level: 'info' | 'warn' | 'error', message: string): void {
    this.api.post({ v: PROTOCOL_VERSION, type: 'log', level, message });
  }
}
