// The confirmation of actions that change a shared cluster (cancel a task, cancel/close/pause a
// session): a modal warning whose only button is the action, so that Escape or closing the dialog
// never acts. It is a service (Services.confirm) rather than a call in each command so that the
// in-host test suites, which cannot click a modal dialog, can answer it; deliberately not a
// command argument, which any `command:` link or webview message could pass to skip it.

import * as vscode from 'vscode';

export interface ConfirmQuestion {
  message: string;
  detail: string;
  /** The button that performs the action, e.g. "Cancel Task". */
  action: string;
}

/** Resolves true only when the user chose the action. */
export type Confirm = (question: ConfirmQuestion) => Promise<boolean>;

export const modalConfirm: Confirm = async (question) =>
  (await vscode.window.showWarningMessage(question.message, { modal: true, detail: question.detail }, question.action)) === question.action;
