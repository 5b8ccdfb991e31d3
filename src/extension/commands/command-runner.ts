// Registers commands so that a failure always ends in a clear message (and the log), never in an
// unhandled rejection, and a user cancellation ends silently.

import * as vscode from 'vscode';
import { isArmoniKError } from '../../armonik/errors';
import { describeError, type Log } from '../log';

export function isCancellation(error: unknown): boolean {
  return (
    isArmoniKError(error, 'cancelled') ||
    error instanceof vscode.CancellationError ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

export function reportError(log: Log, what: string, error: unknown): void {
  if (isCancellation(error)) {
    log.info(`${what}: cancelled`);
    return;
  }
  log.error(`${what}: ${describeError(error)}`);
  const showLog = vscode.l10n.t('Show Log');
  void vscode.window.showErrorMessage(`ArmoniK: ${describeError(error)}`, showLog).then((choice) => {
    if (choice === showLog) log.show(true);
  });
}

export function registerCommand(
  context: vscode.ExtensionContext,
  log: Log,
  id: string,
  handler: (...args: unknown[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        reportError(log, `[${id}]`, error);
        return undefined;
      }
    }),
  );
}
