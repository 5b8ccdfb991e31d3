// Commands of the sessions view: Refresh, Load more…, Retry a failed listing, Filter by Status.

import * as vscode from 'vscode';
import { RESULT_STATUSES, TASK_STATUSES } from '../../armonik/model';
import type { Services } from '../services';
import { resultStatusCodicon, taskStatusCodicon } from '../tree/status-icons';
import type { TreeLiveUpdates } from '../tree/tree-live-updates';
import { GroupNode, LoadMoreNode, type ArmoniKTreeNode } from '../tree/tree-nodes';
import { registerCommand } from './command-runner';

const TASK_FILTERS = TASK_STATUSES.filter((s) => s !== 'UNSPECIFIED' && s !== 'PROCESSED');
const RESULT_FILTERS = RESULT_STATUSES.filter((s) => s !== 'UNSPECIFIED' && s !== 'NOTFOUND');

export function registerTreeCommands(s: Services, live: TreeLiveUpdates): void {
  const { tree } = s;

  registerCommand(s, 'armonik.sessions.refresh', async () => {
    if (s.connection.state !== 'connected') {
      await s.connection.reconnect('refresh requested');
      return s.connection.state;
    }
    await vscode.window.withProgress({ location: { viewId: 'armonik.sessions' } }, () => tree.refresh());
    live.restart();
    return s.connection.state;
  });

  registerCommand(s, 'armonik.tree.loadMore', async (node) => {
    if (node instanceof LoadMoreNode) await vscode.window.withProgress({ location: { viewId: 'armonik.sessions' } }, () => tree.loadMore(node));
  });

  registerCommand(s, 'armonik.tree.reload', async (node) => {
    await tree.refresh(node as ArmoniKTreeNode | undefined);
  });

  registerCommand(s, 'armonik.tree.filterStatus', async (node) => {
    if (!(node instanceof GroupNode)) {
      void s.notify.info(vscode.l10n.t('Use the filter button on a Tasks or Results group of the ArmoniK view.'));
      return undefined;
    }
    const statuses: readonly string[] = node.group === 'tasks' ? TASK_FILTERS : RESULT_FILTERS;
    const items = statuses.map((status) => ({
      label: status,
      iconPath: undefined,
      description: node.group === 'tasks' ? taskStatusCodicon(status as never) : resultStatusCodicon(status as never),
      picked: node.filter.includes(status),
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      placeHolder: vscode.l10n.t('Show only {0} with these statuses (none: all)', node.group),
    });
    if (!picked) return undefined;
    tree.setFilter(node, picked.map((p) => p.label));
    return node.filter;
  });

  registerCommand(s, 'armonik.tree.clearFilter', async (node) => {
    if (node instanceof GroupNode) tree.setFilter(node, []);
  });
}
