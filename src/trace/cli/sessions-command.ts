// `armonik-trace sessions`: the most recent sessions, newest first.

import { parseArgs, UsageError } from './args';
import type { CliDeps, CliIo } from './cli-io';
import { CONNECTION_OPTIONS, connect } from './connection';
import { EXIT_COMPLETED } from './exit-codes';
import { SESSIONS_HELP } from './help';

const OPTIONS = {
  ...CONNECTION_OPTIONS,
  format: { kind: 'value', choices: ['text', 'json'] },
  limit: { kind: 'value' },
  help: { kind: 'switch' },
} as const;

export async function sessionsCommand(argv: readonly string[], io: CliIo, deps: CliDeps): Promise<number> {
  const args = parseArgs(argv, OPTIONS, 'sessions');
  if (args.switches.has('help')) {
    io.stdout.write(SESSIONS_HELP);
    return EXIT_COMPLETED;
  }
  if (args.positionals.length > 0) throw new UsageError(`sessions: unexpected argument "${args.positionals[0]}"`);
  const limitArg = args.values.get('limit') ?? '20';
  const limit = Number(limitArg);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`sessions: --limit must be a whole number ≥ 1, got "${limitArg}"`);
  const json = args.values.get('format') === 'json';
  const { client, endpoint } = connect(args, io, deps, !json);
  try {
    const page = await client.sessions.list({ sort: { field: 'createdAt', direction: 'desc' }, pageSize: limit }, io.signal ? { signal: io.signal } : {});
    if (json) {
      io.stdout.write(`${JSON.stringify({ endpoint: { url: endpoint.url, source: endpoint.source }, total: page.total, sessions: page.items }, null, 2)}\n`);
      return EXIT_COMPLETED;
    }
    if (page.items.length === 0) {
      io.stdout.write('no sessions\n');
      return EXIT_COMPLETED;
    }
    const lines = page.items.map(
      (s) => `${s.sessionId}  ${s.status.padEnd(9)}  ${s.createdAt ? s.createdAt.toISOString() : '-'.padEnd(24)}  ${s.partitionIds.join(',')}`,
    );
    io.stdout.write(`${lines.join('\n')}\n${page.total > page.items.length ? `(${page.items.length} of ${page.total}; --limit to see more)\n` : ''}`);
    return EXIT_COMPLETED;
  } finally {
    client.close();
  }
}
