// Commands that act on an ID accept it three ways: a string (from the graph webview, links and
// hovers), a tree node (context menus), or nothing (command palette: the ID under the cursor,
// the task of the active details document, or an input box).

import * as vscode from 'vscode';
import { armoniKIdAt, parsePastedId } from '../../shared/armonik-ids';
import { taskIdOfUri, TASK_SCHEME } from '../details/task-details-provider';
import { GroupNode, ResultItemNode, SessionNode, TaskItemNode } from '../tree/tree-nodes';

export type IdKindHint = 'task' | 'result' | 'session' | undefined;

export interface IdArgument {
  id: string;
  /** Known from the argument (a tree node), otherwise undefined: look it up. */
  kind: IdKindHint;
}

/** Reads an ID from a command argument, without asking. */
export function idFromArgument(arg: unknown): IdArgument | undefined {
  if (typeof arg === 'string') {
    const id = arg.trim();
    return id && !/\s/.test(id) ? { id, kind: undefined } : undefined;
  }
  if (arg instanceof TaskItemNode) return { id: arg.data.id, kind: 'task' };
  if (arg instanceof ResultItemNode) return { id: arg.data.resultId, kind: 'result' };
  if (arg instanceof SessionNode) return { id: arg.session.sessionId, kind: 'session' };
  if (arg instanceof GroupNode) return { id: arg.parent.session.sessionId, kind: 'session' };
  if (arg instanceof vscode.Uri && arg.scheme === TASK_SCHEME) {
    const id = taskIdOfUri(arg);
    return id ? { id, kind: 'task' } : undefined;
  }
  if (arg && typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    for (const [field, kind] of [['taskId', 'task'], ['resultId', 'result'], ['sessionId', 'session'], ['id', undefined]] as const) {
      if (typeof o[field] === 'string' && o[field]) return { id: o[field] as string, kind };
    }
  }
  return undefined;
}

/** The ID the user is looking at: the task of an open details document, or an ID under the
 * cursor of the active editor. */
export function idFromEditor(): IdArgument | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const line = editor.document.lineAt(editor.selection.active.line).text;
  const under = armoniKIdAt(line, editor.selection.active.character);
  if (under) return { id: under.id, kind: undefined };
  if (editor.document.uri.scheme === TASK_SCHEME) {
    const id = taskIdOfUri(editor.document.uri);
    if (id) return { id, kind: 'task' };
  }
  return undefined;
}

/** Asks for an ID, validating it as the user types. */
export async function askForId(prompt: string, placeHolder: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    prompt,
    placeHolder,
    ignoreFocusOut: true,
    validateInput: (text) =>
      text.trim() === '' || parsePastedId(text)
        ? undefined
        : vscode.l10n.t('Not an ArmoniK ID: expected a GUID like 3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b (retries end with ###n)'),
  });
  return value === undefined ? undefined : parsePastedId(value);
}

/** Argument, then editor, then input box. */
export async function resolveIdArgument(arg: unknown, prompt: string, useEditor = true): Promise<IdArgument | undefined> {
  const direct = idFromArgument(arg) ?? (useEditor ? idFromEditor() : undefined);
  if (direct) return direct;
  const id = await askForId(prompt, '3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b');
  return id ? { id, kind: undefined } : undefined;
}
