// The extension's one output channel ("ArmoniK Trace", a LogOutputChannel so that
// "Developer: Set Log Level" applies). Components log through it with a `[component]` prefix.

import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('ArmoniK Trace', { log: true });
}

/** A short, single-line description of any thrown value for the log. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
