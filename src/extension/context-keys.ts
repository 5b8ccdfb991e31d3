// The context keys of the extension's `when` clauses (armonik.connectionState,
// armonik.adminUrlKnown, …). VS Code gives no way to read a context key back, so the values set
// are kept here too: the in-host suites check them (e.g. that "Open in ArmoniK Admin GUI" is
// hidden while no Admin GUI address is known).

import * as vscode from 'vscode';

export class ContextKeys {
  private readonly values = new Map<string, unknown>();

  set(key: string, value: unknown): void {
    this.values.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }

  /** The value last set for `key` by this extension (undefined: never set). */
  get(key: string): unknown {
    return this.values.get(key);
  }
}
