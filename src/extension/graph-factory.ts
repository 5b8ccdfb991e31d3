// Creates the graph panel (owned by the graph engineer, src/extension/graph) with what it needs
// from the rest of the extension: the log, a way to re-open a live trace after a window reload,
// and the Admin GUI address.

import type * as vscode from 'vscode';
import type { ConnectionManager } from './connection/connection-manager';
import { GraphPanelManager } from './graph/graph-panel-manager';
import type { GraphView } from './graph-view';
import { describeError, type Log } from './log';
import type { TraceRegistry } from './trace/trace-registry';

export function createGraphView(
  context: vscode.ExtensionContext,
  log: Log,
  traces: TraceRegistry,
  connection: ConnectionManager,
  adminUrl: () => string | undefined,
): GraphView {
  const manager = new GraphPanelManager(context, {
    log,
    adminUrl,
    async reattach(state) {
      // A panel restored after a reload re-attaches only to the endpoint it was traced on.
      const snap = await connection.connect('graph panel restored');
      if (snap.state !== 'connected' || snap.target?.url !== state.endpoint) {
        log.info(`[graph] not re-attaching ${state.resultId}: it was traced on ${state.endpoint}, now ${snap.target?.url ?? 'not connected'}`);
        return undefined;
      }
      try {
        return await traces.open({ resultId: state.resultId, sessionId: state.sessionId, endpoint: state.endpoint });
      } catch (error) {
        log.warn(`[graph] re-attaching ${state.resultId}: ${describeError(error)}`);
        return undefined;
      }
    },
  });
  context.subscriptions.push(manager);
  return manager;
}
