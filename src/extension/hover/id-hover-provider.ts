// Hovers on ArmoniK IDs in logs, plain text, JSON and output panels: the ID's live status with
// command links. Never blocks the editor longer than `armonik.hover.timeoutMs`: past that the
// hover says it is still looking, and the answer (cached) shows on the next hover.

import * as vscode from 'vscode';
import { armoniKIdAt } from '../../shared/armonik-ids';
import type { ConnectionManager } from '../connection/connection-manager';
import { describeError, type Log } from '../log';
import { hoverMarkdown, lookingUpMarkdown, lookupFailedMarkdown } from './hover-markdown';
import type { ArmoniKIdResolver, ResolvedId } from './id-resolver';

export const ID_DOCUMENT_SELECTOR: vscode.DocumentSelector = [
  { language: 'log' },
  { language: 'plaintext' },
  { language: 'json' },
  { language: 'jsonc' },
  { scheme: 'output' },
];

export class IdHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly resolver: ArmoniKIdResolver,
    private readonly connection: ConnectionManager,
    private readonly inGraph: (id: string) => boolean,
    private readonly timeoutMs: () => number,
    private readonly log: Log,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    const match = armoniKIdAt(line, position.character);
    if (!match) return undefined;
    // Nothing configured: stay silent rather than decorate every GUID with an error.
    if (this.connection.state === 'disconnected' && !this.connection.snapshot.target) return undefined;
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    const cached = this.resolver.peek(match.id);
    if (cached) return this.hover(cached, range);

    let timer: ReturnType<typeof setTimeout> | undefined;
    let cancelSub: vscode.Disposable | undefined;
    const outcome = await Promise.race([
      this.resolver.resolve(match.id).then(
        (resolved) => ({ kind: 'resolved' as const, resolved }),
        (error: unknown) => ({ kind: 'failed' as const, error }),
      ),
      new Promise<{ kind: 'timeout' }>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), this.timeoutMs());
      }),
      new Promise<{ kind: 'cancelled' }>((resolve) => {
        cancelSub = token.onCancellationRequested(() => resolve({ kind: 'cancelled' }));
      }),
    ]);
    if (timer !== undefined) clearTimeout(timer);
    cancelSub?.dispose();
    switch (outcome.kind) {
      case 'cancelled':
        return undefined;
      case 'timeout':
        return new vscode.Hover(new vscode.MarkdownString(lookingUpMarkdown(match.id)), range);
      case 'failed':
        this.log.debug(`[hover] ${match.id}: ${describeError(outcome.error)}`);
        return new vscode.Hover(new vscode.MarkdownString(lookupFailedMarkdown(match.id, describeError(outcome.error))), range);
      case 'resolved':
        return this.hover(outcome.resolved, range);
    }
  }

  private hover(resolved: ResolvedId, range: vscode.Range): vscode.Hover {
    const content = hoverMarkdown(resolved, { inGraph: this.inGraph, endpoint: this.connection.snapshot.target?.url ?? 'ArmoniK' });
    const md = new vscode.MarkdownString(content.markdown, true);
    md.isTrusted = { enabledCommands: content.commands };
    return new vscode.Hover(md, range);
  }
}
