// Data provider of the `armonik.sessions` view: sessions newest first, each with Results and
// Tasks groups that page through the server ("Load more…") and filter by status. Never lists a
// whole session. Errors become rows with a retry action, not popups.

import * as vscode from 'vscode';
import type { ArmoniKClient } from '../../armonik/api';
import type { Result, Session, TaskSummary } from '../../armonik/model';
import type { ConnectionManager } from '../connection/connection-manager';
import { describeError, type Log } from '../log';
import type { SessionChanges } from './event-coalescer';
import { PagedList } from './paged-list';
import {
  GroupNode,
  LoadMoreNode,
  MessageNode,
  ResultItemNode,
  SessionNode,
  TaskItemNode,
  type ArmoniKTreeNode,
  type GroupFetchers,
} from './tree-nodes';

const COUNT_CONCURRENCY = 4;

export interface SessionsTreeDeps {
  connection: ConnectionManager;
  log: Log;
  pageSize(): number;
}

export class SessionsTreeProvider implements vscode.TreeDataProvider<ArmoniKTreeNode>, vscode.Disposable {
  private sessions: PagedList<Session>;
  private readonly sessionNodes = new Map<string, SessionNode>();
  private pageSizeValue: number;
  private readonly emitter = new vscode.EventEmitter<ArmoniKTreeNode | ArmoniKTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly countQueue: SessionNode[] = [];
  private countWorkers = 0;
  private generation = 0;
  private readonly fetchers: GroupFetchers;

  constructor(private readonly deps: SessionsTreeDeps) {
    this.pageSizeValue = deps.pageSize();
    this.fetchers = {
      tasks: async (sessionId, statuses, page, pageSize) => {
        const client = await this.client();
        const answer = await client.tasks.list({
          where: { sessionId, ...(statuses.length > 0 ? { status: statuses as TaskSummary['status'][] } : {}) },
          sort: { field: 'createdAt', direction: 'desc' },
          page,
          pageSize,
        });
        return { items: answer.items, total: answer.total };
      },
      results: async (sessionId, statuses, page, pageSize) => {
        const client = await this.client();
        const answer = await client.results.list({
          where: { sessionId, ...(statuses.length > 0 ? { status: statuses as Result['status'][] } : {}) },
          sort: { field: 'createdAt', direction: 'desc' },
          page,
          pageSize,
        });
        return { items: answer.items, total: answer.total };
      },
    };
    this.sessions = this.makeSessionList();
    this.disposables.push(
      deps.connection.onDidChange((snap) => {
        if (snap.state !== 'connected' && snap.state !== 'connecting') this.reset();
        else this.emitter.fire(undefined);
      }),
      deps.connection.onDidChangeClient(() => this.reset()),
    );
  }

  getTreeItem(node: ArmoniKTreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  getParent(node: ArmoniKTreeNode): ArmoniKTreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: ArmoniKTreeNode): Promise<ArmoniKTreeNode[]> {
    if (!node) return this.rootChildren();
    if (node instanceof SessionNode) return node.groups(this.pageSizeValue, this.fetchers);
    if (node instanceof GroupNode) return this.groupChildren(node);
    return [];
  }

  /** Refreshes one node (re-reading its data) or everything. */
  async refresh(node?: ArmoniKTreeNode): Promise<void> {
    if (!node) {
      const before = this.generation;
      await this.sessions.reload();
      if (before !== this.generation) return;
      for (const s of this.sessionNodes.values()) {
        s.counts = undefined;
        for (const g of s.existingGroups) if (g.list.loaded) await g.list.reload();
      }
      this.emitter.fire(undefined);
      return;
    }
    if (node instanceof GroupNode) {
      await node.list.reload();
      this.emitter.fire(node);
    } else if (node instanceof SessionNode) {
      node.counts = undefined;
      for (const g of node.existingGroups) if (g.list.loaded) await g.list.reload();
      this.emitter.fire(node);
      this.queueCounts([node]);
    } else {
      this.emitter.fire(node);
    }
  }

