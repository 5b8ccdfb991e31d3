import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import type { ConfirmQuestion } from '../../src/extension/commands/confirm';
import type { ArmoniKTreeNode, GroupNode, LoadMoreNode, ResultItemNode, SessionNode, TaskItemNode } from '../../src/extension/tree/tree-nodes';
import {
  advanceToDemoFailure,
  activeEditorFor,
  connectTo,
  EXTENSION_ID,
  extensionApi,
  recordingExternalOpens,
  recordingMessages,
  startManualSimulator,
  waitFor,
  type ShownMessage,
} from './helpers';
import { after, before, suite, test } from './harness';

const config = () => vscode.workspace.getConfiguration('armonik');

interface MenuEntry {
  command: string;
  when?: string;
}

function manifestMenus(): Record<string, MenuEntry[]> {
  return (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, MenuEntry[]> } }).contributes.menus;
}

/** Whether the tree's context menu (package.json `view/item/context`) offers `command` on a row
 * whose contextValue is `contextValue`: the `viewItem == x` or `viewItem =~ /re/` of its when. */
function contextMenuOffers(command: string, contextValue: string): boolean {
  return manifestMenus()['view/item/context']!.some((entry) => {
    if (entry.command !== command || !entry.when?.includes('view == armonik.sessions')) return false;
    const equals = /viewItem == ([\w.]+)/.exec(entry.when);
    if (equals) return equals[1] === contextValue;
    const matches = /viewItem =~ \/(.+?)\/(?:\s|$)/.exec(entry.when);
    return matches ? new RegExp(matches[1]!).test(contextValue) : false;
  });
}

/** Answers the modal confirmations of the commands run by `body` (a suite cannot click a modal
 * dialog) and returns the questions asked. */
async function answeringConfirmations(answer: boolean, body: () => Promise<void>): Promise<ConfirmQuestion[]> {
  const api = await extensionApi();
  const asked: ConfirmQuestion[] = [];
  const original = api.services.confirm;
  api.services.confirm = async (question) => {
    asked.push(question);
    return answer;
  };
  try {
    await body();
  } finally {
    api.services.confirm = original;
  }
  return asked;
}

