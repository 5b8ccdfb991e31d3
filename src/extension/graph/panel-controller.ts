// Everything a graph panel does, without the `vscode` module: it talks to the webview and to
// VS Code through the small GraphPanelHost seam, so the message handling, the snapshot rule,
// live diffs, pause, expansion, search and export are unit-testable in plain Node.
//
// Snapshot rule: the webview gets a full snapshot on `ready` and whenever the panel becomes
// visible again (a hidden webview cannot receive messages); diffs only while it is visible,
// ready and not paused. Trace updates are coalesced (at most one diff per `throttleMs`).
// While paused the webview is told, per update, how many wait (LiveStatus.pendingUpdates).

import { shortId } from '../../shared/node-label';
import {
  PROTOCOL_VERSION,
  parseWebviewMessage,
  type ExportDestination,
  type ExportFormat,
  type HostMessage,
  type LiveStatus,
  type NodeCommand,
  type RequestBody,
  type RequestResult,
  type WebviewMessage,
} from '../../shared/protocol';
import type { ViewDiff } from '../../shared/view-graph';
import type { LiveTrace, Unsubscribe } from '../../trace/types';
import { diagnosisToJson } from '../../trace/view/diagnosis-json';
import { diagnosisToMarkdown } from '../../trace/view/diagnosis-markdown';
import { isEmptyDiff } from '../../trace/view/view-diff';
import { TraceViewSession, type ViewSessionSettings } from '../../trace/view/view-session';

export interface SaveRequest {
  format: ExportFormat;
  destination: ExportDestination;
  suggestedName: string;
  content: string | Uint8Array;
}

export interface SaveOutcome {
  outcome: 'saved' | 'copied' | 'cancelled';
  where?: string;
}

export interface PanelLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the controller needs from VS Code. */
export interface GraphPanelHost {
  post(message: HostMessage): PromiseLike<boolean>;
  executeCommand(command: NodeCommand, nodeId: string): PromiseLike<unknown>;
  save(request: SaveRequest): PromiseLike<SaveOutcome>;
  log: PanelLog;
}

export interface PanelControllerOptions {
  endpoint: string;
  hasAdminUrl: boolean;
  /** Minimum time between two live diffs. */
  throttleMs?: number;
  /** How long the host waits for the webview to render an image. */
  imageTimeoutMs?: number;
  view?: ViewSessionSettings;
}