  async loadMore(node: LoadMoreNode): Promise<void> {
    if (node.parent) {
      await node.parent.list.loadNext();
      this.emitter.fire(node.parent);
    } else {
      await this.sessions.loadNext();
      this.emitter.fire(undefined);
    }
  }

  setFilter(group: GroupNode, statuses: string[]): void {
    group.setFilter(statuses);
    this.emitter.fire(group);
  }

  /** Session nodes currently known (loaded or pinned), by session ID. */
  sessionNode(sessionId: string): SessionNode | undefined {
    return this.sessionNodes.get(sessionId);
  }

  /** Makes sure a session is in the tree (pinned at the top if it is not on a loaded page). */
  ensureSession(session: Session): SessionNode {
    let node = this.sessionNodes.get(session.sessionId);
    if (!node) {
      node = new SessionNode(session);
      node.pinned = true;
      this.sessionNodes.set(session.sessionId, node);
      this.emitter.fire(undefined);
    }
    return node;
  }

  /** Makes sure a task or result is shown in its session's group (pinned if not on a loaded
   * page) and returns its node, for reveal. */
  async ensureItem(session: Session, item: TaskSummary | Result): Promise<TaskItemNode | ResultItemNode> {
    const sessionNode = this.ensureSession(session);
    const [results, tasks] = sessionNode.groups(this.pageSizeValue, this.fetchers);
    const group = 'resultId' in item ? results : tasks;
    await group.list.ensureLoaded();
    const key = 'resultId' in item ? item.resultId : item.id;
    const shown = group.list.items.some((i) => ('resultId' in i ? i.resultId : i.id) === key) && group.filter.length === 0;
    if (!shown) {
      if (group.filter.length > 0 && !group.filter.includes(item.status)) group.setFilter([]);
      if (!group.list.items.some((i) => ('resultId' in i ? i.resultId : i.id) === key)) group.pinned.set(key, item);
    }
    const node = group.nodeFor(item, group.pinned.has(key));
    this.emitter.fire(group);
    return node;
  }

