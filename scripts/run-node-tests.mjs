#!/usr/bin/env node
// Runs every *.test.ts below the given folders with Node's built-in test runner.
// Node 20 cannot expand globs for --test nor strip types, so we list files and load tsx.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const passThrough = args.filter((a) => a.startsWith('--'));
const roots = args.filter((a) => !a.startsWith('--'));
if (roots.length === 0) roots.push('test/unit', 'test/integration');

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) collect(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const files = roots.flatMap((r) => (r.endsWith('.test.ts') ? [r] : collect(resolve(r), []))).sort();
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...passThrough, ...files], { stdio: 'inherit' });
process.exit(run.status ?? 1);
