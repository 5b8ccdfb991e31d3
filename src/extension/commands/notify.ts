// The messages commands show the user (window.show*Message). A service (Services.notify) rather
// than direct calls so that the in-host test suites, which cannot read a notification off the
// screen, can check what a command told the user (and that it did not show an error). Read at
// each use, like Services.confirm, so that a suite can swap it for the duration of a test.

import * as vscode from 'vscode';

/** Each resolves to the action button chosen, if any. */
export interface Notifier {
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, ...actions: string[]): Thenable<string | undefined>;
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
}

export const windowNotifier: Notifier = {
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  warn: (message, ...actions) => vscode.window.showWarningMessage(message, ...actions),
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
};
