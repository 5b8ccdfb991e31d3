// One graph webview panel: the VS Code side of a GraphPanelController. It owns the
// WebviewPanel (HTML with a fresh nonce, message and visibility plumbing), not the trace: the
// trace belongs to whoever started it.

import * as vscode from 'vscode';
import { shortId } from '../../shared/node-label';
import { PROTOCOL_VERSION, type HostMessage } from '../../shared/protocol';
import type { LiveTrace } from '../../trace/types';
import { saveExport } from './export-saver';
import { createNonce } from './nonce';
import { GraphPanelController } from './panel-controller';
import { buildWebviewHtml } from './webview-html';

export const GRAPH_VIEW_TYPE = 'armonik.traceGraph';

export interface GraphPanelDeps {
  log: vscode.LogOutputChannel;
  adminUrl(): string | undefined;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    // The graph of a large cone takes a moment to draw; keeping it while hidden makes switching
    // tabs instant. Messages are not delivered while hidden, hence the snapshot on re-show.
    retainContextWhenHidden: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function renderHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  return buildWebviewHtml({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'graph.css')).toString(),
    nonce: createNonce(),
    title,
  });
}

export function panelTitle(trace: LiveTrace): string {
  const name = trace.diagnosis().target.name;
  return `Graph: ${name ? name.slice(0, 40) : shortId(trace.resultId)}`;
}

export class GraphPanel implements vscode.Disposable {
  private controller: GraphPanelController;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeListeners: (() => void)[] = [];
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    trace: LiveTrace,
    private endpoint: string,
    private readonly extensionUri: vscode.Uri,
    private readonly deps: GraphPanelDeps,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    panel.title = panelTitle(trace);
    this.controller = this.createController(trace);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.controller.handleMessage(message)),
      panel.onDidChangeViewState(() => this.controller.setVisible(panel.visible)),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = renderHtml(panel.webview, extensionUri, panel.title);
  }

  get resultId(): string {
    return this.controller.resultId;
  }

  get trace(): LiveTrace {
    return this.controller.trace;
  }

  get graph(): GraphPanelController {
    return this.controller;
  }

  /** Points the panel at a new trace of the same result (e.g. traced again after a reconnect). */
  attach(trace: LiveTrace, endpoint: string): void {
    if (trace === this.controller.trace) return;
    this.controller.dispose();
    this.endpoint = endpoint;
    this.controller = this.createController(trace);
    this.panel.title = panelTitle(trace);
    // A fresh page sends `ready`, which makes the new controller send its snapshot.
    this.panel.webview.html = renderHtml(this.panel.webview, this.extensionUri, this.panel.title);
  }

  onDidDispose(listener: () => void): void {
    this.disposeListeners.push(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.controller.dispose();
    for (const d of this.disposables) d.dispose();
    for (const listener of this.disposeListeners) listener();
    this.panel.dispose();
  }

  private createController(trace: LiveTrace): GraphPanelController {
    const webview = this.panel.webview;
    const log = this.deps.log;
    return new GraphPanelController(
      trace,
      {
        post: (message: HostMessage) => webview.postMessage(message),
        executeCommand: (command, nodeId) => vscode.commands.executeCommand(command, nodeId),
        save: (request) => saveExport(request),
        log: { info: (m) => log.info(`[graph] ${m}`), warn: (m) => log.warn(`[graph] ${m}`), error: (m) => log.error(`[graph] ${m}`) },
      },
      { endpoint: this.endpoint, hasAdminUrl: this.deps.adminUrl() !== undefined },
    );
  }
}

/** A restored panel whose trace could not be re-opened: it says so instead of staying blank. */
export function showUnavailable(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, resultId: string, message: string): vscode.Disposable {
  panel.webview.options = webviewOptions(extensionUri);
  panel.webview.html = renderHtml(panel.webview, extensionUri, panel.title);
  return panel.webview.onDidReceiveMessage((raw: unknown) => {
    if (typeof raw === 'object' && raw !== null && (raw as { type?: unknown }).type === 'ready') {
      void panel.webview.postMessage({ v: PROTOCOL_VERSION, type: 'unavailable', resultId, message } satisfies HostMessage);
    }
  });
}
