// Decides which endpoint the window talks to. An explicit choice made here (switch endpoint,
// local deployment, simulator, a URL typed in) wins over the `armonik.endpoint` setting; it is
// remembered per workspace except for the simulator, whose port changes every run.
//
// Workspace trust: an untrusted workspace's own endpoint is used only after the user said yes
// (the rule is in untrusted-endpoint.ts; the question is here).

import * as vscode from 'vscode';
import { readSettings, SettingKeys, workspaceSettingValue, type TlsSettings } from '../config/settings';
import type { Log } from '../log';
import { shortEndpoint, type EndpointTarget } from './endpoint-target';
import { settingsEndpoint, UntrustedEndpointConsent, type TrustAnswer } from './untrusted-endpoint';

const STATE_KEY = 'armonik.selectedEndpoint';

export class EndpointSelection implements vscode.Disposable {
  private explicitTarget: EndpointTarget | undefined;
  /** Answers to the untrusted-workspace question, per URL, for this window only. */
  private readonly consent: UntrustedEndpointConsent;
  private readonly changed = new vscode.EventEmitter<EndpointTarget | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly log: Log,
  ) {
    this.consent = new UntrustedEndpointConsent(
      askUntrusted,
      () => void vscode.commands.executeCommand('workbench.trust.manage'),
      (message) => log.info(message),
    );
    const saved = workspaceState.get<EndpointTarget>(STATE_KEY);
    if (saved && typeof saved.url === 'string' && saved.source !== 'simulator') this.explicitTarget = saved;
  }

  get explicit(): EndpointTarget | undefined {
    return this.explicitTarget;
  }

  /** Makes `target` the endpoint of this window (undefined: back to the settings). */
  choose(target: EndpointTarget | undefined): void {
    this.explicitTarget = target;
    void this.workspaceState.update(STATE_KEY, target && target.source !== 'simulator' ? target : undefined);
    this.log.info(`[connection] endpoint ${target ? `set to ${target.url} (${target.source})` : 'reset to the settings'}`);
    this.changed.fire(target);
  }

  /** The target the settings describe, without the explicit choice. */
  async fromSettings(): Promise<EndpointTarget | undefined> {
    const settings = readSettings((problem) => this.log.warn(`[settings] ${problem}`));
    const chosen = await settingsEndpoint(
      { trusted: vscode.workspace.isTrusted, effective: settings.endpoint, workspaceValue: workspaceSettingValue<string>(SettingKeys.endpoint) },
      this.consent,
    );
    if (!chosen) return undefined;
    // The workspace's TLS files go with the workspace's endpoint (the question listed them).
    const tls = chosen.from === 'untrusted-workspace' ? untrustedWorkspaceTls() : settings.tls;
    return { url: chosen.url, tls, source: 'settings', label: shortEndpoint(chosen.url) };
  }

  async resolve(): Promise<EndpointTarget | undefined> {
    return this.explicitTarget ?? (await this.fromSettings());
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The modal question of an untrusted workspace naming an endpoint (and the TLS files that
 * would be used with it, since answering yes uses them too). */
async function askUntrusted(url: string): Promise<TrustAnswer> {
  const connect = vscode.l10n.t('Connect');
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const tls = untrustedWorkspaceTls();
  const files = [tls.caFile, tls.certFile, tls.keyFile].filter((f): f is string => f !== undefined);
  const detail = [
    vscode.l10n.t('Only connect if you know this control plane. The request includes no credentials unless your TLS files are configured.'),
    ...(files.length > 0 ? [vscode.l10n.t('The workspace also names these TLS files, which would be used: {0}', files.join(', '))] : []),
  ].join('\n\n');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('This workspace is not trusted, and its settings point ArmoniK Trace at {0}. Connect to it?', url),
    { modal: true, detail },
    connect,
    manage,
  );
  return answer === connect ? 'connect' : answer === manage ? 'manage-trust' : undefined;
}

/** TLS settings the workspace itself sets (VS Code ignores them in an untrusted workspace). */
function untrustedWorkspaceTls(): TlsSettings {
  return {
    caFile: workspaceSettingValue<string>(SettingKeys.tlsCaFile) || undefined,
    certFile: workspaceSettingValue<string>(SettingKeys.tlsCertFile) || undefined,
    keyFile: workspaceSettingValue<string>(SettingKeys.tlsKeyFile) || undefined,
    serverName: workspaceSettingValue<string>(SettingKeys.tlsServerName) || undefined,
  };
}
