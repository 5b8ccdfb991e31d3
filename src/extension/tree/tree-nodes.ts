// The nodes of the ArmoniK sessions tree. Each node holds its data and renders its own
// TreeItem; the provider (sessions-tree-provider.ts) loads children. IDs are stable so that
// expansion and selection survive refreshes.

import * as vscode from 'vscode';
import { isFinalTaskStatus, type Result, type Session, type TaskSummary } from '../../armonik/model';
import { abbreviatedId } from '../../shared/node-label';
import { countLines, summarizeCounts, totalTasks, type TaskCounts } from './count-summary';
import { between, firstLine, formatDuration, formatWhen } from './format';
import { PagedList } from './paged-list';
import { resultStatusIcon, sessionStatusIcon, taskStatusIcon } from './status-icons';

export type GroupKind = 'tasks' | 'results';

export class SessionNode {
  readonly kind = 'session';
  readonly parent = undefined;
  counts: TaskCounts | undefined;
  countsError: string | undefined;
  /** Added by "Find by ID" because it was not on a loaded page. */
  pinned = false;
  private groupNodes: [GroupNode, GroupNode] | undefined;

  constructor(public session: Session) {}

  get id(): string {
    return `s:${this.session.sessionId}`;
  }

  groups(pageSize: number, fetchers: GroupFetchers): [GroupNode, GroupNode] {
    this.groupNodes ??= [new GroupNode(this, 'results', pageSize, fetchers), new GroupNode(this, 'tasks', pageSize, fetchers)];
    return this.groupNodes;
  }

  /** Groups already created (expanded at least once). */
  get existingGroups(): readonly GroupNode[] {
    return this.groupNodes ?? [];
  }

  toTreeItem(): vscode.TreeItem {
    const s = this.session;
    // Sidebars are narrow: the row shows the start of the ID (enough to tell sessions apart) and
    // the facts; the full ID is in the tooltip, "Copy ID" and "Find by ID".
    const item = new vscode.TreeItem({ label: abbreviatedId(s.sessionId) }, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = sessionStatusIcon(s.status);
    const parts = [s.status.toLowerCase(), formatWhen(s.createdAt)];
    if (this.counts) parts.push(summarizeCounts(this.counts));
    item.description = parts.join(' · ');
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Session** \`${s.sessionId}\`\n\n`);
    tip.appendMarkdown(`Status: **${s.status}**  \nCreated: ${formatWhen(s.createdAt)}`);
    if (s.closedAt) tip.appendMarkdown(`  \nClosed: ${formatWhen(s.closedAt)}`);
    if (s.cancelledAt) tip.appendMarkdown(`  \nCancelled: ${formatWhen(s.cancelledAt)}`);
    if (s.partitionIds.length > 0) tip.appendMarkdown(`  \nPartitions: ${s.partitionIds.join(', ')}`);
    if (this.counts) {
      tip.appendMarkdown(`\n\n**${totalTasks(this.counts).toLocaleString('en-US')} tasks**  \n${countLines(this.counts).join('  \n')}`);
    } else if (this.countsError) {
      tip.appendMarkdown(`\n\nTask counts unavailable: ${this.countsError}`);
    }
    item.tooltip = tip;
    item.accessibilityInformation = { label: `Session ${s.sessionId}, ${item.description}` };
    item.contextValue = `armonik.session.${s.status.toLowerCase()}`;
    return item;
  }
}

export interface GroupFetchers {
  tasks(sessionId: string, statuses: readonly string[], page: number, pageSize: number): Promise<{ items: TaskSummary[]; total: number }>;
  results(sessionId: string, statuses: readonly string[], page: number, pageSize: number): Promise<{ items: Result[]; total: number }>;
}

export class GroupNode {
  readonly kind = 'group';
  /** Statuses shown (empty: all). */
  filter: string[] = [];
  list: PagedList<TaskSummary | Result>;
  /** Items found by "Find by ID" that are not on a loaded page. */
  readonly pinned = new Map<string, TaskSummary | Result>();
  /** Item nodes by object ID, reused across reloads so selection and reveal keep working. */
  readonly itemNodes = new Map<string, TaskItemNode | ResultItemNode>();

  constructor(
    readonly parent: SessionNode,
    readonly group: GroupKind,
    private readonly pageSize: number,
    private readonly fetchers: GroupFetchers,
  ) {
    this.list = this.makeList();
  }

  get id(): string {
    return `g:${this.parent.session.sessionId}:${this.group}`;
  }

  setFilter(statuses: string[]): void {
    this.filter = [...statuses];
    this.list = this.makeList();
  }

  private makeList(): PagedList<TaskSummary | Result> {
    const sessionId = this.parent.session.sessionId;
    const filter = [...this.filter];
    return this.group === 'tasks'
      ? new PagedList<TaskSummary | Result>((p, n) => this.fetchers.tasks(sessionId, filter, p, n), keyOf, this.pageSize)
      : new PagedList<TaskSummary | Result>((p, n) => this.fetchers.results(sessionId, filter, p, n), keyOf, this.pageSize);
  }

  nodeFor(data: TaskSummary | Result, pinned: boolean): TaskItemNode | ResultItemNode {
    const key = keyOf(data);
    let node = this.itemNodes.get(key);
    if (!node) {
      node = 'resultId' in data ? new ResultItemNode(this, data) : new TaskItemNode(this, data);
      this.itemNodes.set(key, node);
    } else {
      node.data = data as never;
    }
    node.pinned = pinned;
    return node;
  }

