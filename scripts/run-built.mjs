#!/usr/bin/env node
// `npm run simulator -- …` / `npm run trace -- …`: build the one bundle if needed, then run it
// with the remaining arguments, keeping its exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [name, ...rest] = process.argv.slice(2);
const bundle = { simulator: 'dist/simulator.js', cli: 'dist/cli.js' }[name];
if (!bundle) {
  console.error(`run-built: unknown bundle "${name}"`);
  process.exit(2);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const stale = !existsSync(bundle) || statSync(bundle).mtimeMs < Math.max(newestMtime('src'), newestMtime('protos'));
if (stale) {
  const gen = spawnSync(process.execPath, ['scripts/gen-wire-types.mjs'], { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
  const build = spawnSync(process.execPath, ['esbuild.config.mjs', `--only=${name}`], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const run = spawnSync(process.execPath, [bundle, ...rest], { stdio: 'inherit' });
process.exit(run.status ?? 1);
