#!/usr/bin/env node
// Runs the in-host suites (test/vscode/, bundled to dist/test/vscode/index.js) inside a real
// VS Code extension host: code-server 4.100.3 opened in headless Chromium, with our extension
// loaded from this checkout and the suites passed as `extensionTestsPath` (VS Code's own
// browser integration-test mechanism). Exit code: the suites' (0 when all passed).
//
// Usage: node scripts/vscode-host-tests.mjs [--grep REGEX] [--no-build] [--timeout SECONDS]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  build,
  ensureCodeServer,
  launchChromium,
  openWorkbench,
  prepareWorkspace,
  root,
  scratchDir,
  startCodeServer,
  workbenchUrl,
} from './code-server-session.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const grep = option('--grep');
const timeoutS = Number(option('--timeout') ?? 600);
const verbose = argv.includes('--verbose');
// Keep in sync with OUTPUT_MARK in test/vscode/harness.ts.
const OUTPUT_MARK = '[armonik-test] ';

ensureCodeServer();
if (!argv.includes('--no-build')) build();

const workspace = scratchDir('host-workspace');
prepareWorkspace(workspace.dir, { settings: { 'files.associations': { '*.log': 'log' } } });

const started = Date.now();
const server = await startCodeServer({
  env: grep ? { ARMONIK_TEST_GREP: grep } : {},
  log: (line) => {
    if (verbose) console.error(`[code-server] ${line}`);
  },
});
const browser = await launchChromium();
let exitCode;
const done = new Promise((resolve) => {
  const timer = setTimeout(() => resolve('timeout'), timeoutS * 1000);
  globalThis.__onExit = (code) => {
    clearTimeout(timer);
    resolve(code);
  };
});
try {
  const url = workbenchUrl(server, {
    folder: workspace.dir,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'vscode', 'index.js'),
  });
  const page = await openWorkbench(browser, url, {
    onLog: (_type, args) => {
      const text = Array.isArray(args) ? args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') : String(args);
      // The workbench forwards its own console and the extension host's: print the suites' lines
      // (marked by the harness), and in --verbose mode everything else, except the offline
      // workbench's failed marketplace queries.
      if (text.startsWith(OUTPUT_MARK)) console.log(text.slice(OUTPUT_MARK.length));
      else if (verbose && !/ENOTFOUND/.test(text)) console.error(`[workbench ${_type}] ${text}`);
      else if (_type === 'error' && /armonik/i.test(text)) console.error(`[workbench error] ${text}`);
    },
    onExit: (code) => globalThis.__onExit(code),
  });
  exitCode = await done;
  if (exitCode === 'timeout') {
    mkdirSync(join(root, 'test-results', 'screenshots'), { recursive: true });
    const shot = join(root, 'test-results', 'screenshots', 'host-tests-timeout.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`vscode-host-tests: no result after ${timeoutS} s (screenshot: ${shot})`);
    console.log('0 passed, 1 failed');
    exitCode = 1;
  }
} finally {
  await browser.close().catch(() => undefined);
  await server.stop();
  workspace.dispose();
}
console.error(`vscode-host-tests: exit code ${exitCode} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(typeof exitCode === 'number' ? exitCode : 1);
