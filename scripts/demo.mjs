#!/usr/bin/env node
// `npm run demo`: everything needed to see ArmoniK Trace work, on one machine, offline.
//   1. installs dependencies if missing, builds the extension, webview, CLI and simulator;
//   2. starts the simulator with the `demo` scenario (a blocked result, a worker error with a C#
//      stack trace, a queue without workers, live progress);
//   3. prepares a demo workspace (worker sources matching the stack trace, a `kubectl logs`-style
//      log with the run's real IDs that keeps growing, settings pointing at the simulator);
//   4. opens VS Code on it with the extension loaded: desktop VS Code when the `code` command
//      exists, otherwise code-server in the browser (the URL is printed).
// Ctrl-C stops everything.
//
// Options: --scenario NAME (default demo) --speed N (default 1) --port N (simulator, default 5001
// or a free port) --code-server (use code-server even if `code` exists) --no-open
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build, ensureCodeServer, freePort, root, startCodeServer, workbenchUrl } from './code-server-session.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
};
const scenario = option('--scenario', 'demo');
const speed = option('--speed', '1');
const say = (msg) => console.log(`[demo] ${msg}`);
const children = [];
let codeServer;

function fail(msg) {
  console.error(`[demo] ${msg}`);
  void shutdown(1);
}

async function shutdown(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  if (codeServer) await codeServer.stop().catch(() => undefined);
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

function hasCommand(cmd) {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status === 0;
}

async function portFree(port) {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Starts a child and resolves with the first JSON line it prints whose `event` matches. */
function startJsonChild(args, event, label) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          const msg = JSON.parse(line);
          if (msg.event === event) resolve(msg);
        } catch {
          console.log(`[${label}] ${line}`);
        }
      }
    });
    child.stderr.on('data', (chunk) => process.stderr.write(`[${label}] ${chunk}`));
    child.once('exit', (code) => reject(new Error(`${label} exited with code ${code}`)));
  });
}

async function main() {
  if (!existsSync(join(root, 'node_modules', 'esbuild'))) {
    say('installing dependencies (npm install)…');
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) return fail('npm install failed');
  }
  say('building…');
  build();

  const preferred = Number(option('--port', '5001'));
  const port = (await portFree(preferred)) ? preferred : await freePort();
  say(`starting the simulator (scenario "${scenario}", speed ×${speed}) on port ${port}…`);
  const sim = await startJsonChild([join(root, 'dist', 'simulator.js'), '--scenario', scenario, '--port', String(port), '--speed', String(speed), '--json'], 'listening', 'simulator');
  say(`simulator listening on ${sim.endpoint}`);
  for (const t of sim.targets) say(`  ${t.name}: ${t.description}`);

  const workspace = join(root, '.vscode-test', 'demo-workspace');
  rmSync(workspace, { recursive: true, force: true });
  await startJsonChild(
    ['--import', 'tsx', join(root, 'scripts', 'demo-workspace.ts'), '--endpoint', sim.endpoint, '--out', workspace, '--targets', JSON.stringify(sim.targets), '--follow'],
    'workspace',
    'workspace',
  );
  say(`demo workspace: ${workspace} (logs/worker.log grows as the simulated workers run)`);

  const useDesktop = !argv.includes('--code-server') && hasCommand('code');
  if (argv.includes('--no-open')) {
    say('not opening VS Code (--no-open). Open the workspace above with the extension loaded:');
    say(`  code --extensionDevelopmentPath=${root} ${workspace}`);
  } else if (useDesktop) {
    say('opening desktop VS Code with the extension loaded…');
    const r = spawnSync('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
    if (r.status !== 0) return fail('`code` failed to open the workspace');
  } else {
    say('no `code` command: starting code-server (VS Code in the browser)…');
    ensureCodeServer();
    codeServer = await startCodeServer();
    const url = workbenchUrl(codeServer, { folder: workspace, extensionDevelopmentPath: root });
    say('open this URL in a browser on this machine:');
    console.log(`\n    ${url}\n`);
  }
  say('In VS Code: open the ArmoniK view (activity bar), run "ArmoniK: Trace Result" and pick var-report,');
  say('then "ArmoniK: Show Root Cause"; hover the IDs in logs/worker.log. Press Ctrl-C here to stop.');
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
