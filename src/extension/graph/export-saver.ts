// Saves an export through VS Code: a save dialog and the workspace file system, or the
// clipboard for text formats.

import * as vscode from 'vscode';
import type { SaveOutcome, SaveRequest } from './panel-controller';

const FILTERS: Record<SaveRequest['format'], Record<string, string[]>> = {
  json: { JSON: ['json'] },
  markdown: { Markdown: ['md'] },
  png: { 'PNG image': ['png'] },
  svg: { 'SVG image': ['svg'] },
};

export async function saveExport(request: SaveRequest): Promise<SaveOutcome> {
  if (request.destination === 'clipboard') {
    if (typeof request.content !== 'string') throw new Error('Only text exports can be copied to the clipboard.');
    await vscode.env.clipboard.writeText(request.content);
    return { outcome: 'copied' };
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: 'Export ArmoniK trace',
    filters: FILTERS[request.format],
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, request.suggestedName) } : {}),
  });
  if (!uri) return { outcome: 'cancelled' };
  const bytes = typeof request.content === 'string' ? new TextEncoder().encode(request.content) : request.content;
  await vscode.workspace.fs.writeFile(uri, bytes);
  return { outcome: 'saved', where: uri.scheme === 'file' ? uri.fsPath : uri.toString() };
}
