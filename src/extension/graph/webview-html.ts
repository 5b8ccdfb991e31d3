// The graph panel's HTML. Pure string building (no `vscode`), so the CSP can be unit-tested.
//
// CSP, directive by directive:
// - default-src 'none': nothing loads unless allowed below.
// - script-src 'nonce-…': only our bundle, tagged with a fresh nonce per render; no inline
//   handlers, no eval (Cytoscape needs neither).
// - style-src ${cspSource}: our stylesheet only. Cytoscape would inject an inline <style>; the
//   <meta id="__________cytoscape_stylesheet"> below makes it skip that, and media/graph.css
//   carries its one rule. Element style writes through the CSSOM are not blocked by CSP.
// - img-src ${cspSource} data: blob:: PNG export draws through data: URLs.
// - font-src ${cspSource}: VS Code's own fonts are not needed; nothing remote is allowed.
// - worker-src / connect-src stay 'none' (via default-src): the layout is computed on the host.

export interface WebviewHtmlInput {
  /** `webview.cspSource` */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webview.js)` as a string */
  scriptUri: string;
  /** `webview.asWebviewUri(media/graph.css)` as a string */
  styleUri: string;
  nonce: string;
  title: string;
}

const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,}$/;

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function buildContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function buildWebviewHtml(input: WebviewHtmlInput): string {
  if (!NONCE_PATTERN.test(input.nonce)) throw new Error('The webview nonce must be at least 16 base64 characters.');
  const csp = buildContentSecurityPolicy(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta id="__________cytoscape_stylesheet">
<link rel="stylesheet" href="${escapeAttribute(input.styleUri)}">
<title>${escapeAttribute(input.title)}</title>
</head>
<body>
<div id="app" class="app" aria-busy="true"><p class="loading">Loading the trace graph…</p></div>
<script nonce="${escapeAttribute(input.nonce)}" src="${escapeAttribute(input.scriptUri)}"></script>
</body>
</html>
`;
}