  /** Applies coalesced events: re-reads counts of the touched sessions and the loaded groups the
   * changes may affect, and refreshes only those nodes. */
  async applyChanges(changes: readonly SessionChanges[]): Promise<void> {
    for (const change of changes) {
      const node = this.sessionNodes.get(change.sessionId);
      if (!node) continue;
      const touched: ArmoniKTreeNode[] = [];
      for (const group of node.existingGroups) {
        const relevant = group.group === 'tasks' ? change.tasks.size > 0 : change.results.size > 0;
        if (!relevant || !group.list.loaded) continue;
        await group.list.reload();
        touched.push(group);
      }
      this.queueCounts([node]);
      if (touched.length > 0) this.emitter.fire(touched);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.emitter.dispose();
  }

  private async client(): Promise<ArmoniKClient> {
    return this.deps.connection.getClient();
  }

  private makeSessionList(): PagedList<Session> {
    return new PagedList<Session>(
      async (page, pageSize) => {
        const client = await this.client();
        const answer = await client.sessions.list({ sort: { field: 'createdAt', direction: 'desc' }, page, pageSize });
        return { items: answer.items, total: answer.total };
      },
      (s) => s.sessionId,
      this.pageSizeValue,
    );
  }

  /** Forgets all loaded data (endpoint switch, page size change). */
  reset(): void {
    this.generation++;
    this.pageSizeValue = this.deps.pageSize();
    this.sessions = this.makeSessionList();
    this.sessionNodes.clear();
    this.countQueue.length = 0;
    this.emitter.fire(undefined);
  }

  private async rootChildren(): Promise<ArmoniKTreeNode[]> {
    const state = this.deps.connection.state;
    // Not connected: no rows, so that the view's welcome content (driven by the
    // armonik.connectionState context key) explains what to do.
    if (state !== 'connected') return [];
    const list = this.sessions;
    await list.ensureLoaded();
    if (list !== this.sessions) return this.rootChildren();
    if (list.error) {
      this.deps.log.error(`[tree] sessions: ${list.error.message}`);
      return [
        new MessageNode(undefined, vscode.l10n.t('Cannot list sessions: {0}', list.error.message), {
          icon: 'error',
          command: { command: 'armonik.sessions.refresh', title: vscode.l10n.t('Retry') },
          tooltip: vscode.l10n.t('{0}\n\nClick to retry.', list.error.message),
          key: 'error',
        }),
      ];
    }
    const nodes: ArmoniKTreeNode[] = [];
    const listed = new Set(list.items.map((s) => s.sessionId));
    for (const node of this.sessionNodes.values()) if (node.pinned && !listed.has(node.session.sessionId)) nodes.push(node);
    for (const session of list.items) {
      let node = this.sessionNodes.get(session.sessionId);
      if (!node) {
        node = new SessionNode(session);
        this.sessionNodes.set(session.sessionId, node);
      } else {
        node.session = session;
        node.pinned = false;
      }
      nodes.push(node);
    }
    if (list.hasMore) nodes.push(new LoadMoreNode(undefined, list.items.length, list.total ?? 0));
    if (nodes.length === 0) {
      return [new MessageNode(undefined, vscode.l10n.t('No sessions on this control plane yet'), { icon: 'info', key: 'empty' })];
    }
    this.queueCounts(nodes.filter((n): n is SessionNode => n instanceof SessionNode && n.counts === undefined));
    return nodes;
  }

  private async groupChildren(group: GroupNode): Promise<ArmoniKTreeNode[]> {
    const list = group.list;
    await list.ensureLoaded();
    if (list.error) {
      return [
        new MessageNode(group, vscode.l10n.t('Cannot load {0}: {1}', group.group, list.error.message), {
          icon: 'error',
          command: { command: 'armonik.tree.reload', title: vscode.l10n.t('Retry'), arguments: [group] },
          tooltip: vscode.l10n.t('{0}\n\nClick to retry.', list.error.message),
          key: 'error',
        }),
      ];
    }
    const nodes: ArmoniKTreeNode[] = [];
    const listed = new Set(list.items.map((i) => ('resultId' in i ? i.resultId : i.id)));
    for (const [key, item] of group.pinned) {
      if (listed.has(key)) group.pinned.delete(key);
      // A row found by ID stays pinned, but a status filter set since hides it like any other
      // row: "Tasks (PROCESSING)" must not show a COMPLETED task. It is back when cleared.
      else if (group.filter.length === 0 || group.filter.includes(item.status)) nodes.push(group.nodeFor(item, true));
    }
    for (const item of list.items) nodes.push(group.nodeFor(item, false));
    if (list.hasMore) nodes.push(new LoadMoreNode(group, list.items.length, list.total ?? 0));
    if (nodes.length === 0) {
      const what = group.group === 'tasks' ? vscode.l10n.t('tasks') : vscode.l10n.t('results');
      const text = group.filter.length > 0 ? vscode.l10n.t('No {0} {1}', group.filter.join('/'), what) : vscode.l10n.t('No {0}', what);
      nodes.push(new MessageNode(group, text, { icon: 'info', key: 'empty' }));
    }
    return nodes;
  }

  private queueCounts(nodes: SessionNode[]): void {
    for (const n of nodes) if (!this.countQueue.includes(n)) this.countQueue.push(n);
    while (this.countWorkers < COUNT_CONCURRENCY && this.countQueue.length > 0) {
      this.countWorkers++;
      void this.countWorker(this.generation).finally(() => this.countWorkers--);
    }
  }

  private async countWorker(generation: number): Promise<void> {
    for (let node = this.countQueue.shift(); node; node = this.countQueue.shift()) {
      if (generation !== this.generation) return;
      try {
        const client = await this.client();
        node.counts = await client.tasks.countByStatus({ sessionId: node.session.sessionId });
        node.countsError = undefined;
      } catch (error) {
        node.countsError = describeError(error);
        this.deps.log.debug(`[tree] counts of ${node.session.sessionId}: ${node.countsError}`);
      }
      if (generation === this.generation) this.emitter.fire(node);
    }
  }
}
