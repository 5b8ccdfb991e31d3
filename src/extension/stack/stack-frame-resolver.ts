// Finds the workspace file a stack frame refers to. Worker traces carry container paths
// (`/app/src/Worker/Solver.cs`), so we search the workspace for the file name and keep the
// candidate that shares the longest path suffix with the frame.

import * as vscode from 'vscode';
import { bestFrameMatch, type StackFrame } from '../../shared/stack-frames';

const EXCLUDE = '**/{node_modules,.git,bin,obj,dist,out,.vscode-test,__pycache__,target,build}/**';
const CACHE_MS = 30_000;

export class StackFrameResolver {
  private readonly byName = new Map<string, { at: number; files: Thenable<vscode.Uri[]> }>();

  /** The workspace file for `frame`, or undefined when none matches. */
  async resolve(frame: Pick<StackFrame, 'searchSuffixes'>, token?: vscode.CancellationToken): Promise<vscode.Uri | undefined> {
    const name = frame.searchSuffixes.at(-1);
    if (!name || !vscode.workspace.workspaceFolders?.length) return undefined;
    const files = await this.filesNamed(name);
    if (files.length === 0 || token?.isCancellationRequested) return undefined;
    const relative = files.map((f) => vscode.workspace.asRelativePath(f, false));
    const best = bestFrameMatch(frame, relative);
    return best === undefined ? undefined : files[relative.indexOf(best)];
  }

  // The search is shared (cached) between callers, so it must not be cut short by one caller's
  // cancellation: a cancelled search would be remembered as "no such file".
  private filesNamed(name: string): Thenable<vscode.Uri[]> {
    const cached = this.byName.get(name);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.files;
    // Glob metacharacters in a file name would change the search; escape them.
    const glob = `**/${name.replace(/[[\]{}*?!]/g, (c) => `[${c}]`)}`;
    const files = vscode.workspace.findFiles(glob, EXCLUDE, 50);
    this.byName.set(name, { at: Date.now(), files });
    return files;
  }

  clear(): void {
    this.byName.clear();
  }
}

export const OPEN_STACK_FRAME_COMMAND = 'armonik.openStackFrame';

/** Opens `file` at a 1-based line/column (the target of frame links). */
export async function openStackFrame(file: string | vscode.Uri, line: number, column?: number): Promise<void> {
  const uri = typeof file === 'string' ? vscode.Uri.parse(file) : file;
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, (column ?? 1) - 1));
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), preview: true });
}
