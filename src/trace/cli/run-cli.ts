// `armonik-trace` without its process: argv in, text out, exit code back. Expected failures
// (usage, configuration, connection, unknown IDs) become one clear line on stderr and exit 2;
// only unexpected ones mention a stack, and only with ARMONIK_TRACE_DEBUG set.

import { ArmoniKError } from '../../armonik/errors';
import { UsageError } from './args';
import type { CliDeps, CliIo } from './cli-io';
import { EXIT_COMPLETED, EXIT_ERROR } from './exit-codes';
import { MAIN_HELP } from './help';
import { sessionsCommand } from './sessions-command';
import { taskCommand } from './task-command';
import { traceCommand } from './trace-command';

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo, deps: CliDeps) => Promise<number>> = {
  trace: traceCommand,
  task: taskCommand,
  sessions: sessionsCommand,
};

export async function runCli(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    (command === undefined ? io.stderr : io.stdout).write(MAIN_HELP);
    return command === undefined ? EXIT_ERROR : EXIT_COMPLETED;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr.write(`armonik-trace: unknown command "${command}" (commands: ${Object.keys(COMMANDS).join(', ')}; see armonik-trace --help)\n`);
    return EXIT_ERROR;
  }
  try {
    return await run(rest, io, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`armonik-trace ${error.message}\n`);
      return EXIT_ERROR;
    }
    if (error instanceof ArmoniKError) {
      if (error.kind === 'cancelled') return EXIT_ERROR;
      io.stderr.write(`armonik-trace: ${error.message}\n`);
      return EXIT_ERROR;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`armonik-trace: unexpected error: ${message}\n`);
    if (io.env['ARMONIK_TRACE_DEBUG'] && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}
