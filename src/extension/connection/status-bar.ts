// The status bar item: the active endpoint and its health at a glance; a click opens the
// connection menu (armonik.connectionMenu).

import * as vscode from 'vscode';
import type { ConnectionSnapshot } from './connection-manager';
import { describeSource, shortEndpoint } from './endpoint-target';

export const CONNECTION_MENU_COMMAND = 'armonik.connectionMenu';

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('armonik.connection', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('ArmoniK Connection');
    this.item.command = CONNECTION_MENU_COMMAND;
  }

  /**
   * @param relevant whether ArmoniK matters in this window (an endpoint is configured or the
   * ArmoniK view was opened): an unconfigured extension stays out of the status bar.
   */
  render(snap: ConnectionSnapshot, simulatorRunning: boolean, relevant = true): void {
    const host = snap.target ? shortEndpoint(snap.target.url) : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.supportThemeIcons = true;
    let background: vscode.ThemeColor | undefined;
    switch (snap.state) {
      case 'disconnected':
        this.item.text = `$(debug-disconnect) ${vscode.l10n.t('ArmoniK: not connected')}`;
        tooltip.appendMarkdown(vscode.l10n.t('No ArmoniK control plane selected. Click to connect.'));
        break;
      case 'connecting':
        this.item.text = `$(sync~spin) ArmoniK ${host}`;
        tooltip.appendMarkdown(vscode.l10n.t('Connecting to {0}…', escape(snap.target!.url)));
        break;
      case 'connected': {
        const degraded = (snap.health ?? []).some((s) => s.healthy !== 'HEALTHY');
        this.item.text = `$(${degraded ? 'warning' : 'plug'}) ArmoniK ${host}`;
        background = degraded ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        tooltip.appendMarkdown(`**${escape(snap.target!.url)}**${simulatorRunning && snap.target!.source === 'simulator' ? ' (simulator)' : ''}\n\n`);
        if (snap.versions) tooltip.appendMarkdown(`Core ${escape(snap.versions.core)} · API ${escape(snap.versions.api)}\n\n`);
        for (const s of snap.health ?? []) {
          const icon = s.healthy === 'HEALTHY' ? '$(pass)' : s.healthy === 'DEGRADED' ? '$(warning)' : '$(error)';
          tooltip.appendMarkdown(`${icon} ${escape(s.name)}: ${s.healthy.toLowerCase()}${s.message ? ` — ${escape(s.message)}` : ''}\n\n`);
        }
        break;
      }
      case 'error':
        this.item.text = `$(error) ArmoniK ${host ?? ''}`.trimEnd();
        background = new vscode.ThemeColor('statusBarItem.errorBackground');
        tooltip.appendMarkdown(`**${escape(snap.target?.url ?? '')}**\n\n${escape(snap.error?.message ?? 'unreachable')}\n\n`);
        break;
    }
    if (snap.target) tooltip.appendMarkdown(`\n\n_${escape(vscode.l10n.t('From {0}.', describeSource(snap.target.source)))}_`);
    tooltip.appendMarkdown(`\n\n${vscode.l10n.t('Click for connection options.')}`);
    this.item.tooltip = tooltip;
    this.item.backgroundColor = background;
    this.item.accessibilityInformation = { label: `ArmoniK ${snap.state}${host ? ` ${host}` : ''}` };
    if (relevant || snap.target) this.item.show();
    else this.item.hide();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.item.dispose();
  }
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
