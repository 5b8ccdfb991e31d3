// Composition root of the ArmoniK Trace extension: builds the long-lived objects, registers
// providers and commands, and wires events between them. Nothing here talks to the network
// during activation: the client is created lazily, after the first view is shown.

import * as vscode from 'vscode';
import { registerCommand } from './commands/command-runner';
import { modalConfirm } from './commands/confirm';
import { windowNotifier } from './commands/notify';
import { notificationProgress } from './commands/progress';
import { registerConnectionCommands } from './commands/connection-commands';
import { registerIdCommands } from './commands/id-commands';
import { registerSessionCommands } from './commands/session-commands';
import { registerTaskCommands } from './commands/task-commands';
import { registerTraceCommands } from './commands/trace-commands';
import { registerTreeCommands } from './commands/tree-commands';
import { affectsArmoniK, openSettings, readSettings, SettingKeys } from './config/settings';
import { createArmoniKClient } from './connection/client-factory';
import { ConnectionManager } from './connection/connection-manager';
import { deploymentTarget, discoverDeployments } from './connection/deployment-discovery';
import { EndpointSelection } from './connection/endpoint-selection';
import { PassphraseStore } from './connection/passphrase-store';
import { ProblemNotifier } from './connection/problem-notifier';
import { runStartup, SIMULATOR_OFFER_DECLINED_KEY } from './connection/startup-offers';
import { ConnectionStatusBar } from './connection/status-bar';
import { TASK_SCHEME, TaskDetailsProvider } from './details/task-details-provider';
import { createGraphView } from './graph-factory';
import type { GraphView } from './graph-view';
import { ID_DOCUMENT_SELECTOR, IdHoverProvider } from './hover/id-hover-provider';
import { ArmoniKIdResolver } from './hover/id-resolver';
import { IdDocumentLinkProvider, IdTerminalLinkProvider } from './links/id-links';
import { ContextKeys } from './context-keys';
import { loadCore } from './core/load-core';
import { createLog, describeError } from './log';
import type { Services } from './services';
import { LocalSimulator } from './simulator/local-simulator';
import { OPEN_STACK_FRAME_COMMAND, openStackFrame, StackFrameResolver } from './stack/stack-frame-resolver';
import { RecentResults } from './trace/recent-results';
import { TraceRegistry } from './trace/trace-registry';
import { SessionsTreeProvider } from './tree/sessions-tree-provider';
import { TreeLiveUpdates } from './tree/tree-live-updates';
import type { ArmoniKTreeNode } from './tree/tree-nodes';

/** What `vscode.extensions.getExtension(...).exports` gives: the services, for the in-host test
 * suites and benchmarks. Not a public API. */
export interface ArmoniKTraceExtensionApi {
  services: Services;
  statusBar: ConnectionStatusBar;
  live: TreeLiveUpdates;
  hover: IdHoverProvider;
  terminalLinks: IdTerminalLinkProvider;
  /** The `when`-clause context keys as last set. */
  contextKeys: ContextKeys;
  /** Milliseconds spent in activate(). */
  activationMs: number;
}

let services: Services | undefined;

