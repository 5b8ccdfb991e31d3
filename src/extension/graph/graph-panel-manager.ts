// Owns the graph panels: one per traced result. Registers, in its constructor, the webview
// serializer (so panels come back after a window reload and re-attach to their live trace) and
// the two commands of the graph: armonik.showInGraph and armonik.graph.export.

import * as vscode from 'vscode';
import { shortId } from '../../shared/node-label';
import { EXPORT_FORMATS, type ExportFormat } from '../../shared/protocol';
import type { LiveTrace } from '../../trace/types';
import { GRAPH_VIEW_TYPE, GraphPanel, showUnavailable } from './graph-panel';

export interface GraphPanelManagerDeps {
  log: vscode.LogOutputChannel;
  /** Re-opens a live trace after a window reload (WebviewPanelSerializer); undefined if it cannot. */
  reattach(state: { resultId: string; sessionId: string; endpoint: string }): Promise<LiveTrace | undefined>;
  adminUrl(): string | undefined;
}

interface SavedPanelState {
  resultId: string;
  sessionId: string;
  endpoint: string;
}

/** The webview's persisted state, as far as re-attaching needs it; anything else is ignored. */
export function readSavedPanelState(state: unknown): SavedPanelState | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { resultId, sessionId, endpoint } = state as Record<string, unknown>;
  if (typeof resultId !== 'string' || resultId.length === 0 || resultId.length > 512) return undefined;
  return {
    resultId,
    sessionId: typeof sessionId === 'string' ? sessionId : '',
    endpoint: typeof endpoint === 'string' ? endpoint : '',
  };
}

const FORMAT_LABELS: Record<ExportFormat, string> = {
  json: 'Diagnosis as JSON',
  markdown: 'Diagnosis as Markdown (for an issue)',
  png: 'Graph view as PNG',
  svg: 'Graph view as SVG',
};

export class GraphPanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, GraphPanel>();
  private readonly disposables: vscode.Disposable[] = [];
  private active: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: GraphPanelManagerDeps,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => this.revive(panel, state),
      }),
      vscode.commands.registerCommand('armonik.showInGraph', (nodeId?: unknown) => this.showInGraph(nodeId)),
      vscode.commands.registerCommand('armonik.graph.export', (format?: unknown) => this.exportActive(format)),
    );
  }

  /** The result whose panel is active, if any. */
  get activeResultId(): string | undefined {
    return this.active;
  }

  /** Opens (or reveals) the graph panel for this trace; one panel per traced result. */
  show(trace: LiveTrace, info: { endpoint: string }): void {
    const existing = this.panels.get(trace.resultId);
    if (existing) {
      existing.attach(trace, info.endpoint);
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, `Graph: ${shortId(trace.resultId)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    this.adopt(new GraphPanel(panel, trace, info.endpoint, this.context.extensionUri, this.deps));
  }

  /** Selects and centres a node in the panel of that result, if open. Returns false if not open. */
  focusNode(resultId: string, nodeId: string): boolean {
    const panel = this.panels.get(resultId);
    if (!panel) return false;
    panel.panel.reveal(undefined, true);
    return panel.graph.focusNode(nodeId);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
    for (const d of this.disposables) d.dispose();
  }

  private adopt(panel: GraphPanel): void {
    const resultId = panel.resultId;
    this.panels.set(resultId, panel);
    if (panel.panel.active) this.active = resultId;
    const viewState = panel.panel.onDidChangeViewState((event) => {
      if (event.webviewPanel.active) this.active = resultId;
      else if (this.active === resultId) this.active = undefined;
    });
    panel.onDidDispose(() => {
      viewState.dispose();
      if (this.panels.get(resultId) === panel) this.panels.delete(resultId);
      if (this.active === resultId) this.active = undefined;
    });
  }

  private async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = readSavedPanelState(state);
    if (!saved) {
      this.deps.log.info('[graph] a restored graph panel had no saved trace; closing it');
      panel.dispose();
      return;
    }
    let trace: LiveTrace | undefined;
    try {
      trace = await this.deps.reattach(saved);
    } catch (error) {
      this.deps.log.warn(`[graph] re-attaching ${saved.resultId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!trace) {
      const where = saved.endpoint ? ` on ${saved.endpoint}` : '';
      const listener = showUnavailable(
        panel,
        this.context.extensionUri,
        saved.resultId,
        `The live trace of result ${saved.resultId}${where} could not be re-opened after the reload. Connect to that endpoint and run "ArmoniK: Trace Result" again.`,
      );
      panel.onDidDispose(() => listener.dispose());
      return;
    }
    const existing = this.panels.get(trace.resultId);
    if (existing) {
      // Two restored panels for the same result: keep the first one.
      panel.dispose();
      return;
    }
    this.adopt(new GraphPanel(panel, trace, saved.endpoint, this.context.extensionUri, this.deps));
  }

  private panelFor(nodeId: string): GraphPanel | undefined {
    const active = this.active ? this.panels.get(this.active) : undefined;
    if (active?.trace.node(nodeId)) return active;
    for (const panel of this.panels.values()) if (panel.trace.node(nodeId)) return panel;
    return undefined;
  }

  private async showInGraph(arg: unknown): Promise<boolean> {
    let nodeId = typeof arg === 'string' ? arg.trim() : undefined;
    if (!nodeId) {
      if (this.panels.size === 0) {
        void vscode.window.showInformationMessage('Open a trace graph first (ArmoniK: Trace Result).');
        return false;
      }
      // From the command palette: ask for the ID.
      nodeId = (await vscode.window.showInputBox({ title: 'Show in Graph', prompt: 'Task or result ID', ignoreFocusOut: true }))?.trim();
      if (!nodeId) return false;
    }
    const panel = this.panelFor(nodeId);
    if (!panel) {
      void vscode.window.showInformationMessage(`No open graph contains ${shortId(nodeId)}. Trace a result that depends on it first.`);
      return false;
    }
    panel.panel.reveal(undefined, false);
    return panel.graph.focusNode(nodeId);
  }

  private async exportActive(format: unknown): Promise<void> {
    const panel = (this.active && this.panels.get(this.active)) || (this.panels.size === 1 ? [...this.panels.values()][0] : undefined);
    if (!panel) {
      void vscode.window.showInformationMessage(this.panels.size === 0 ? 'Open a trace graph first (ArmoniK: Trace Result).' : 'Click the graph panel to export first: several are open.');
      return;
    }
    let chosen: ExportFormat | undefined = typeof format === 'string' && (EXPORT_FORMATS as readonly string[]).includes(format) ? (format as ExportFormat) : undefined;
    if (!chosen) {
      const pick = await vscode.window.showQuickPick(
        EXPORT_FORMATS.map((f) => ({ label: FORMAT_LABELS[f], format: f })),
        { title: 'Export the trace graph' },
      );
      chosen = pick?.format;
    }
    if (!chosen) return;
    try {
      if ((chosen === 'png' || chosen === 'svg') && !panel.panel.visible) {
        panel.panel.reveal(undefined, true);
        // The webview draws the image, so it must be visible; give the reveal a moment.
        for (let i = 0; i < 40 && !panel.panel.visible; i++) await new Promise((r) => setTimeout(r, 50));
        panel.graph.setVisible(panel.panel.visible);
      }
      const result = await panel.graph.exportAs(chosen);
      if (result.outcome === 'saved') void vscode.window.showInformationMessage(`Exported the trace to ${result.where ?? 'the chosen file'}.`);
    } catch (error) {
      void vscode.window.showErrorMessage(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
