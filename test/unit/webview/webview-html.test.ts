import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWebviewHtml } from '../../../src/extension/graph/webview-html';
import { createNonce } from '../../../src/extension/graph/nonce';

const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

function render(nonce = createNonce()) {
  return {
    nonce,
    html: buildWebviewHtml({
      cspSource,
      scriptUri: `${cspSource}/ext/dist/webview.js`,
      styleUri: `${cspSource}/ext/media/graph.css`,
      nonce,
      title: 'Graph: <final>',
    }),
  };
}

function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
  assert.ok(content, 'the page has a CSP meta tag');
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('graph webview HTML', () => {
  it('has a strict CSP: nothing by default, scripts only with the nonce, styles only from the extension', () => {
    const { html, nonce } = render();
    const policy = csp(html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(policy.get('style-src'), [cspSource]);
    for (const values of policy.values()) {
      for (const value of values) {
        assert.ok(!/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*|https?:$/.test(value), `loose source ${value}`);
        assert.ok(value.startsWith("'") || value === cspSource || value === 'data:' || value === 'blob:', `unexpected source ${value}`);
      }
    }
  });

  it('loads only local resources, tags its one script with the nonce, and pre-creates the Cytoscape style marker', () => {
    const { html, nonce } = render();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]!.includes(`nonce="${nonce}"`));
    for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) assert.ok(url!.startsWith(cspSource), `${url} is not an extension resource`);
    assert.ok(html.includes('<meta id="__________cytoscape_stylesheet">'));
    assert.ok(!/<style\b/.test(html), 'no inline style element');
    assert.ok(!/\sstyle="/.test(html), 'no inline style attribute');
    assert.ok(html.includes('<title>Graph: &lt;final&gt;</title>'), 'the title is escaped');
  });

  it('uses a fresh nonce each time and refuses a weak one', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notEqual(a, b);
    assert.ok(Buffer.from(a, 'base64').length === 16);
    assert.throws(() => render('abc'), /nonce/);
    assert.throws(() => render('"><script>alert(1)</script>'), /nonce/);
  });
});
