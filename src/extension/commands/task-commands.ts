// Task commands: Show Task Details, Show Task Error, Cancel Task. They accept a task ID, but
// also a result ID (the graph's buttons act on any node): a result leads to its owner task.

import * as vscode from 'vscode';
import { openTaskDetails, TASK_SCHEME, type DetailsWhy } from '../details/task-details-provider';
import type { Services } from '../services';
import { registerCommand } from './command-runner';
import { resolveIdArgument, type IdArgument } from './id-argument';

/** The task to show for an ID of unknown kind, or undefined after telling the user why not. */
export async function taskForId(s: Services, arg: IdArgument): Promise<{ taskId: string; why?: DetailsWhy } | undefined> {
  if (arg.kind === 'task') return { taskId: arg.id };
  const resolved = await s.resolver.resolve(arg.id);
  switch (resolved.kind) {
    case 'task':
      return { taskId: resolved.id };
    case 'result': {
      const owner = resolved.result.ownerTaskId;
      if (owner && owner !== resolved.result.sessionId) {
        return { taskId: owner, why: { explanation: `This task owns (must produce) result ${resolved.id} (${resolved.result.status}).` } };
      }
      void s.notify.info(
        vscode.l10n.t('Result {0} ({1}) has no owner task: it was created by the client and is waiting for data.', resolved.id, resolved.result.status),
      );
      return undefined;
    }
    case 'session':
      void s.notify.info(vscode.l10n.t('{0} is a session, not a task.', resolved.id));
      return undefined;
    case 'unknown':
      void s.notify.error(
        vscode.l10n.t('ArmoniK: {0} is not a task or result known to {1}.', arg.id, s.connection.snapshot.target?.url ?? 'the control plane'),
      );
      return undefined;
  }
}

export function registerTaskCommands(s: Services): void {
  const { log } = s;

  registerCommand(s, 'armonik.showTaskDetails', async (arg) => {
    const id = await resolveIdArgument(arg, vscode.l10n.t('Task ID to show'));
    if (!id) return undefined;
    const target = await taskForId(s, id);
    if (!target) return undefined;
    await openTaskDetails(s.details, target.taskId, { why: target.why });
    return target.taskId;
  });

  registerCommand(s, 'armonik.showTaskError', async (arg) => {
    const id = await resolveIdArgument(arg, vscode.l10n.t('Task ID whose error to show'));
    if (!id) return undefined;
    const target = await taskForId(s, id);
    if (!target) return undefined;
    await openTaskDetails(s.details, target.taskId, { why: target.why, revealError: true });
    return target.taskId;
  });

  registerCommand(s, 'armonik.refreshDetails', async (arg) => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (uri?.scheme !== TASK_SCHEME) return false;
    s.details.refresh(uri);
    return true;
  });

  registerCommand(s, 'armonik.cancelTask', async (arg) => {
    const id = await resolveIdArgument(arg, vscode.l10n.t('Task ID to cancel'));
    if (!id) return undefined;
    const confirmed = await s.confirm({
      message: vscode.l10n.t('Cancel task {0}?', id.id),
      detail: vscode.l10n.t('Its outputs that are not produced yet will be aborted, and tasks waiting on them will fail. This cannot be undone.'),
      action: vscode.l10n.t('Cancel Task'),
    });
    if (!confirmed) return undefined;
    const client = await s.connection.getClient();
    const [summary] = await client.tasks.cancel([id.id]);
    log.info(`[tasks] cancel ${id.id}: ${summary?.status ?? 'no answer'}`);
    s.resolver.invalidate([id.id]);
    void s.notify.info(vscode.l10n.t('Task {0} is {1}.', id.id, summary?.status ?? 'being cancelled'));
    const node = summary ? s.tree.sessionNode(summary.sessionId) : undefined;
    await s.tree.refresh(node);
    return summary?.status;
  });
}