export function activate(context: vscode.ExtensionContext): ArmoniKTraceExtensionApi {
  const started = performance.now();
  const log = createLog();
  context.subscriptions.push(log);

  const selection = new EndpointSelection(context.workspaceState, log);
  const passphrases = new PassphraseStore(context.secrets);
  const connection = new ConnectionManager({
    log,
    resolveTarget: () => selection.resolve(),
    createClient: (target) => createArmoniKClient(target, passphrases),
    healthTimeoutMs: () => Math.min(readSettings().requestTimeoutMs, 10_000),
  });
  const simulator = new LocalSimulator(context.asAbsolutePath('dist/simulator.js'), log);
  const statusBar = new ConnectionStatusBar();
  const problems = new ProblemNotifier({
    onDidChange: (listener) => connection.onDidChange(listener),
    showError: windowNotifier.error,
    reconnect: (reason) => connection.reconnect(reason),
    openSettings,
    showLog: () => log.show(true),
    localize: (label) => vscode.l10n.t(label),
  });
  context.subscriptions.push(selection, connection, simulator, statusBar, problems);

  const tree = new SessionsTreeProvider({ connection, log, pageSize: () => readSettings().pageSize });
  const treeView = vscode.window.createTreeView<ArmoniKTreeNode>('armonik.sessions', { treeDataProvider: tree, showCollapseAll: true });
  const live = new TreeLiveUpdates(tree, treeView, connection, log, () => readSettings().eventsEnabled);
  context.subscriptions.push(tree, treeView, live);

  const resolver = new ArmoniKIdResolver(() => connection.getClient());
  const frames = new StackFrameResolver();
  const details = new TaskDetailsProvider(connection, frames, log);
  const traces = new TraceRegistry(async (options) => {
    const client = await connection.getClient();
    // The trace engine (cone graph and analyses) is loaded when the first trace starts.
    const { startTrace } = await loadCore();
    return startTrace(client, { ...options, live: true });
  }, log);
  const recent = new RecentResults(context.workspaceState);
  context.subscriptions.push({ dispose: () => resolver.dispose() }, details, traces);

  const adminUrl = (): string | undefined => readSettings().adminUrl || connection.snapshot.target?.adminUrl || undefined;
  let graph: GraphView | undefined;
  const s: Services = {
    context,
    log,
    connection,
    selection,
    passphrases,
    simulator,
    tree,
    treeView,
    resolver,
    details,
    traces,
    recent,
    graph: () => (graph ??= createGraphView(context, log, traces, connection, adminUrl)),
    adminUrl,
    confirm: modalConfirm,
    notify: windowNotifier,
    progress: notificationProgress,
    openExternal: (uri) => vscode.env.openExternal(uri),
  };
  services = s;
  // The graph panel registers its webview serializer when constructed: do it now so that panels
  // restored after a reload find it, but after everything it may call is in place.
  s.graph();

  const terminalLinks = new IdTerminalLinkProvider();
  const hover = new IdHoverProvider(resolver, connection, (id) => traces.contains(id), () => readSettings().hoverTimeoutMs, log);
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(TASK_SCHEME, details),
    vscode.languages.registerDocumentLinkProvider({ scheme: TASK_SCHEME }, details),
    vscode.languages.registerHoverProvider(ID_DOCUMENT_SELECTOR, hover),
    vscode.languages.registerDocumentLinkProvider(ID_DOCUMENT_SELECTOR, new IdDocumentLinkProvider()),
    vscode.window.registerTerminalLinkProvider(terminalLinks),
  );

  registerConnectionCommands(s);
  registerTreeCommands(s, live);
  registerTaskCommands(s);
  registerSessionCommands(s);
  registerIdCommands(s);
  registerTraceCommands(s);
  registerCommand(s, OPEN_STACK_FRAME_COMMAND, (file, line, column) =>
    openStackFrame(String(file), Number(line) || 1, typeof column === 'number' ? column : undefined),
  );

  // --- state → UI
  let viewOpened = treeView.visible;
  const render = (): void => statusBar.render(connection.snapshot, simulator.running !== undefined, viewOpened);
  const contextKeys = new ContextKeys();
  const setContext = (key: string, value: unknown): void => contextKeys.set(key, value);
  const updateAdminContext = (): void => setContext('armonik.adminUrlKnown', adminUrl() !== undefined);
  context.subscriptions.push(
    connection.onDidChange((snap) => {
      setContext('armonik.connectionState', snap.state);
      updateAdminContext();
      render();
    }),
    connection.onDidChangeClient(() => {
      resolver.invalidate();
      frames.clear();
      if (traces.list().length > 0) {
        log.info('[trace] the connection changed: closing open traces');
        traces.closeAll();
      }
    }),
    simulator.onDidChange((running) => {
      setContext('armonik.simulatorRunning', running !== undefined);
      render();
      if (!running && selection.explicit?.source === 'simulator') {
        selection.choose(undefined);
        void connection.reconnect('the simulator stopped');
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!affectsArmoniK(e)) return;
      updateAdminContext();
      if (affectsArmoniK(e, SettingKeys.pageSize)) tree.reset();
      if (affectsArmoniK(e, SettingKeys.eventsEnabled)) live.restart();
      // Editing armonik.endpoint says where to connect now: it ends an earlier choice made in this
      // window (except a running simulator, which the user stops explicitly).
      if (affectsArmoniK(e, SettingKeys.endpoint) && selection.explicit && selection.explicit.source !== 'simulator') selection.choose(undefined);
      const endpointKeys = [SettingKeys.endpoint, SettingKeys.tlsCaFile, SettingKeys.tlsCertFile, SettingKeys.tlsKeyFile, SettingKeys.tlsServerName, SettingKeys.requestTimeoutMs];
      if (affectsArmoniK(e, ...endpointKeys) && !selection.explicit) void connection.reconnect('settings changed');
    }),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible && !viewOpened) {
        viewOpened = true;
        render();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void connection.reconnect('workspace trusted')),
    passphrases.onDidChange(() => void connection.reconnect('passphrase changed')),
  );
  setContext('armonik.connectionState', 'disconnected');
  setContext('armonik.simulatorRunning', false);
  updateAdminContext();
  render();

  // "Don't show the simulator offer again" is the user's answer on every machine they use.
  context.globalState.setKeysForSync([SIMULATOR_OFFER_DECLINED_KEY]);
  // The first connection attempt happens after activation returns, so that it never delays the
  // first paint of the view.
  const kickoff = setTimeout(() => void startup(s), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(kickoff) });

  const activationMs = performance.now() - started;
  log.info(`[activation] ${activationMs.toFixed(1)} ms`);
  return { services: s, statusBar, live, hover, terminalLinks, contextKeys, activationMs };
}

/** The start-up connection and, when nothing is configured, the offers of startup-offers.ts. */
async function startup(s: Services): Promise<void> {
  const outcome = await runStartup({
    connect: async () => (await s.connection.connect('startup')).state,
    state: () => s.connection.state,
    findDeployment: async () => {
      const [found] = await discoverDeployments(s.log);
      return found && { ...found, where: vscode.workspace.asRelativePath(found.file) };
    },
    useDeployment: async (found) => {
      s.selection.choose(deploymentTarget(found));
      await s.connection.reconnect('local deployment chosen');
    },
    startSimulator: () => vscode.commands.executeCommand('armonik.startSimulator'),
    offer: (message, ...buttons) => s.notify.info(message, ...buttons),
    workspaceState: s.context.workspaceState,
    globalState: s.context.globalState,
    localize: (message, ...args) => vscode.l10n.t(message, ...args),
    warn: (message) => s.log.warn(message),
  }).catch((error: unknown) => {
    s.log.warn(`[startup] ${describeError(error)}`);
    return undefined;
  });
  if (outcome) s.log.debug(`[startup] ${outcome}`);
}

export async function deactivate(): Promise<void> {
  const s = services;
  services = undefined;
  if (!s) return;
  s.traces.closeAll();
  await s.simulator.stop().catch(() => undefined);
}
