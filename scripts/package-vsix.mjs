#!/usr/bin/env node
// `npm run package`: a production build (minified, no source maps) and a .vsix made by
// @vscode/vsce 3.9.x (the last line that runs on Node 20) with --no-dependencies: esbuild has
// bundled everything, and .vscodeignore keeps only dist/, media/, protos/ and the README's screenshots.
//
// Usage: node scripts/package-vsix.mjs [--out FILE] [--no-build]
// Prints the path of the .vsix on the last line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { root } from './code-server-session.mjs';

const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(outIndex >= 0 ? argv[outIndex + 1] : join(root, `${pkg.name}-${pkg.version}.vsix`));

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`package-vsix: ${what} failed (exit ${r.status})`);
    process.exit(1);
  }
}

if (!argv.includes('--no-build')) {
  run(process.execPath, ['scripts/gen-wire-types.mjs', '--quiet'], 'generating wire types');
  run(process.execPath, ['esbuild.config.mjs', '--production', '--only=extension,extension-core,webview,simulator,cli'], 'the production build');
}
for (const bundle of ['extension', 'extension-core', 'webview', 'simulator', 'cli']) {
  if (!existsSync(join(root, 'dist', `${bundle}.js`))) {
    console.error(`package-vsix: dist/${bundle}.js is missing; run without --no-build`);
    process.exit(1);
  }
}

const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
if (!existsSync(vsce)) {
  console.error('package-vsix: @vscode/vsce is not installed (npm install)');
  process.exit(1);
}
// The README's screenshots ship in the VSIX (see .vscodeignore) and its links stay relative, so
// the extension's page in VS Code shows them; vsce would otherwise want a repository URL to
// rewrite them against, and fail without one.
const args = [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out];
// vsce asks interactively when there is no LICENSE file; say so instead of hanging.
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) args.push('--skip-license');
run(process.execPath, args, 'vsce package');
console.error(`package-vsix: ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
console.log(out);
