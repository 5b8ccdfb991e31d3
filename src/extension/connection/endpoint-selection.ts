// Decides which endpoint the window talks to. An explicit choice made here (switch endpoint,
// local deployment, simulator, a URL typed in) wins over the `armonik.endpoint` setting; it is
// remembered per workspace except for the simulator, whose port changes every run.
//
// Workspace trust: in an untrusted workspace VS Code hides the workspace's values of our
// restricted settings (package.json `restrictedConfigurations`), so a cloned repository cannot
// silently point us at its own server. We still look at what the workspace asks for, and ask the
// user before using it.

import * as vscode from 'vscode';
import { readSettings, SettingKeys, workspaceSettingValue, type TlsSettings } from '../config/settings';
import type { Log } from '../log';
import { shortEndpoint, type EndpointTarget } from './endpoint-target';

const STATE_KEY = 'armonik.selectedEndpoint';

export class EndpointSelection implements vscode.Disposable {
  private explicitTarget: EndpointTarget | undefined;
  /** Answers to the untrusted-workspace question, per URL, for this window only. */
  private readonly trustAnswers = new Map<string, boolean>();
  private pendingQuestion: Promise<boolean> | undefined;
  private readonly changed = new vscode.EventEmitter<EndpointTarget | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly log: Log,
  ) {
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
    if (!vscode.workspace.isTrusted) {
      const asked = workspaceSettingValue<string>(SettingKeys.endpoint)?.trim();
      if (asked && asked !== settings.endpoint && (await this.allowUntrusted(asked))) {
        return {
          url: asked,
          tls: untrustedWorkspaceTls(),
          source: 'settings',
          label: shortEndpoint(asked),
        };
      }
    }
    if (!settings.endpoint) return undefined;
    return { url: settings.endpoint, tls: settings.tls, source: 'settings', label: shortEndpoint(settings.endpoint) };
  }

  async resolve(): Promise<EndpointTarget | undefined> {
    return this.explicitTarget ?? (await this.fromSettings());
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async allowUntrusted(url: string): Promise<boolean> {
    const known = this.trustAnswers.get(url);
    if (known !== undefined) return known;
    this.pendingQuestion ??= (async () => {
      const connect = vscode.l10n.t('Connect');
      const manage = vscode.l10n.t('Manage Workspace Trust');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t(
          'This workspace is not trusted, and its settings point ArmoniK Trace at {0}. Connect to it?',
          url,
        ),
        { modal: true, detail: vscode.l10n.t('Only connect if you know this control plane. The request includes no credentials unless your TLS files are configured.') },
        connect,
        manage,
      );
      if (answer === manage) void vscode.commands.executeCommand('workbench.trust.manage');
      const allowed = answer === connect;
      this.trustAnswers.set(url, allowed);
      this.log.info(`[trust] untrusted workspace endpoint ${url}: ${allowed ? 'allowed once' : 'refused'}`);
      return allowed;
    })().finally(() => {
      this.pendingQuestion = undefined;
    });
    return this.pendingQuestion;
  }
}

/** TLS settings the workspace asks for (shown in the same question as its endpoint). */
function untrustedWorkspaceTls(): TlsSettings {
  return {
    caFile: workspaceSettingValue<string>(SettingKeys.tlsCaFile) || undefined,
    certFile: workspaceSettingValue<string>(SettingKeys.tlsCertFile) || undefined,
    keyFile: workspaceSettingValue<string>(SettingKeys.tlsKeyFile) || undefined,
    serverName: workspaceSettingValue<string>(SettingKeys.tlsServerName) || undefined,
  };
}