/** atob is global in Node 20 and browsers (the harness runs this controller in a page). */
function decodeBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('The drawn image is not valid base64.');
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface PendingImage {
  resolve(data: string): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class GraphPanelController {
  readonly session: TraceViewSession;
  private ready = false;
  private visible = true;
  private paused = false;
  private dirty = false;
  private pendingUpdates = 0;
  private liveState: LiveStatus['state'] = 'live';
  private liveMessage: string | undefined;
  private updatedAt = Date.now();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private lastFlushCost = 0;
  private pendingSelect: string | undefined;
  private nextImageRequest = 1_000_000;
  private readonly images = new Map<number, PendingImage>();
  private readonly subscriptions: Unsubscribe[] = [];
  private disposed = false;

  constructor(
    readonly trace: LiveTrace,
    private readonly host: GraphPanelHost,
    private readonly options: PanelControllerOptions,
  ) {
    this.session = new TraceViewSession(trace, options.view);
    this.subscriptions.push(
      trace.onDidChange(() => this.onTraceChange()),
      trace.onDidFail((error) => {
        this.liveState = 'failed';
        this.liveMessage = `Live updates stopped: ${error.message}. The graph shows the last known state; run "Trace Result" again to resume.`;
        this.host.log.warn(`graph ${this.trace.resultId}: ${this.liveMessage}`);
        if (this.canPost()) void this.post({ v: PROTOCOL_VERSION, type: 'live', live: this.liveStatus() });
      }),
    );
  }

  get resultId(): string {
    return this.trace.resultId;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Call with every message the webview posts. Never throws. */
  async handleMessage(raw: unknown): Promise<void> {
    const parsed = parseWebviewMessage(raw);
    if (!parsed.ok) {
      this.host.log.warn(`graph ${this.trace.resultId}: ignored a malformed webview message: ${parsed.reason}`);
      return;
    }
    try {
      await this.dispatch(parsed.message);
    } catch (error) {
      this.host.log.error(`graph ${this.trace.resultId}: ${parsed.message.type} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }

  /** The panel was shown or hidden. Becoming visible sends a full snapshot. */
  setVisible(visible: boolean): void {
    const wasVisible = this.visible;
    this.visible = visible;
    if (visible && !wasVisible && this.ready) this.sendSnapshot(false);
  }

  /** Selects and centres a trace node, revealing it if folded. False if not in the cone. */
  focusNode(nodeId: string): boolean {
    if (!this.trace.node(nodeId)) return false;
    const { viewId, diff } = this.session.reveal(nodeId);
    if (!viewId) return false;
    if (this.canPost()) {
      if (diff && !isEmptyDiff(diff)) this.postDiff(diff);
      void this.post({ v: PROTOCOL_VERSION, type: 'select', nodeId, viewId });
    } else {
      // Hidden (or not loaded yet): select it right after the snapshot that showing it sends.
      this.pendingSelect = nodeId;
    }
    return true;
  }

  /** Export started from the command palette. PNG/SVG are rendered by the webview. */
  async exportAs(format: ExportFormat, destination: ExportDestination = 'file'): Promise<SaveOutcome> {
    let data: string | undefined;
    if (format === 'png' || format === 'svg') {
      if (!this.ready || !this.visible) throw new Error('Show the graph panel first: images are drawn by the visible panel.');
      data = await this.requestImage(format);
    }
    return this.save(format, destination, data);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const unsubscribe of this.subscriptions) unsubscribe();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    for (const pending of this.images.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error('The graph panel was closed.'));
    }
    this.images.clear();
  }

  // ------------------------------------------------------------------ messages

  private async dispatch(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        if (message.restore) {
          this.session.restore({ expanded: message.restore.expanded, focusNodeId: message.restore.focusNodeId });
          this.paused = message.restore.paused;
          if (this.paused) this.liveState = this.liveState === 'live' ? 'paused' : this.liveState;
        }
        this.ready = true;
        this.sendSnapshot(message.restore === undefined);
        return;
      case 'command':
        await this.host.executeCommand(message.command, message.nodeId);
        return;
      case 'setPaused':
        this.setPaused(message.paused);
        return;
      case 'imageData': {
        const pending = this.images.get(message.requestId);
        if (!pending) return;
        this.images.delete(message.requestId);
        clearTimeout(pending.timer);
        pending.resolve(message.data);
        return;
      }
      case 'imageError': {
        const pending = this.images.get(message.requestId);
        if (!pending) return;
        this.images.delete(message.requestId);
        clearTimeout(pending.timer);
        pending.reject(new Error(message.message || 'The webview could not draw the image.'));
        return;
      }
      case 'log':
        this.host.log[message.level](`graph webview: ${message.message}`);
        return;
      case 'request': {
        const { requestId } = message;
        try {
          const result = await this.answer(message);
          await this.post({ v: PROTOCOL_VERSION, type: 'response', requestId, ok: true, result });
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error);
          this.host.log.warn(`graph ${this.trace.resultId}: ${message.method} failed: ${text}`);
          await this.post({ v: PROTOCOL_VERSION, type: 'response', requestId, ok: false, error: text });
        }
        return;
      }
    }
  }

  private async answer(request: RequestBody): Promise<RequestResult> {
    switch (request.method) {
      case 'nodeDetails':
        return this.session.details(request.nodeId);
      case 'expandGroup': {
        const expanded = this.session.expandGroup(request.groupId, request.more);
        if (!expanded) throw new Error('This group no longer exists (the trace changed); pick it again in the refreshed graph.');
        this.postDiff(expanded.diff);
        return { viewIds: expanded.viewIds };
      }
      case 'collapseGroup': {
        const diff = this.session.collapseGroup(request.groupId);
        this.postDiff(diff);
        const group = diff.addedNodes.find((n) => n.id === request.groupId) ?? this.session.graph?.nodes.find((n) => n.id === request.groupId);
        return { viewId: group?.id };
      }
      case 'setFocus': {
        if (request.nodeId !== null && !this.trace.node(request.nodeId) && !request.nodeId.startsWith('g:')) {
          throw new Error(`Node ${shortId(request.nodeId)} is not part of this trace.`);
        }
        // A group has no path of its own: focus on its first member.
        let nodeId = request.nodeId;
        if (nodeId !== null && nodeId.startsWith('g:')) {
          const details = this.session.details(nodeId);
          nodeId = details?.kind === 'group' ? details.members[0]?.id ?? null : null;
        }
        const graph = this.session.setFocus(nodeId);
        this.sendSnapshot(true);
        return { nodeCount: graph.nodes.length };
      }
      case 'reveal': {
        const { viewId, diff } = this.session.reveal(request.nodeId);
        if (diff && !isEmptyDiff(diff)) this.postDiff(diff);
        return { viewId };
      }
      case 'search':
        return this.session.search(request.query, request.limit);
      case 'export':
        return this.save(request.format, request.destination, request.data);
      case 'relayout': {
        const graph = this.sendSnapshot(true);
        return { nodeCount: graph.nodes.length };
      }
    }
  }

  // ------------------------------------------------------------------ live updates

  private onTraceChange(): void {
    this.pendingUpdates++;
    this.dirty = true;
    if (!this.canPost()) return;
    // Each change is already one coalesced batch of the trace, so a small `live` message per
    // change keeps the paused header's count exact without flooding the webview.
    if (this.paused) void this.post({ v: PROTOCOL_VERSION, type: 'live', live: this.liveStatus() });
    else this.scheduleFlush();
  }

  private setPaused(paused: boolean): void {
    this.paused = paused;
    if (this.liveState === 'live' || this.liveState === 'paused') this.liveState = paused ? 'paused' : 'live';
    if (!paused && this.dirty && this.canPost()) this.flush();
    else if (this.canPost()) void this.post({ v: PROTOCOL_VERSION, type: 'live', live: this.liveStatus() });
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    // Re-aggregating a huge cone takes a while: never spend more than about a third of the
    // time rebuilding the view, whatever the event rate.
    const throttle = Math.max(this.options.throttleMs ?? 250, 2 * this.lastFlushCost);
    const wait = Math.max(0, this.lastFlush + throttle - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      if (!this.disposed && this.canPost() && !this.paused) this.flush();
    }, wait);
  }

  private flush(): void {
    const started = Date.now();
    const diff = this.session.update();
    this.lastFlush = Date.now();
    this.lastFlushCost = this.lastFlush - started;
    this.postDiff(diff);
  }

  // ------------------------------------------------------------------ sending

  private canPost(): boolean {
    return this.ready && this.visible && !this.disposed;
  }

  private liveStatus(): LiveStatus {
    return {
      state: this.liveState,
      pendingUpdates: this.pendingUpdates,
      updatedAt: this.updatedAt,
      ...(this.liveMessage ? { message: this.liveMessage } : {}),
    };
  }

  /** The view just re-read the whole trace: nothing waits any more. */
  private markDrawn(): void {
    this.dirty = false;
    this.pendingUpdates = 0;
    this.updatedAt = Date.now();
  }

  private sendSnapshot(relayout: boolean) {
    const graph = this.session.snapshot(relayout);
    this.markDrawn();
    void this.post({
      v: PROTOCOL_VERSION,
      type: 'snapshot',
      graph,
      live: this.liveStatus(),
      endpoint: this.options.endpoint,
      sessionId: this.trace.sessionId,
      hasAdminUrl: this.options.hasAdminUrl,
      relayout,
    });
    const pending = this.pendingSelect;
    this.pendingSelect = undefined;
    const viewId = pending === undefined ? undefined : this.session.viewIdOf(pending);
    if (pending !== undefined && viewId !== undefined) void this.post({ v: PROTOCOL_VERSION, type: 'select', nodeId: pending, viewId });
    return graph;
  }

  private postDiff(diff: ViewDiff): void {
    if (!this.canPost()) {
      // The webview will get a snapshot when it can receive again.
      this.dirty = true;
      return;
    }
    // Every diff comes from re-reading the trace, so one made by a user action while paused
    // (expanding a group, revealing a node) draws the waiting updates too: the count restarts.
    this.markDrawn();
    void this.post({ v: PROTOCOL_VERSION, type: 'diff', diff, live: this.liveStatus() });
  }

  private async post(message: HostMessage): Promise<void> {
    try {
      const delivered = await this.host.post(message);
      if (!delivered && message.type !== 'response') this.dirty = true;
    } catch (error) {
      this.host.log.warn(`graph ${this.trace.resultId}: could not post ${message.type}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private requestImage(format: 'png' | 'svg'): Promise<string> {
    const requestId = this.nextImageRequest++;
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.images.delete(requestId);
        reject(new Error('The graph panel did not answer in time; try again with the panel visible.'));
      }, this.options.imageTimeoutMs ?? 30_000);
      this.images.set(requestId, { resolve, reject, timer });
      void this.post({ v: PROTOCOL_VERSION, type: 'exportImage', requestId, format });
    });
  }

  private async save(format: ExportFormat, destination: ExportDestination, data: string | undefined): Promise<SaveOutcome> {
    const base = `armonik-trace-${shortId(this.trace.resultId).replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const diagnosis = this.trace.diagnosis();
    switch (format) {
      case 'json':
        return this.host.save({ format, destination, suggestedName: `${base}.json`, content: diagnosisToJson(diagnosis, { endpoint: this.options.endpoint }) });
      case 'markdown':
        return this.host.save({ format, destination, suggestedName: `${base}.md`, content: diagnosisToMarkdown(diagnosis, { endpoint: this.options.endpoint }) });
      case 'svg':
        if (!data) throw new Error('No SVG was drawn.');
        if (!data.trimStart().startsWith('<svg')) throw new Error('The drawn SVG is not an SVG document.');
        return this.host.save({ format, destination, suggestedName: `${base}.svg`, content: data });
      case 'png': {
        if (!data) throw new Error('No PNG was drawn.');
        if (destination === 'clipboard') throw new Error('Images can only be saved to a file (the clipboard takes text).');
        const bytes = decodeBase64(data.replace(/^data:image\/png;base64,/, ''));
        const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
        if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('The drawn image is not a PNG.');
        return this.host.save({ format, destination, suggestedName: `${base}.png`, content: bytes });
      }
    }
  }
}
