// Commands on any ArmoniK ID: Copy ID, Open in Admin GUI, Find by ID (reveal in the tree) and
// Open ID (what links in logs and the terminal run).

import * as vscode from 'vscode';
import { adminGuiUrl, type AdminObjectKind } from '../admin/admin-gui-url';
import { openTaskDetails } from '../details/task-details-provider';
import type { ResolvedId } from '../hover/id-resolver';
import type { Services } from '../services';
import { openSettings } from '../config/settings';
import { registerCommand } from './command-runner';
import { resolveIdArgument, type IdArgument } from './id-argument';

async function kindOf(s: Services, arg: IdArgument): Promise<ResolvedId> {
  return s.resolver.resolve(arg.id);
}

function notKnown(s: Services, id: string): void {
  void s.notify.error(
    vscode.l10n.t('ArmoniK: {0} is not a task, result or session known to {1}.', id, s.connection.snapshot.target?.url ?? 'the control plane'),
  );
}

/** Shows a resolved object in the tree (pinning it if it is not on a loaded page). */
export async function revealInTree(s: Services, resolved: ResolvedId): Promise<boolean> {
  const client = await s.connection.getClient();
  if (resolved.kind === 'session') {
    const node = s.tree.ensureSession(resolved.session);
    await s.treeView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }
  if (resolved.kind === 'task') {
    const [session, summaries] = await Promise.all([
      client.sessions.get(resolved.task.sessionId),
      client.tasks.list({ where: { id: resolved.task.id }, pageSize: 1 }),
    ]);
    const summary = summaries.items[0];
    if (!summary) return false;
    const node = await s.tree.ensureItem(session, summary);
    await s.treeView.reveal(node, { select: true, focus: false, expand: true });
    return true;
  }
  if (resolved.kind === 'result') {
    const session = await client.sessions.get(resolved.result.sessionId);
    const node = await s.tree.ensureItem(session, resolved.result);
    await s.treeView.reveal(node, { select: true, focus: false, expand: true });
    return true;
  }
  return false;
}

export function registerIdCommands(s: Services): void {
  registerCommand(s, 'armonik.copyId', async (arg) => {
    const id = await resolveIdArgument(arg, vscode.l10n.t('ID to copy'));
    if (!id) return undefined;
    await vscode.env.clipboard.writeText(id.id);
    vscode.window.setStatusBarMessage(vscode.l10n.t('$(copy) Copied {0}', id.id), 3000);
    return id.id;
  });

  registerCommand(s, 'armonik.openInAdminGui', async (arg) => {
    const base = s.adminUrl();
    if (!base) {
      const settings = vscode.l10n.t('Open Settings');
      const choice = await s.notify.info(
        vscode.l10n.t('The ArmoniK Admin GUI address is not known: set armonik.adminUrl (a local deployment provides it in armonik-output.json).'),
        settings,
      );
      if (choice === settings) await openSettings();
      return undefined;
    }
    const id = await resolveIdArgument(arg, vscode.l10n.t('ID to open in the Admin GUI'));
    if (!id) return undefined;
    let kind: AdminObjectKind | undefined = id.kind;
    if (!kind) {
      const resolved = await kindOf(s, id);
      if (resolved.kind === 'unknown') {
        notKnown(s, id.id);
        return undefined;
      }
      kind = resolved.kind;
    }
    const url = adminGuiUrl(base, kind, id.id);
    if (!url) {
      void s.notify.error(vscode.l10n.t('ArmoniK: the Admin GUI address "{0}" is not an http(s) URL (armonik.adminUrl).', base));
      return undefined;
    }
    await s.openExternal(vscode.Uri.parse(url));
    return url;
  });

  registerCommand(s, 'armonik.findById', async (arg) => {
    const id = await resolveIdArgument(arg, vscode.l10n.t('Task, result or session ID to find'), false);
    if (!id) return undefined;
    const resolved = await kindOf(s, id);
    if (resolved.kind === 'unknown') {
      notKnown(s, id.id);
      return resolved.kind;
    }
    await vscode.commands.executeCommand('armonik.sessions.focus');
    await revealInTree(s, resolved);
    if (resolved.kind === 'task') await openTaskDetails(s.details, resolved.id, { preserveFocus: true });
    return resolved.kind;
  });

  registerCommand(s, 'armonik.openId', async (arg) => {
    const id = await resolveIdArgument(arg, vscode.l10n.t('ArmoniK ID to open'));
    if (!id) return undefined;
    const resolved = await kindOf(s, id);
    switch (resolved.kind) {
      case 'task':
        await openTaskDetails(s.details, resolved.id);
        break;
      case 'result':
        await vscode.commands.executeCommand('armonik.traceResult', resolved.id);
        break;
      case 'session':
        await vscode.commands.executeCommand('armonik.sessions.focus');
        await revealInTree(s, resolved);
        break;
      case 'unknown':
        notKnown(s, id.id);
        break;
    }
    return resolved.kind;
  });
}
