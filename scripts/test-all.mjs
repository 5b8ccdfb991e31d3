#!/usr/bin/env node
// `npm test`: every test of the project, in the order a failure is cheapest to find:
// type checks, bundles, plain-Node unit and integration tests, suites inside a real VS Code
// extension host (code-server), then Playwright UI tests in Chromium. Installs code-server on
// first use. Ends with one line `N passed, N failed` summing all phases.
//
//   npm test [-- --only=typecheck,build,node,browser,host,ui] [-- --skip=ui]
import { spawn } from 'node:child_process';

const argv = process.argv.slice(2);
const listArg = (name) => {
  const a = argv.find((x) => x.startsWith(`--${name}=`));
  return a ? new Set(a.slice(name.length + 3).split(',')) : undefined;
};
const only = listArg('only');
const skip = listArg('skip') ?? new Set();

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const node = process.execPath;
const phases = [
  { name: 'typecheck', cmd: npm, args: ['run', '--silent', 'typecheck'], counts: false },
  { name: 'build', cmd: node, args: ['esbuild.config.mjs'], counts: false },
  { name: 'node', cmd: node, args: ['scripts/run-node-tests.mjs', 'test/unit', 'test/integration'], counts: true },
  // Webview in a plain Chromium page (fast, no VS Code): rendering, XSS, export.
  { name: 'browser', cmd: node, args: ['scripts/run-node-tests.mjs', '--test-concurrency=1', 'test/webview'], counts: true },
  { name: 'host', cmd: node, args: ['scripts/vscode-host-tests.mjs', '--no-build'], counts: true },
  { name: 'ui', cmd: node, args: ['scripts/ui-tests.mjs', '--no-build'], counts: true },
].filter((p) => (!only || only.has(p.name)) && !skip.has(p.name));

/** Reads pass/fail counts from Node's test runner (spec or TAP) or a plain `N passed, N failed`. */
function countsIn(output) {
  const plain = [...output.matchAll(/(\d+) passed, (\d+) failed/g)].pop();
  const pass = [...output.matchAll(/^(?:ℹ|#) pass (\d+)$/gm)].pop();
  const fail = [...output.matchAll(/^(?:ℹ|#) fail (\d+)$/gm)].pop();
  if (pass && fail) return { passed: Number(pass[1]), failed: Number(fail[1]) };
  if (plain) return { passed: Number(plain[1]), failed: Number(plain[2]) };
  return undefined;
}

function run(phase) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${phase.name}: ${[phase.cmd, ...phase.args].join(' ')}`);
    const child = spawn(phase.cmd, phase.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    const keep = (chunk, sink) => {
      const text = chunk.toString();
      output += text;
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
      sink.write(text);
    };
    child.stdout.on('data', (c) => keep(c, process.stdout));
    child.stderr.on('data', (c) => keep(c, process.stderr));
    child.on('close', (code) => resolve({ phase, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }));
  });
}

let passed = 0;
let failed = 0;
const report = [];
for (const phase of phases) {
  const { code, output, seconds } = await run(phase);
  const counts = phase.counts ? countsIn(output) : undefined;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  // A phase that fails without reporting a failed test (crash, type error) counts as one failure.
  if (code !== 0 && (!counts || counts.failed === 0)) failed += 1;
  report.push(`${code === 0 ? '✔' : '✖'} ${phase.name.padEnd(10)} ${seconds.toFixed(0).padStart(4)} s${counts ? `  ${counts.passed} passed, ${counts.failed} failed` : ''}`);
  if (code !== 0 && (phase.name === 'typecheck' || phase.name === 'build')) {
    report.push('  (stopping: later phases need a clean type check and build)');
    break;
  }
}
console.log(`\n${report.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
