// Registers commands so that a failure always ends in a clear message (and the log), never in an
// unhandled rejection, and a user cancellation ends silently.

import * as vscode from 'vscode';
import { isArmoniKError } from '../../armonik/errors';
import { describeError } from '../log';
import type { Services } from '../services';

/** What a command needs to report its failures: the services, read at each use (a suite may
 * have swapped the notifier). */
export type CommandHost = Pick<Services, 'context' | 'log' | 'notify'>;

export function isCancellation(error: unknown): boolean {
  return (
    isArmoniKError(error, 'cancelled') ||
    error instanceof vscode.CancellationError ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

export function reportError(host: CommandHost, what: string, error: unknown): void {
  const { log } = host;
  if (isCancellation(error)) {
    log.info(`${what}: cancelled`);
    return;
  }
  log.error(`${what}: ${describeError(error)}`);
  const showLog = vscode.l10n.t('Show Log');
  void host.notify.error(`ArmoniK: ${describeError(error)}`, showLog).then((choice) => {
    if (choice === showLog) log.show(true);
  });
}

export function registerCommand(host: CommandHost, id: string, handler: (...args: unknown[]) => unknown): void {
  host.context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        reportError(host, `[${id}]`, error);
        return undefined;
      }
    }),
  );
}
