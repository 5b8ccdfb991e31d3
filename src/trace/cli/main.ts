// `armonik-trace` entry point (bundled as dist/cli.js): wires the real gRPC client and the
// process into runCli.

import { createClient } from '../../armonik/client';
import { runCli } from './run-cli';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl-C: stop watching and print the last report; second: leave at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});

runCli(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), signal: controller.signal },
  { createClient: (endpoint) => createClient(endpoint) },
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`armonik-trace: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
