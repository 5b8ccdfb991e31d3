// Starts code-server (a real VS Code: workbench + Node extension host) and opens it in Debian's
// Chromium through playwright-core, offline. Shared by the extension-host test runner, the UI
// tests, the VSIX smoke test, the demo and the extension benchmark.
// See /work/shared/vscode-offline-testing.md for why it is done this way.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerEntry = join(root, '.vscode-test', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Runs scripts/install-code-server.mjs (idempotent) unless code-server is there already. */
export function ensureCodeServer() {
  if (existsSync(codeServerEntry) && existsSync(CHROMIUM)) return;
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'install-code-server.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('code-server could not be installed (see above)');
}

/** Builds every bundle (wire types first). */
export function build({ only } = {}) {
  const gen = spawnSync(process.execPath, [join(root, 'scripts', 'gen-wire-types.mjs'), '--quiet'], { stdio: 'inherit', cwd: root });
  if (gen.status !== 0) throw new Error('npm run gen failed');
  const args = [join(root, 'esbuild.config.mjs')];
  if (only) args.push(`--only=${only.join(',')}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('the build failed');
}

/** A scratch folder under .vscode-test/tmp (git-ignored), removed by `dispose()`. */
export function scratchDir(prefix) {
  const base = join(root, '.vscode-test', 'tmp');
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, `${prefix}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies the fixture workspace to `dir`, replacing its settings with `settings` (when given)
 * and adding `files` ({ relativePath: text }). */
export function prepareWorkspace(dir, { settings, files = {} } = {}) {
  cpSync(join(root, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
  if (settings !== undefined) writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const DEFAULT_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Dark Modern',
  'window.commandCenter': false,
};

/**
 * Starts code-server on a free loopback port. Resolves once it listens.
 * @returns {Promise<{ url: string, port: number, dataDir: string, stop(): Promise<void>, output: string[] }>}
 */
export async function startCodeServer({ userSettings = {}, extensionsDir, env = {}, log = () => {}, timeoutMs = 60_000 } = {}) {
  ensureCodeServer();
  const scratch = scratchDir('code-server');
  const userDataDir = join(scratch.dir, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_USER_SETTINGS, ...userSettings }, null, 2));
  const extDir = extensionsDir ?? join(scratch.dir, 'extensions');
  mkdirSync(extDir, { recursive: true });
  const configFile = join(scratch.dir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  const args = [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--config', configFile,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extDir,
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, VSCODE_IPC_HOOK_CLI: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = [];
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs / 1000} s:\n${output.join('\n')}`)), timeoutMs);
    const onData = (chunk) => {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        output.push(line);
        log(line);
        const m = /HTTP server listening on (http:\/\/[^\s]+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolvePromise(m[1].replace(/\/$/, ''));
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? code}) before listening:\n${output.join('\n')}`));
    });
  });
  const port = Number(new URL(url).port);
  let stopped;
  return {
    url,
    port,
    dataDir: scratch.dir,
    userDataDir,
    extensionsDir: extDir,
    output,
    stop() {
      stopped ??= new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) {
          scratch.dispose();
          done();
          return;
        }
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(killer);
          scratch.dispose();
          done();
        });
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}

/** The workbench URL for `folder`, with our extension loaded from `extensionDevelopmentPath`
 * and, optionally, a test module run in the extension host (the `payload` mechanism of VS Code's
 * browser integration tests). */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = `127.0.0.1:${server.port}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  payload.push(['skipWelcome', 'true']);
  payload.push(['skipReleaseNotes', 'true']);
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Launches headless Chromium with the flags that work offline on this machine. */
export async function launchChromium() {
  let chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    ({ chromium } = await import(join(root, '.vscode-test', 'node_modules', 'playwright-core', 'index.mjs')));
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (install the Debian package "chromium" or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a workbench page. `onLog(type, args)` receives the extension host's console (test
 * suites), `onExit(code)` the exit code reported by the test runner.
 */
export async function openWorkbench(browser, url, { onLog, onExit, viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog?.(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => onExit?.(code));
  await page.goto(url);
  return page;
}

/** A free TCP port on loopback (for a simulator the demo starts). */
export async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

export function tmp(prefix) {
  return mkdtempSync(join(tmpdir(), prefix));
}
