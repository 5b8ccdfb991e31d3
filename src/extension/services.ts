// The long-lived objects of the extension, built once by main.ts and handed to the command
// modules (a composition root instead of module-level singletons).

import type * as vscode from 'vscode';
import type { Confirm } from './commands/confirm';
import type { Notifier } from './commands/notify';
import type { CancellableProgress } from './commands/progress';
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
  /** The messages commands show (commands/notify.ts); read at each use, like confirm. */
  notify: Notifier;
  /** The cancellable progress notification of long commands (commands/progress.ts); read at
   * each use, like confirm. */
  progress: CancellableProgress;
  /** Opens a URL outside VS Code (vscode.env.openExternal), e.g. the Admin GUI; read at each
   * use so that the in-host suites can see the URL without a browser opening. */
  openExternal(uri: vscode.Uri): Thenable<boolean>;
}
