// Commands about where we connect: Connect…, Switch Endpoint, Reconnect, Use Local Deployment,
// Start/Stop Local Simulator, the status bar menu, Set Client Key Passphrase, Show Log, Open
// Settings.

import * as vscode from 'vscode';
import { openSettings, readSettings } from '../config/settings';
import { deploymentTarget, discoverDeployments } from '../connection/deployment-discovery';
import { sameTarget, shortEndpoint, type EndpointTarget } from '../connection/endpoint-target';
import { CONNECTION_MENU_COMMAND } from '../connection/status-bar';
import type { Services } from '../services';
import { registerCommand } from './command-runner';

interface TargetPick extends vscode.QuickPickItem {
  target?: EndpointTarget;
  action?: () => unknown;
}

/** Switches to `target` (undefined: back to the settings) and connects. */
export async function useTarget(s: Services, target: EndpointTarget | undefined): Promise<void> {
  s.selection.choose(target);
  const snap = await s.connection.reconnect('endpoint changed');
  if (snap.state === 'connected') {
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(plug) ArmoniK: connected to {0}', snap.target?.url ?? ''), 4000);
  }
}

function validateUrl(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/\s/.test(t)) return vscode.l10n.t('An endpoint has no spaces, e.g. http://127.0.0.1:5001');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) && !/^https?:\/\//i.test(t)) return vscode.l10n.t('Use http:// (plaintext) or https:// (TLS)');
  return undefined;
}

async function enterUrl(s: Services): Promise<void> {
  const value = await vscode.window.showInputBox({
    prompt: vscode.l10n.t('ArmoniK control plane endpoint'),
    placeHolder: 'http://127.0.0.1:5001',
    value: s.connection.snapshot.target?.url ?? '',
    validateInput: validateUrl,
    ignoreFocusOut: true,
  });
  if (!value?.trim()) return;
  const url = value.trim();
  await useTarget(s, { url, tls: readSettings().tls, source: 'manual', label: shortEndpoint(url) });
}

async function useLocalDeployment(s: Services): Promise<boolean> {
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Looking for a local ArmoniK deployment…') },
    () => discoverDeployments(s.log),
  );
  if (found.length === 0) {
    const start = vscode.l10n.t('Start Local Simulator');
    const choice = await s.notify.info(
      vscode.l10n.t('No local deployment found: the workspace has no generated/armonik-output.json (run `make output` in infrastructure/quick-deploy/localhost).'),
      start,
    );
    if (choice === start) await vscode.commands.executeCommand('armonik.startSimulator');
    return false;
  }
  let chosen = found[0]!;
  if (found.length > 1) {
    const pick = await vscode.window.showQuickPick(
      found.map((d) => ({ label: d.controlPlaneUrl, description: vscode.workspace.asRelativePath(d.file), d })),
      { placeHolder: vscode.l10n.t('Several deployments found: which one?') },
    );
    if (!pick) return false;
    chosen = pick.d;
  }
  await useTarget(s, deploymentTarget(chosen));
  return true;
}

