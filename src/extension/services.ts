// The long-lived objects of the extension, built once by main.ts and handed to the command
// modules (a composition root instead of module-level singletons).

import type * as vscode from 'vscode';
import type { Confirm } from './commands/confirm';
import type { ConnectionManager } from './connection/connection-manager';
import type { EndpointSelection } from './connection/endpoint-selection';
import type { PassphraseStore } from './connection/passphrase-store';
import type { TaskDetailsProvider } from './details/task-details-provider';
import type { GraphView } from './graph-view';
import type { ArmoniKIdResolver } from './hover/id-resolver';
import type { Log } from './log';
import type { LocalSimulator } from './simulator/local-simulator';
import type { RecentResults } from './trace/recent-results';
import type { TraceRegistry } from './trace/trace-registry';
import type { SessionsTreeProvider } from './tree/sessions-tree-provider';
import type { ArmoniKTreeNode } from './tree/tree-nodes';

export interface Services {
  context: vscode.ExtensionContext;
  log: Log;
  connection: ConnectionManager;
  selection: EndpointSelection;
  passphrases: PassphraseStore;
  simulator: LocalSimulator;
  tree: SessionsTreeProvider;
  treeView: vscode.TreeView<ArmoniKTreeNode>;
  resolver: ArmoniKIdResolver;
  details: TaskDetailsProvider;
  traces: TraceRegistry;
  recent: RecentResults;
  /** The graph panel, created on first use. */
  graph(): GraphView;
  /** Admin GUI base URL from the settings or the deployment output, if known. */
  adminUrl(): string | undefined;
  /** Asks before an action that changes the cluster (commands/confirm.ts); read at each use so
   * that the in-host suites can answer it. */
  confirm: Confirm;
}
