// A tiny static server for the graph webview harness, on 127.0.0.1 only. The page is the real
// panel HTML (same CSP builder, same nonce rule) plus a theme stylesheet standing in for VS
// Code's variables and the fake host script. It loads dist/webview.js, built on start.
//
//   node --import tsx test/webview-harness/server.ts [--port 8123]   → prints the URL
//   then open e.g. /?tasks=10000&theme=light

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { buildWebviewHtml } from '../../src/extension/graph/webview-html';

// The package is CommonJS, so tsx runs this file as CJS: __dirname is the way to find the repo.
const root = join(__dirname, '..', '..');

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

function buildWebviewBundle(production: boolean): void {
  const args = ['esbuild.config.mjs', '--only=webview', ...(production ? ['--production'] : [])];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`building dist/webview.js failed:\n${run.stdout}${run.stderr}`);
}

async function buildFakeHost(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [join(root, 'test/webview-harness/fake-host.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0]!.text;
}

function page(origin: string): string {
  const html = buildWebviewHtml({
    cspSource: origin,
    scriptUri: `${origin}/dist/webview.js`,
    styleUri: `${origin}/media/graph.css`,
    nonce: 'harnessNonce0123456789==',
    title: 'ArmoniK Trace graph harness',
  });
  // The fake host must define acquireVsCodeApi before the webview bundle runs.
  return html
    .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${origin}/harness/theme.css">\n<link rel="stylesheet"`)
    .replace('<script nonce=', `<script nonce="harnessNonce0123456789==" src="${origin}/harness/fake-host.js"></script>\n<script nonce=`);
}

/** `production` builds the minified bundle the extension ships (benchmarks use it). */
export async function startHarnessServer(options: { port?: number; build?: boolean; production?: boolean } = {}): Promise<HarnessServer> {
  if (options.build !== false) buildWebviewBundle(options.production === true);
  const fakeHost = await buildFakeHost();
  let origin = '';
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    try {
      if (path === '/' || path === '/index.html') return send(200, 'text/html; charset=utf-8', page(origin));
      if (path === '/dist/webview.js') return send(200, 'text/javascript', readFileSync(join(root, 'dist/webview.js')));
      if (path === '/media/graph.css') return send(200, 'text/css', readFileSync(join(root, 'media/graph.css')));
      if (path === '/harness/theme.css') return send(200, 'text/css', readFileSync(join(root, 'test/webview-harness/theme.css')));
      if (path === '/harness/fake-host.js') return send(200, 'text/javascript', fakeHost);
      return send(404, 'text/plain', 'not found');
    } catch (error) {
      return send(500, 'text/plain', String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) {
  const portArg = process.argv.indexOf('--port');
  void startHarnessServer({ port: portArg > 0 ? Number(process.argv[portArg + 1]) : 8123 }).then((server) => {
    console.log(`graph harness: ${server.url}/?tasks=1000&theme=dark  (Ctrl+C to stop)`);
  });
}
