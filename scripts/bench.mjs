#!/usr/bin/env node
// `npm run bench -- <name…>`: runs bench/<name>.ts for each name (default: all of them) and
// prints the figures each benchmark reports. Benchmarks measure; they never fail on a goal.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const available = readdirSync('bench')
  .filter((f) => f.endsWith('.ts') && !f.includes('.'.repeat(2)) && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .filter((name) => !name.includes('-'));
const requested = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const names = requested.length > 0 ? requested : available;
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of names) {
  console.log(`\n=== bench: ${name} ===`);
  // The large scenarios need more heap than Node's default.
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--expose-gc', '--import', 'tsx', `bench/${name}.ts`, ...process.argv.slice(2).filter((a) => a.startsWith('--'))], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
