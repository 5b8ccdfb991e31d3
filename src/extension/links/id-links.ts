// ArmoniK IDs as links in documents (logs, plain text, JSON) and in the integrated terminal,
// e.g. while reading `kubectl logs` output. A click runs `armonik.openId`, which looks the ID up
// and opens what fits (task details, a trace, the session in the tree).

import * as vscode from 'vscode';
import { findArmoniKIds } from '../../shared/armonik-ids';

export const OPEN_ID_COMMAND = 'armonik.openId';

/** Beyond this, a document is scanned only up to here (huge logs stay responsive). */
const MAX_SCANNED_CHARS = 5_000_000;
const MAX_LINKS = 5000;

export class IdDocumentLinkProvider implements vscode.DocumentLinkProvider {
  provideDocumentLinks(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentLink[] {
    const text = document.getText();
    const scanned = text.length > MAX_SCANNED_CHARS ? text.slice(0, MAX_SCANNED_CHARS) : text;
    const links: vscode.DocumentLink[] = [];
    for (const m of findArmoniKIds(scanned)) {
      if (token.isCancellationRequested || links.length >= MAX_LINKS) break;
      const range = new vscode.Range(document.positionAt(m.start), document.positionAt(m.end));
      const link = new vscode.DocumentLink(range, vscode.Uri.parse(`command:${OPEN_ID_COMMAND}?${encodeURIComponent(JSON.stringify([m.id]))}`));
      link.tooltip = vscode.l10n.t('Open this ArmoniK ID');
      links.push(link);
    }
    return links;
  }
}

class IdTerminalLink extends vscode.TerminalLink {
  constructor(
    startIndex: number,
    length: number,
    readonly armonikId: string,
  ) {
    super(startIndex, length, vscode.l10n.t('Open ArmoniK ID'));
  }
}

export class IdTerminalLinkProvider implements vscode.TerminalLinkProvider<IdTerminalLink> {
  provideTerminalLinks(context: vscode.TerminalLinkContext): IdTerminalLink[] {
    return findArmoniKIds(context.line).map((m) => new IdTerminalLink(m.start, m.end - m.start, m.id));
  }

  handleTerminalLink(link: IdTerminalLink): void {
    void vscode.commands.executeCommand(OPEN_ID_COMMAND, link.armonikId);
  }
}