export async function startSimulator(s: Services, scenarioArg?: unknown): Promise<string | undefined> {
  const settings = readSettings();
  let scenario = typeof scenarioArg === 'string' && scenarioArg.trim() ? scenarioArg.trim() : undefined;
  if (!scenario) {
    const scenarios = await s.simulator.listScenarios().catch((error: unknown) => {
      s.log.warn(`[simulator] ${error instanceof Error ? error.message : String(error)}`);
      return [];
    });
    if (scenarios.length === 0) {
      scenario = await vscode.window.showInputBox({ prompt: vscode.l10n.t('Simulator scenario name or scenario file'), value: settings.simulatorScenario });
    } else {
      const ordered = [...scenarios].sort((a, b) => Number(b.name === settings.simulatorScenario) - Number(a.name === settings.simulatorScenario));
      const pick = await vscode.window.showQuickPick(
        ordered.map((sc) => ({
          label: sc.name,
          description: sc.name === settings.simulatorScenario ? vscode.l10n.t('default') : undefined,
          detail: sc.description,
        })),
        { placeHolder: vscode.l10n.t('Scenario for the local ArmoniK simulator'), matchOnDetail: true },
      );
      scenario = pick?.label;
    }
  }
  if (!scenario) return undefined;
  const chosen = scenario;
  const running = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Starting the ArmoniK simulator ({0})…', chosen) },
    () => s.simulator.start(chosen, settings.simulatorSpeed),
  );
  await useTarget(s, { url: running.endpoint, tls: {}, source: 'simulator', label: `${shortEndpoint(running.endpoint)} (simulator)` });
  const trace = vscode.l10n.t('Trace Result…');
  void s.notify
    .info(vscode.l10n.t('Simulator "{0}" running on {1} with {2} result(s) worth tracing.', chosen, running.endpoint, running.targets.length), trace)
    .then((c) => {
      if (c === trace) void vscode.commands.executeCommand('armonik.traceResult');
    });
  return running.endpoint;
}

async function stopSimulator(s: Services): Promise<void> {
  if (!s.simulator.running) {
    void s.notify.info(vscode.l10n.t('The local simulator is not running.'));
    return;
  }
  await s.simulator.stop();
  if (s.selection.explicit?.source === 'simulator') await useTarget(s, undefined);
}

async function switchEndpoint(s: Services): Promise<void> {
  const settings = readSettings((p) => s.log.warn(`[settings] ${p}`));
  const current = s.connection.snapshot.target;
  const items: TargetPick[] = [];
  const mark = (t: EndpointTarget) => (sameTarget(t, current) ? '$(check) ' : '');
  const fromSettings = await s.selection.fromSettings();
  if (fromSettings) {
    items.push({ label: `${mark(fromSettings)}${fromSettings.url}`, description: vscode.l10n.t('armonik.endpoint setting'), target: fromSettings });
  }
  for (const e of settings.endpoints) {
    const t: EndpointTarget = { url: e.url, tls: e.tls ?? {}, source: 'named', label: e.name, adminUrl: e.adminUrl };
    items.push({ label: `${mark(t)}${e.name}`, description: e.url, target: t });
  }
  const deployments = await discoverDeployments(s.log);
  for (const d of deployments) {
    const t = deploymentTarget(d);
    items.push({ label: `${mark(t)}${d.controlPlaneUrl}`, description: vscode.l10n.t('local deployment ({0})', vscode.workspace.asRelativePath(d.file)), target: t });
  }
  const sim = s.simulator.running;
  if (sim) {
    const t: EndpointTarget = { url: sim.endpoint, tls: {}, source: 'simulator', label: `${shortEndpoint(sim.endpoint)} (simulator)` };
    items.push({ label: `${mark(t)}${sim.endpoint}`, description: vscode.l10n.t('local simulator ({0})', sim.scenario), target: t });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: `$(edit) ${vscode.l10n.t('Enter an endpoint URL…')}`, action: () => enterUrl(s) });
  items.push({ label: `$(server-process) ${vscode.l10n.t('Start Local Simulator…')}`, action: () => startSimulator(s) });
  items.push({ label: `$(gear) ${vscode.l10n.t('Edit named endpoints (armonik.endpoints)…')}`, action: () => openSettings() });
  const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('ArmoniK endpoint to use in this window') });
  if (!pick) return;
  if (pick.action) await pick.action();
  else if (pick.target) await useTarget(s, pick.target.source === 'settings' ? undefined : pick.target);
}

