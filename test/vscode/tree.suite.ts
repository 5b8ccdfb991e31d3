import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import type { ArmoniKTreeNode, GroupNode, LoadMoreNode, SessionNode, TaskItemNode } from '../../src/extension/tree/tree-nodes';
import { advanceToDemoFailure, activeEditorFor, connectTo, extensionApi, startManualSimulator, waitFor } from './helpers';
import { after, before, suite, test } from './harness';

const config = () => vscode.workspace.getConfiguration('armonik');

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
});
