// Session lifecycle commands from the tree (Cancel, Pause, Resume, Close), each confirmed in a
// modal dialog because they act on a shared cluster.

import * as vscode from 'vscode';
import type { Session } from '../../armonik/model';
import type { Services } from '../services';
import { registerCommand } from './command-runner';
import { resolveIdArgument } from './id-argument';

interface SessionAction {
  command: string;
  verb: string;
  detail: string;
  run(client: Awaited<ReturnType<Services['connection']['getClient']>>, sessionId: string): Promise<Session>;
}

const ACTIONS: SessionAction[] = [
  {
    command: 'armonik.cancelSession',
    verb: 'Cancel',
    detail: 'All its unfinished tasks are cancelled and its results not produced yet are aborted. This cannot be undone.',
    run: (c, id) => c.sessions.cancel(id),
  },
  {
    command: 'armonik.pauseSession',
    verb: 'Pause',
    detail: 'Queued tasks stop being dispatched until the session is resumed; running tasks finish.',
    run: (c, id) => c.sessions.pause(id),
  },
  {
    command: 'armonik.resumeSession',
    verb: 'Resume',
    detail: 'Paused tasks are queued again.',
    run: (c, id) => c.sessions.resume(id),
  },
  {
    command: 'armonik.closeSession',
    verb: 'Close',
    detail: 'No more tasks can be submitted to it; tasks not started yet will be cancelled when dequeued.',
    run: (c, id) => c.sessions.close(id),
  },
];

export function registerSessionCommands(s: Services): void {
  for (const action of ACTIONS) {
    registerCommand(s, action.command, async (arg) => {
      const id = await resolveIdArgument(arg, vscode.l10n.t('Session ID to {0}', action.verb.toLowerCase()));
      if (!id) return undefined;
      const confirmed = await s.confirm({
        message: vscode.l10n.t('{0} session {1}?', action.verb, id.id),
        detail: action.detail,
        action: vscode.l10n.t('{0} Session', action.verb),
      });
      if (!confirmed) return undefined;
      const client = await s.connection.getClient();
      const session = await action.run(client, id.id);
      s.log.info(`[sessions] ${action.verb.toLowerCase()} ${id.id}: now ${session.status}`);
      s.resolver.invalidate([id.id]);
      void s.notify.info(vscode.l10n.t('Session {0} is now {1}.', id.id, session.status));
      await s.tree.refresh();
      return session.status;
    });
  }
}
