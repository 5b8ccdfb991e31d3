#!/usr/bin/env node
// Runs the Playwright UI tests (test/ui/*.test.ts, node:test + playwright-core) against
// code-server in Debian's Chromium: installs code-server if needed, builds, then runs the specs.
//
// Usage: node scripts/ui-tests.mjs [--no-build] [test/ui/some.test.ts …]
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build, ensureCodeServer, root } from './code-server-session.mjs';

const argv = process.argv.slice(2);
ensureCodeServer();
if (!argv.includes('--no-build')) build();
const files = argv.filter((a) => !a.startsWith('--'));
// One spec file at a time: each opens its own VS Code, and the machine has 2 cores.
const r = spawnSync(process.execPath, [join(root, 'scripts', 'run-node-tests.mjs'), '--test-concurrency=1', ...(files.length ? files : ['test/ui'])], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(r.status ?? 1);
