// Shows a connection problem once, with the client's actionable message and buttons, instead of
// a storm of popups from every tree node, hover and background check. It speaks again only
// after the connection recovered, the endpoint changed, or the problem is a different one.

import * as vscode from 'vscode';
import { openSettings } from '../config/settings';
import type { ConnectionManager, ConnectionSnapshot } from './connection-manager';

export class ProblemNotifier implements vscode.Disposable {
  private lastKey: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly showLog: () => void,
  ) {
    this.subscription = connection.onDidChange((snap) => this.onChange(snap));
  }

  private onChange(snap: ConnectionSnapshot): void {
    if (snap.state === 'connected' || snap.state === 'disconnected') {
      this.lastKey = undefined;
      return;
    }
    if (snap.state !== 'error' || !snap.error) return;
    const kind = (snap.error as { kind?: string }).kind ?? 'error';
    const key = `${snap.target?.url ?? ''}|${kind}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    const retry = vscode.l10n.t('Retry');
    const settings = vscode.l10n.t('Open Settings');
    const log = vscode.l10n.t('Show Log');
    void vscode.window.showErrorMessage(`ArmoniK: ${snap.error.message}`, retry, settings, log).then((choice) => {
      if (choice === retry) void this.connection.reconnect('retry requested');
      else if (choice === settings) void openSettings();
      else if (choice === log) this.showLog();
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