export function registerConnectionCommands(s: Services): void {
  const { log } = s;

  registerCommand(s, 'armonik.connect', async () => {
    const settings = readSettings();
    const items: TargetPick[] = [];
    for (const e of settings.endpoints) {
      items.push({ label: `$(plug) ${e.name}`, description: e.url, target: { url: e.url, tls: e.tls ?? {}, source: 'named', label: e.name, adminUrl: e.adminUrl } });
    }
    items.push(
      { label: `$(folder-library) ${vscode.l10n.t('Use Local Deployment')}`, detail: vscode.l10n.t('From generated/armonik-output.json in the workspace'), action: () => useLocalDeployment(s) },
      { label: `$(server-process) ${vscode.l10n.t('Start Local Simulator…')}`, detail: vscode.l10n.t('A simulated control plane with a scenario, on this machine'), action: () => startSimulator(s) },
      { label: `$(edit) ${vscode.l10n.t('Enter an Endpoint URL…')}`, detail: 'http://host:5001, https://host:5001', action: () => enterUrl(s) },
      { label: `$(gear) ${vscode.l10n.t('Open Settings')}`, action: () => openSettings() },
    );
    const pick = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Connect ArmoniK Trace to a control plane') });
    if (!pick) return undefined;
    if (pick.action) await pick.action();
    else if (pick.target) await useTarget(s, pick.target);
    return s.connection.state;
  });

  registerCommand(s, 'armonik.switchEndpoint', () => switchEndpoint(s));
  registerCommand(s, 'armonik.reconnect', async () => (await s.connection.reconnect('reconnect requested')).state);
  registerCommand(s, 'armonik.useLocalDeployment', () => useLocalDeployment(s));
  registerCommand(s, 'armonik.startSimulator', (arg) => startSimulator(s, arg));
  registerCommand(s, 'armonik.stopSimulator', () => stopSimulator(s));
  registerCommand(s, 'armonik.showLog', () => log.show(true));
  registerCommand(s, 'armonik.openSettings', () => openSettings());

  registerCommand(s, 'armonik.setKeyPassphrase', async () => {
    const current = s.connection.snapshot.target?.tls.keyFile ?? readSettings().tls.keyFile;
    const keyFile =
      current ??
      (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Path of the encrypted client key (armonik.tls.keyFile)'), ignoreFocusOut: true }))?.trim();
    if (!keyFile) return undefined;
    const passphrase = await vscode.window.showInputBox({
      prompt: vscode.l10n.t('Passphrase of {0} (stored in VS Code secret storage; leave empty to forget it)', keyFile),
      password: true,
      ignoreFocusOut: true,
    });
    if (passphrase === undefined) return undefined;
    await s.passphrases.set(keyFile, passphrase);
    log.info(`[connection] passphrase ${passphrase ? 'stored' : 'removed'} for ${keyFile}`);
    await s.connection.reconnect('passphrase changed');
    return keyFile;
  });

  registerCommand(s, CONNECTION_MENU_COMMAND, async () => {
    const items: TargetPick[] = [
      { label: `$(arrow-swap) ${vscode.l10n.t('Switch Endpoint…')}`, action: () => switchEndpoint(s) },
      { label: `$(refresh) ${vscode.l10n.t('Reconnect')}`, action: () => s.connection.reconnect('reconnect requested') },
      s.simulator.running
        ? { label: `$(debug-stop) ${vscode.l10n.t('Stop Local Simulator')}`, description: s.simulator.running.scenario, action: () => stopSimulator(s) }
        : { label: `$(server-process) ${vscode.l10n.t('Start Local Simulator…')}`, action: () => startSimulator(s) },
      { label: `$(gear) ${vscode.l10n.t('Open Settings')}`, action: () => openSettings() },
      { label: `$(output) ${vscode.l10n.t('Show Log')}`, action: async () => log.show(true) },
    ];
    const target = s.connection.snapshot.target;
    const pick = await vscode.window.showQuickPick(items, {
      placeHolder: target ? vscode.l10n.t('ArmoniK: {0} ({1})', target.url, s.connection.state) : vscode.l10n.t('ArmoniK: not connected'),
    });
    await pick?.action?.();
  });
}
