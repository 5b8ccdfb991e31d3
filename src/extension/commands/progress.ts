// The cancellable progress notification of long commands (Trace Result). A service
// (Services.progress) rather than a direct window.withProgress call so that the in-host test
// suites, which cannot click the notification's Cancel button, can cancel through their own
// token. Read at each use, like Services.confirm.

import * as vscode from 'vscode';

/** Runs `task` under a progress notification titled `title`; `report` updates its message and
 * `token` is cancelled when the user cancels it. */
export type CancellableProgress = <T>(
  title: string,
  task: (report: (message: string) => void, token: vscode.CancellationToken) => Promise<T>,
) => Promise<T>;

export const notificationProgress: CancellableProgress = async (title, task) =>
  vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) =>
    task((message) => progress.report({ message }), token),
  );