  toTreeItem(): vscode.TreeItem {
    const base = this.group === 'tasks' ? vscode.l10n.t('Tasks') : vscode.l10n.t('Results');
    const label = this.filter.length > 0 ? `${base} (${this.filter.join(', ')})` : base;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.group === 'tasks' ? 'checklist' : 'database');
    if (this.list.total !== undefined) item.description = this.list.total.toLocaleString('en-US');
    item.tooltip = this.filter.length > 0 ? vscode.l10n.t('Filtered by status: {0}', this.filter.join(', ')) : vscode.l10n.t('All statuses (use the filter button to narrow)');
    item.contextValue = `armonik.group.${this.group}${this.filter.length > 0 ? '.filtered' : ''}`;
    return item;
  }
}

function keyOf(item: TaskSummary | Result): string {
  return 'resultId' in item ? item.resultId : item.id;
}

export class TaskItemNode {
  readonly kind = 'task';
  pinned = false;
  constructor(
    readonly parent: GroupNode,
    public data: TaskSummary,
  ) {}

  get id(): string {
    return `t:${this.data.sessionId}:${this.data.id}`;
  }

  toTreeItem(): vscode.TreeItem {
    const t = this.data;
    const item = new vscode.TreeItem(abbreviatedId(t.id), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = taskStatusIcon(t.status);
    const parts: string[] = [t.status];
    // The default partition goes without saying; any other one matters (e.g. a GPU queue).
    if (t.options?.partitionId && t.options.partitionId !== 'default') parts.push(t.options.partitionId);
    const ran = between(t.startedAt, t.endedAt);
    if (ran !== undefined) parts.push(formatDuration(ran));
    if (this.pinned) parts.push(vscode.l10n.t('found'));
    item.description = parts.join(' · ');
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Task** \`${t.id}\` — ${t.status}\n\n`);
    tip.appendMarkdown(`Created ${formatWhen(t.createdAt)}${t.endedAt ? `, ended ${formatWhen(t.endedAt)}` : ''}`);
    if (t.podHostname) tip.appendMarkdown(`  \nPod: ${t.podHostname}`);
    if (t.error) tip.appendCodeblock(firstLine(t.error, 400), 'text');
    item.tooltip = tip;
    item.accessibilityInformation = { label: `Task ${t.id}, ${item.description}` };
    const state = isFinalTaskStatus(t.status) ? 'final' : 'active';
    item.contextValue = `armonik.task.${state}${t.error ? '.error' : ''}`;
    item.command = { command: 'armonik.showTaskDetails', title: vscode.l10n.t('Show Task Details'), arguments: [t.id] };
    return item;
  }
}

export class ResultItemNode {
  readonly kind = 'result';
  pinned = false;
  constructor(
    readonly parent: GroupNode,
    public data: Result,
  ) {}

  get id(): string {
    return `r:${this.data.sessionId}:${this.data.resultId}`;
  }

  toTreeItem(): vscode.TreeItem {
    const r = this.data;
    const named = r.name && r.name !== r.resultId;
    const item = new vscode.TreeItem(named ? r.name : abbreviatedId(r.resultId), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = resultStatusIcon(r.status);
    const parts: string[] = [r.status];
    if (named) parts.push(abbreviatedId(r.resultId));
    if (this.pinned) parts.push(vscode.l10n.t('found'));
    item.description = parts.join(' · ');
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**Result** \`${r.resultId}\` — ${r.status}\n\n`);
    if (named) tip.appendMarkdown(`Name: ${r.name}  \n`);
    tip.appendMarkdown(`Owner task: ${r.ownerTaskId ? `\`${r.ownerTaskId}\`` : '—'}  \nCreated ${formatWhen(r.createdAt)}`);
    if (r.completedAt) tip.appendMarkdown(`, completed ${formatWhen(r.completedAt)}`);
    item.tooltip = tip;
    item.accessibilityInformation = { label: `Result ${named ? `${r.name} ` : ''}${r.resultId}, ${item.description}` };
    item.contextValue = 'armonik.result';
    return item;
  }
}

export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(
    readonly parent: GroupNode | undefined,
    readonly shown: number,
    readonly total: number,
  ) {}

  get id(): string {
    return `more:${this.parent?.id ?? 'root'}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = vscode.l10n.t('{0} of {1}', this.shown.toLocaleString('en-US'), this.total.toLocaleString('en-US'));
    item.iconPath = new vscode.ThemeIcon('more');
    item.contextValue = 'armonik.loadMore';
    item.command = { command: 'armonik.tree.loadMore', title: vscode.l10n.t('Load more'), arguments: [this] };
    return item;
  }
}

export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly parent: SessionNode | GroupNode | undefined,
    readonly text: string,
    readonly options: { icon?: string; tooltip?: string; command?: vscode.Command; key?: string } = {},
  ) {}

  get id(): string {
    return `msg:${this.parent?.id ?? 'root'}:${this.options.key ?? this.text}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.options.icon ?? 'info');
    item.tooltip = this.options.tooltip ?? this.text;
    item.command = this.options.command;
    item.contextValue = 'armonik.message';
    return item;
  }
}

export type ArmoniKTreeNode = SessionNode | GroupNode | TaskItemNode | ResultItemNode | LoadMoreNode | MessageNode;