suite('sessions tree', () => {
  let sim: RunningSimulator;
  let sessionId: string;

  async function sessionNode(): Promise<SessionNode> {
    const api = await extensionApi();
    const roots = await api.services.tree.getChildren();
    const node = roots.find((n): n is SessionNode => n.kind === 'session' && n.session.sessionId === sessionId);
    assert.ok(node, `session ${sessionId} is listed`);
    return node;
  }

  async function group(which: 'tasks' | 'results'): Promise<GroupNode> {
    const api = await extensionApi();
    const groups = (await api.services.tree.getChildren(await sessionNode())) as GroupNode[];
    const g = groups.find((x) => x.group === which);
    assert.ok(g);
    return g;
  }

  before(async () => {
    sim = await startManualSimulator('demo');
    advanceToDemoFailure(sim);
    sessionId = [...sim.engine.sessions()][0]!.sessionId;
    await config().update('pageSize', 5, vscode.ConfigurationTarget.Workspace);
    const api = await extensionApi();
    await connectTo(api, sim.endpoint);
  });
  after(async () => {
    await config().update('pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    await sim?.stop();
  });

  test('lists sessions with their status, creation time and task counts', async () => {
    const api = await extensionApi();
    const roots = await api.services.tree.getChildren();
    const sessions = roots.filter((n): n is SessionNode => n.kind === 'session');
    assert.equal(sessions.length, [...sim.engine.sessions()].length);
    const node = await sessionNode();
    const item = await waitFor(() => {
      const i = api.services.tree.getTreeItem(node);
      return String(i.description).includes('done') ? i : undefined;
    }, { message: 'task counts in the session description' });
    assert.equal((item.label as vscode.TreeItemLabel).label, `${sessionId.slice(0, 8)}…`, 'a short ID fits a narrow sidebar');
    assert.match(item.accessibilityInformation?.label ?? '', new RegExp(`^Session ${sessionId}, running`));
    assert.match(String(item.description), /^running · \S+ · .*\d+ done · \d+ failed/);
    assert.equal(item.contextValue, 'armonik.session.running');
    assert.ok(item.iconPath instanceof vscode.ThemeIcon);
  });

  test('pages tasks with "Load more…" instead of listing the whole session', async () => {
    const api = await extensionApi();
    const tasks = await group('tasks');
    const total = sim.engine.taskCount(sessionId);
    let children = await api.services.tree.getChildren(tasks);
    assert.equal(children.filter((c) => c.kind === 'task').length, 5);
    const more = children.at(-1) as LoadMoreNode;
    assert.equal(more.kind, 'loadMore');
    assert.equal(api.services.tree.getTreeItem(more).description, `5 of ${total}`);
    assert.equal(api.services.tree.getTreeItem(tasks).description, String(total));
    await vscode.commands.executeCommand('armonik.tree.loadMore', more);
    children = await api.services.tree.getChildren(tasks);
    assert.equal(children.filter((c) => c.kind === 'task').length, 10);
  });

  test('filters a group by status and says so in its label', async () => {
    const api = await extensionApi();
    const tasks = await group('tasks');
    api.services.tree.setFilter(tasks, ['ERROR']);
    const children = await api.services.tree.getChildren(tasks);
    const expected = [...sim.engine.tasks(sessionId)].filter((t) => t.status === 'ERROR').map((t) => t.id).sort();
    assert.ok(expected.length > 0, 'the demo has failed tasks by now');
    assert.deepEqual(children.filter((c): c is TaskItemNode => c.kind === 'task').map((c) => c.data.id).sort(), expected);
    const item = api.services.tree.getTreeItem(tasks);
    assert.equal(item.label, 'Tasks (ERROR)');
    assert.equal(item.contextValue, 'armonik.group.tasks.filtered');
    const taskItem = api.services.tree.getTreeItem(children[0]!);
    assert.match(String(taskItem.contextValue), /^armonik\.task\.final\.error$/);
    api.services.tree.setFilter(tasks, []);
  });

  test('filters the Results group to CREATED results, paged like the whole group, and Clear Filter lists all again', async () => {
    const api = await extensionApi();
    const results = await group('results');
    assert.ok(contextMenuOffers('armonik.tree.filterStatus', String(api.services.tree.getTreeItem(results).contextValue)), 'the Results group offers Filter by Status');
    const all = [...sim.engine.results(sessionId)];
    const created = new Set(all.filter((r) => r.status === 'CREATED').map((r) => r.resultId));
    assert.ok(created.size > 0 && created.size < all.length, 'the demo has results waiting (CREATED) and others by now');
    api.services.tree.setFilter(results, ['CREATED']);
    try {
      const children = await api.services.tree.getChildren(results);
      const rows = children.filter((c): c is ResultItemNode => c.kind === 'result');
      assert.equal(rows.length, Math.min(5, created.size), 'one page (armonik.pageSize) of them');
      for (const row of rows) {
        assert.ok(created.has(row.data.resultId), `${row.data.resultId} (${row.data.status}) is a CREATED result of the session`);
        assert.match(String(api.services.tree.getTreeItem(row).description), /^CREATED\b/);
      }
      if (created.size > 5) {
        const more = children.at(-1) as LoadMoreNode;
        assert.equal(more.kind, 'loadMore');
        assert.equal(api.services.tree.getTreeItem(more).description, `5 of ${created.size}`, 'the page counts the filtered results only');
      }
      const item = api.services.tree.getTreeItem(results);
      assert.equal(item.label, 'Results (CREATED)');
      assert.equal(item.description, String(created.size));
      assert.equal(item.contextValue, 'armonik.group.results.filtered');
      assert.ok(contextMenuOffers('armonik.tree.clearFilter', String(item.contextValue)), 'a filtered group offers Clear Filter');
    } finally {
      await vscode.commands.executeCommand('armonik.tree.clearFilter', results);
    }
    const rows = (await api.services.tree.getChildren(results)).filter((c): c is ResultItemNode => c.kind === 'result');
    const item = api.services.tree.getTreeItem(results);
    assert.equal(item.label, 'Results');
    assert.equal(item.contextValue, 'armonik.group.results');
    assert.equal(item.description, String(sim.engine.resultCount(sessionId)));
    assert.equal(rows.length, 5);
  });

  test('updates an expanded session live after a scenario action', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('armonik.sessions.focus');
    const node = await sessionNode();
    await api.services.treeView.reveal(node, { expand: true });
    await waitFor(() => api.live.liveSessions.includes(sessionId), { message: 'a live event stream for the expanded session' });
    const tasks = await group('tasks');
    await api.services.tree.getChildren(tasks);
    const shownTotal = () => api.services.tree.getTreeItem(tasks).description;
    const before = sim.engine.taskCount(sessionId);
    assert.equal(shownTotal(), String(before));
    // A client submits one more task to the session (what `late-adjustment` does at 45 s).
    const snapshot = sim.scenario!.results.get('market-snapshot')!;
    const [out] = sim.engine.createResultsMetadata(sessionId, [{ name: 'live-adjustment', manualDeletion: false }]);
    const [submitted] = sim.engine.submitTasks(sessionId, undefined, [{ expectedOutputIds: [out!.resultId], dataDependencies: [snapshot], payloadId: snapshot }]);
    await waitFor(() => shownTotal() === String(before + 1), { message: `the Tasks group to count ${before + 1}`, timeoutMs: 10_000 });
    const children = await api.services.tree.getChildren(tasks);
    assert.ok(children.some((c) => c.kind === 'task' && c.data.id === submitted!.id), 'the new task is listed (newest first)');
  });

  test('Find by ID reveals a task that is not on a loaded page and opens its details', async () => {
    const api = await extensionApi();
    const tasksGroup = await group('tasks');
    const shown = new Set((await api.services.tree.getChildren(tasksGroup)).map((c) => (c.kind === 'task' ? c.data.id : '')));
    const first = [...sim.engine.tasks(sessionId)].find((t) => !shown.has(t.id))!;
    assert.ok(first, 'some task is not on a loaded page');
    const kind = await vscode.commands.executeCommand('armonik.findById', first.id);
    assert.equal(kind, 'task');
    const tasks = await group('tasks');
    const children = await api.services.tree.getChildren(tasks);
    const found = children.find((c: ArmoniKTreeNode): c is TaskItemNode => c.kind === 'task' && c.data.id === first.id);
    assert.ok(found, 'the task is shown in its group');
    assert.match(String(api.services.tree.getTreeItem(found).description), /found/);
    await activeEditorFor((u) => u.scheme === 'armonik-task' && u.path.endsWith(first.id), 'the task details document');
  });

  test('a row found by ID is hidden by a status filter it does not match, and back when cleared', async () => {
    const api = await extensionApi();
    const tasks = await group('tasks');
    const isFound = (c: ArmoniKTreeNode): c is TaskItemNode => c.kind === 'task' && /found/.test(String(api.services.tree.getTreeItem(c).description));
    const found = (await api.services.tree.getChildren(tasks)).find(isFound);
    assert.ok(found, 'the task revealed by the previous test is pinned in its group');
    const other = found.data.status === 'COMPLETED' ? 'ERROR' : 'COMPLETED';
    api.services.tree.setFilter(tasks, [other]);
    try {
      const filtered = (await api.services.tree.getChildren(tasks)).filter((c): c is TaskItemNode => c.kind === 'task');
      assert.ok(!filtered.some((c) => c.data.id === found.data.id), `a ${found.data.status} task is not listed under "Tasks (${other})"`);
      assert.ok(filtered.every((c) => c.data.status === other));
    } finally {
      api.services.tree.setFilter(tasks, []);
    }
    assert.ok((await api.services.tree.getChildren(tasks)).some((c) => isFound(c) && c.data.id === found.data.id), 'still pinned once the filter is cleared');
  });

  /** A session made for one test (the demo session is what the other tests look at). */
  async function freshSessionNode(): Promise<SessionNode> {
    const api = await extensionApi();
    const created = sim.engine.createSession({ maxRetries: 2, priority: 1, maxDurationMs: 600_000 }, ['default']);
    await api.services.tree.refresh();
    const roots = await api.services.tree.getChildren();
    const node = roots.find((n): n is SessionNode => n.kind === 'session' && n.session.sessionId === created.sessionId);
    assert.ok(node, 'the new session is listed');
    return node;
  }

  async function sessionRow(id: string): Promise<vscode.TreeItem> {
    const api = await extensionApi();
    const node = (await api.services.tree.getChildren()).find((n): n is SessionNode => n.kind === 'session' && n.session.sessionId === id);
    assert.ok(node, `session ${id} is still listed`);
    return api.services.tree.getTreeItem(node);
  }

  test('Cancel Task on an active task row asks first, then the control plane cancels it', async () => {
    const api = await extensionApi();
    const tasks = await group('tasks');
    // What a user does to find one: filter the Tasks group on the statuses still running.
    api.services.tree.setFilter(tasks, ['SUBMITTED', 'DISPATCHED', 'PROCESSING', 'PENDING', 'CREATING']);
    try {
      const rows = (await api.services.tree.getChildren(tasks)).filter((c): c is TaskItemNode => c.kind === 'task');
      assert.ok(rows.length > 0, 'the demo still has unfinished tasks');
      const row = rows[0]!;
      const taskId = row.data.id;
      const contextValue = String(api.services.tree.getTreeItem(row).contextValue);
      assert.ok(contextMenuOffers('armonik.cancelTask', contextValue), `the context menu of ${contextValue} offers Cancel Task`);

      // Closing the confirmation leaves the task alone.
      const statusBefore = sim.engine.task(taskId)!.status;
      const refused = await answeringConfirmations(false, async () => {
        assert.equal(await vscode.commands.executeCommand('armonik.cancelTask', row), undefined);
      });
      assert.equal(refused.length, 1);
      assert.equal(sim.engine.task(taskId)!.status, statusBefore, 'not cancelled without a yes');

      let status: unknown;
      const asked = await answeringConfirmations(true, async () => {
        status = await vscode.commands.executeCommand('armonik.cancelTask', row);
      });
      assert.deepEqual(asked.map((q) => [q.message, q.action]), [[`Cancel task ${taskId}?`, 'Cancel Task']]);
      assert.match(asked[0]!.detail, /cannot be undone/);
      assert.match(String(status), /^CANCELL(ING|ED)$/);
      assert.match(sim.engine.task(taskId)!.status, /^CANCELL(ING|ED)$/, 'the simulator has the task cancelled');
      // The row follows (the command refreshes the session).
      api.services.tree.setFilter(tasks, ['CANCELLING', 'CANCELLED']);
      await waitFor(async () => {
        const shown = (await api.services.tree.getChildren(tasks)).find((c): c is TaskItemNode => c.kind === 'task' && c.data.id === taskId);
        return shown !== undefined && /^CANCELL(ING|ED)/.test(String(api.services.tree.getTreeItem(shown).description));
      }, { message: 'the task row to show its cancellation' });
    } finally {
      api.services.tree.setFilter(tasks, []);
    }
  });

  test('Cancel Session on a session row asks first, then the session is cancelled', async () => {
    const node = await freshSessionNode();
    const id = node.session.sessionId;
    const api = await extensionApi();
    assert.ok(contextMenuOffers('armonik.cancelSession', String(api.services.tree.getTreeItem(node).contextValue)));
    let status: unknown;
    const asked = await answeringConfirmations(true, async () => {
      status = await vscode.commands.executeCommand('armonik.cancelSession', node);
    });
    assert.deepEqual(asked.map((q) => [q.message, q.action]), [[`Cancel session ${id}?`, 'Cancel Session']]);
    assert.equal(status, 'CANCELLED');
    assert.equal(sim.engine.session(id)!.status, 'CANCELLED');
    const row = await sessionRow(id);
    assert.equal(row.contextValue, 'armonik.session.cancelled');
    assert.match(String(row.description), /^cancelled · /);
    assert.ok(!contextMenuOffers('armonik.cancelSession', String(row.contextValue)), 'a cancelled session is not offered Cancel again');
    assert.ok(!contextMenuOffers('armonik.closeSession', String(row.contextValue)));
  });

  test('Close Session on a session row asks first, then the session is closed; refusing changes nothing', async () => {
    const node = await freshSessionNode();
    const id = node.session.sessionId;
    const api = await extensionApi();
    assert.ok(contextMenuOffers('armonik.closeSession', String(api.services.tree.getTreeItem(node).contextValue)));
    const refused = await answeringConfirmations(false, async () => {
      assert.equal(await vscode.commands.executeCommand('armonik.closeSession', node), undefined);
    });
    assert.equal(refused.length, 1);
    assert.equal(sim.engine.session(id)!.status, 'RUNNING', 'not closed without a yes');

    let status: unknown;
    const asked = await answeringConfirmations(true, async () => {
      status = await vscode.commands.executeCommand('armonik.closeSession', node);
    });
    assert.deepEqual(asked.map((q) => [q.message, q.action]), [[`Close session ${id}?`, 'Close Session']]);
    assert.match(asked[0]!.detail, /No more tasks can be submitted/);
    assert.equal(status, 'CLOSED');
    assert.equal(sim.engine.session(id)!.status, 'CLOSED');
    const row = await sessionRow(id);
    assert.equal(row.contextValue, 'armonik.session.closed');
    assert.match(String(row.description), /^closed · /);
  });

  test('Copy ID on task, result and session rows puts the full ID on the clipboard', async () => {
    const api = await extensionApi();
    const session = await sessionNode();
    const [task] = (await api.services.tree.getChildren(await group('tasks'))).filter((c): c is TaskItemNode => c.kind === 'task');
    const [result] = (await api.services.tree.getChildren(await group('results'))).filter((c) => c.kind === 'result');
    assert.ok(task && result && result.kind === 'result');
    const rows: Array<[ArmoniKTreeNode, string]> = [
      [task, task.data.id],
      [result, result.data.resultId],
      [session, sessionId],
    ];
    for (const [node, id] of rows) {
      const contextValue = String(api.services.tree.getTreeItem(node).contextValue);
      assert.ok(contextMenuOffers('armonik.copyId', contextValue), `the context menu of ${contextValue} offers Copy ID`);
      await vscode.env.clipboard.writeText('something else');
      assert.equal(await vscode.commands.executeCommand('armonik.copyId', node), id);
      assert.equal(await vscode.env.clipboard.readText(), id, `the clipboard holds ${id}, not the short label`);
    }
  });

  test('Open in ArmoniK Admin GUI is hidden while no Admin GUI address is known, and says so when run anyway', async () => {
    const api = await extensionApi();
    const entries = Object.entries(manifestMenus()).flatMap(([menu, list]) => list.filter((e) => e.command === 'armonik.openInAdminGui').map((e) => ({ menu, when: e.when ?? '' })));
    assert.deepEqual(entries.map((e) => e.menu).sort(), ['commandPalette', 'view/item/context']);
    for (const { menu, when } of entries) assert.match(when, /(^|&& )armonik\.adminUrlKnown( &&|$)/, `${menu} offers it only when armonik.adminUrlKnown`);
    assert.equal(api.contextKeys.get('armonik.adminUrlKnown'), false, 'no armonik.adminUrl, and the endpoint gave none');
    // From a keybinding, say: nothing opens, and the user learns what to set.
    let result: unknown = 'not run';
    let shown: ShownMessage[] = [];
    const opened = await recordingExternalOpens(async () => {
      shown = await recordingMessages(async () => {
        result = await vscode.commands.executeCommand('armonik.openInAdminGui', await sessionNode());
      });
    });
    assert.equal(result, undefined);
    assert.deepEqual(opened, []);
    assert.deepEqual(shown, [
      {
        level: 'info',
        message: 'The ArmoniK Admin GUI address is not known: set armonik.adminUrl (a local deployment provides it in armonik-output.json).',
        actions: ['Open Settings'],
      },
    ]);
  });

  test('with armonik.adminUrl set, Open in ArmoniK Admin GUI opens the page of the task, result or session', async () => {
    const api = await extensionApi();
    await config().update('adminUrl', 'http://127.0.0.1:5000/admin/', vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => api.contextKeys.get('armonik.adminUrlKnown') === true, { message: 'armonik.adminUrlKnown once armonik.adminUrl is set' });
      const session = await sessionNode();
      const [task] = (await api.services.tree.getChildren(await group('tasks'))).filter((c): c is TaskItemNode => c.kind === 'task');
      const [result] = (await api.services.tree.getChildren(await group('results'))).filter((c): c is ResultItemNode => c.kind === 'result');
      assert.ok(task && result);
      const rows: Array<[ArmoniKTreeNode | string, string]> = [
        [task, `http://127.0.0.1:5000/admin/tasks/${task.data.id}`],
        [result, `http://127.0.0.1:5000/admin/results/${result.data.resultId}`],
        [session, `http://127.0.0.1:5000/admin/sessions/${sessionId}`],
        // An ID from the graph or a link: its kind is looked up.
        [result.data.resultId, `http://127.0.0.1:5000/admin/results/${result.data.resultId}`],
      ];
      let shown: ShownMessage[] = [];
      const opened = await recordingExternalOpens(async () => {
        shown = await recordingMessages(async () => {
          for (const [arg, url] of rows) {
            if (typeof arg !== 'string') {
              const contextValue = String(api.services.tree.getTreeItem(arg).contextValue);
              assert.ok(contextMenuOffers('armonik.openInAdminGui', contextValue), `the context menu of ${contextValue} offers Open in ArmoniK Admin GUI`);
            }
            assert.equal(await vscode.commands.executeCommand('armonik.openInAdminGui', arg), url);
          }
        });
      });
      assert.deepEqual(opened, rows.map(([, url]) => url));
      assert.deepEqual(shown, []);
    } finally {
      await config().update('adminUrl', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => api.contextKeys.get('armonik.adminUrlKnown') === false, { message: 'armonik.adminUrlKnown off again once armonik.adminUrl is cleared' });
  });

  // Last: it fills the control plane with sessions, after which the demo session is on page 3.
  test('pages the session list with "Load more…" once there are more sessions than armonik.pageSize', async () => {
    const api = await extensionApi();
    const created: string[] = [];
    // One virtual second apart, so that "newest first" is a single order.
    while ([...sim.engine.sessions()].length < 12) {
      sim.engine.advance(1000);
      created.push(sim.engine.createSession({ maxRetries: 2, priority: 1, maxDurationMs: 600_000 }, ['default']).sessionId);
    }
    assert.ok(created.length >= 5);
    await api.services.tree.refresh();
    const listed = async () => {
      const roots = await api.services.tree.getChildren();
      const last = roots.at(-1);
      return {
        ids: roots.filter((n): n is SessionNode => n.kind === 'session').map((n) => n.session.sessionId),
        more: last?.kind === 'loadMore' ? (api.services.tree.getTreeItem(last).description as string) : undefined,
        last,
      };
    };
    let page = await listed();
    assert.deepEqual(page.ids, created.slice(-5).reverse(), 'the five newest sessions, newest first');
    assert.equal(page.more, '5 of 12');
    assert.equal(api.services.tree.getTreeItem(page.last!).label, 'Load more…');
    await vscode.commands.executeCommand('armonik.tree.loadMore', page.last);
    page = await listed();
    assert.equal(page.ids.length, 10);
    assert.equal(page.more, '10 of 12');
    await vscode.commands.executeCommand('armonik.tree.loadMore', page.last);
    page = await listed();
    assert.equal(page.more, undefined, 'no "Load more…" once every session is listed');
    assert.deepEqual([...page.ids].sort(), [...sim.engine.sessions()].map((x) => x.sessionId).sort(), 'every session, each once');
    const createdAt = page.ids.map((id) => sim.engine.session(id)!.createdAt!);
    assert.ok(createdAt.every((t, i) => i === 0 || t <= createdAt[i - 1]!), 'newest first across pages');
  });
});
