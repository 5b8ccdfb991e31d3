// Entry of the in-host test suites (bundled to dist/test/vscode/index.js, loaded by the
// extension host as `extensionTestsPath`). Suites register on import, in this order.

import './activation.suite';
import './connection.suite';
import './tree.suite';
import './trace.suite';
import './hover.suite';
import { PACKAGED_SUITE } from './packaged.suite';
import { runAll } from './harness';
import { BENCH_MARK, runHostBench } from '../../bench/extension-host';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function run(): Promise<void> {
  if (process.env.ARMONIK_BENCH) {
    // `npm run bench -- extension`: measure instead of testing.
    console.log(`${BENCH_MARK}${JSON.stringify(await runHostBench())}`);
    return;
  }
  // The packaged-extension suite needs the VSIX installed and no development copy loaded: it runs
  // alone, when test/ui/vsix.test.ts asks for it, and never with the others.
  const packaged = new RegExp(`^${escape(PACKAGED_SUITE)} › `);
  const grep = process.env.ARMONIK_TEST_VSIX ? packaged : process.env.ARMONIK_TEST_GREP ? new RegExp(process.env.ARMONIK_TEST_GREP) : undefined;
  const summary = await runAll(grep, process.env.ARMONIK_TEST_VSIX ? undefined : packaged);
  if (summary.failed > 0) throw new Error(`${summary.failed} in-host test(s) failed`);
}
