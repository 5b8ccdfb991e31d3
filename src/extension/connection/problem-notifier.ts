// Shows a connection problem once, with the client's actionable message and buttons, instead of
// a storm of popups from every tree node, hover and background check. It speaks again only
// after the connection recovered, the endpoint changed, the problem is a different one, or the
// user asked to retry from the message itself.
//
// No vscode import: main.ts hands it the connection's event and the window's error message, so
// that the "once, then again after a recovery" rule is unit-tested with fakes.

import type { ConnectionSnapshot } from './connection-manager';

export interface ProblemNotifierDeps {
  /** The connection's state changes (ConnectionManager.onDidChange). */
  onDidChange(listener: (snap: ConnectionSnapshot) => void): { dispose(): void };
  /** An error notification with buttons; resolves with the chosen button (undefined: closed). */
  showError(message: string, ...buttons: string[]): PromiseLike<string | undefined>;
  reconnect(reason: string): unknown;
  openSettings(): unknown;
  showLog(): void;
  /** Localizes a button label (vscode.l10n.t). */
  localize(label: string): string;
}

export class ProblemNotifier {
  private lastKey: string | undefined;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: ProblemNotifierDeps) {
    this.subscription = deps.onDidChange((snap) => this.onChange(snap));
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
    const retry = this.deps.localize('Retry');
    const settings = this.deps.localize('Open Settings');
    const log = this.deps.localize('Show Log');
    void Promise.resolve(this.deps.showError(`ArmoniK: ${snap.error.message}`, retry, settings, log)).then((choice) => {
      if (choice === retry) {
        // The user is waiting for the outcome of this retry: if it fails the same way, say so
        // again rather than leaving only the status bar to tell.
        this.lastKey = undefined;
        void this.deps.reconnect('retry requested');
      } else if (choice === settings) void this.deps.openSettings();
      else if (choice === log) this.deps.showLog();
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
