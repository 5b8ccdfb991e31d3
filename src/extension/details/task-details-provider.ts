// The read-only `armonik-task:` documents: a task's status, timeline, inputs and outputs, attempts
// and full error, rendered as text with links (IDs → commands, stack frames → workspace files).

import * as vscode from 'vscode';
import type { ArmoniKClient } from '../../armonik/api';
import type { Result, Task, TaskSummary } from '../../armonik/model';
import type { ConnectionManager } from '../connection/connection-manager';
import { describeError, type Log } from '../log';
import { OPEN_STACK_FRAME_COMMAND, type StackFrameResolver } from '../stack/stack-frame-resolver';
import { renderTaskDetails, type RenderedTaskDetails, type TaskDetailsInput } from './task-details-render';

export const TASK_SCHEME = 'armonik-task';
export const TASK_LANGUAGE = 'armonik-task';

export type DetailsWhy = NonNullable<TaskDetailsInput['why']>;

export function taskDetailsUri(taskId: string, why?: DetailsWhy): vscode.Uri {
  return vscode.Uri.from({
    scheme: TASK_SCHEME,
    path: `/Task ${taskId}`,
    query: why ? `why=${encodeURIComponent(JSON.stringify(why))}` : '',
  });
}

export function taskIdOfUri(uri: vscode.Uri): string | undefined {
  const m = /^\/Task (.+)$/.exec(uri.path);
  return m ? m[1] : undefined;
}

function whyOfUri(uri: vscode.Uri): DetailsWhy | undefined {
  const raw = new URLSearchParams(uri.query).get('why');
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as DetailsWhy;
    return typeof v.explanation === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

function commandUri(command: string, args: unknown[]): vscode.Uri {
  return vscode.Uri.parse(`command:${command}?${encodeURIComponent(JSON.stringify(args))}`);
}

export class TaskDetailsProvider implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly rendered = new Map<string, RenderedTaskDetails>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connection: ConnectionManager,
    private readonly frames: StackFrameResolver,
    private readonly log: Log,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const taskId = taskIdOfUri(uri);
    if (!taskId) return `Not a task details address: ${uri.toString()}\n`;
    try {
      const client = await this.connection.getClient();
      const input = await this.load(client, taskId, token);
      const out = renderTaskDetails({ ...input, why: whyOfUri(uri) });
      this.rendered.set(uri.toString(), out);
      return out.text;
    } catch (error) {
      this.rendered.delete(uri.toString());
      this.log.warn(`[details] task ${taskId}: ${describeError(error)}`);
      return `Task ${taskId}\n\nCannot load this task: ${describeError(error)}\n\nCheck the connection (status bar) and run "ArmoniK: Show Task Details" again.\n`;
    }
  }

  /** Where the error section starts in a rendered document, if it has one. */
  errorLine(uri: vscode.Uri): number | undefined {
    return this.rendered.get(uri.toString())?.errorLine;
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** Re-reads every open details document (e.g. after reconnecting). */
  refreshAll(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === TASK_SCHEME) this.changed.fire(doc.uri);
  }

  async provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentLink[]> {
    const rendered = this.rendered.get(document.uri.toString());
    if (!rendered || document.getText() !== rendered.text) return [];
    const links: vscode.DocumentLink[] = [];
    for (const link of rendered.links) {
      const range = new vscode.Range(document.positionAt(link.start), document.positionAt(link.end));
      if (link.kind === 'frame') {
        const file = await this.frames.resolve(link.frame, token);
        if (!file) continue;
        const l = new vscode.DocumentLink(range, commandUri(OPEN_STACK_FRAME_COMMAND, [file.toString(), link.frame.line, link.frame.column ?? 1]));
        l.tooltip = vscode.l10n.t('Open {0}, line {1}', vscode.workspace.asRelativePath(file), link.frame.line);
        links.push(l);
      } else if (link.kind === 'task') {
        const l = new vscode.DocumentLink(range, commandUri('armonik.showTaskDetails', [link.id]));
        l.tooltip = vscode.l10n.t('Show task details');
        links.push(l);
      } else if (link.kind === 'result') {
        const l = new vscode.DocumentLink(range, commandUri('armonik.traceResult', [link.id]));
        l.tooltip = vscode.l10n.t('Trace this result');
        links.push(l);
      } else {
        const l = new vscode.DocumentLink(range, commandUri('armonik.findById', [link.id]));
        l.tooltip = vscode.l10n.t('Reveal the session in the ArmoniK view');
        links.push(l);
      }
    }
    return links;
  }

  dispose(): void {
    this.changed.dispose();
    this.rendered.clear();
  }

  private async load(client: ArmoniKClient, taskId: string, token: vscode.CancellationToken): Promise<Omit<TaskDetailsInput, 'why'>> {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      const signal = controller.signal;
      const task: Task = await client.tasks.get(taskId, { signal });
      const ids = [...new Set([...task.dataDependencies, ...task.expectedOutputIds, ...(task.payloadId ? [task.payloadId] : [])])];
      const [results, attempts] = await Promise.all([
        ids.length > 0 ? client.results.byIds(ids, { signal }) : Promise.resolve<Result[]>([]),
        task.retryOfIds.length > 0 || task.id.includes('###')
          ? client.tasks
              .list({ where: { initialTaskId: task.initialTaskId || task.id }, pageSize: 100 }, { signal })
              .then((p) => p.items)
              .catch((): TaskSummary[] => [])
          : Promise.resolve<TaskSummary[]>([]),
      ]);
      return { task, results: new Map(results.map((r) => [r.resultId, r])), attempts, endpoint: client.endpoint };
    } finally {
      sub.dispose();
    }
  }
}

/** Opens the details of a task, optionally scrolled to its error. */
export async function openTaskDetails(
  provider: TaskDetailsProvider,
  taskId: string,
  options: { why?: DetailsWhy; revealError?: boolean; preserveFocus?: boolean } = {},
): Promise<vscode.TextEditor> {
  const uri = taskDetailsUri(taskId, options.why);
  // Reopening a task shows fresh data, not the copy VS Code keeps for an open document.
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) provider.refresh(uri);
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== TASK_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, TASK_LANGUAGE);
  const editor = await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: options.preserveFocus });
  if (options.revealError) {
    const line = provider.errorLine(uri);
    if (line !== undefined) {
      const range = new vscode.Range(line, 0, line, 0);
      editor.selection = new vscode.Selection(range.start, range.start);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }
  return editor;
}
