// Prepares the demo workspace for a running simulator: a copy of test/fixtures/workspace whose
// settings point at the simulator and whose logs/worker.log reads like `kubectl logs` of the
// workers, with the real task, result and session IDs of the run. With `follow`, the log keeps
// growing from the session's events (like `kubectl logs -f`) until stopped.
//
// Used by scripts/demo.mjs (through `node --import tsx scripts/demo-workspace.ts …`), by the UI
// tests and by the extension benchmark.
//   node --import tsx scripts/demo-workspace.ts --endpoint URL --out DIR [--follow] [--admin-url URL]

import { appendFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ArmoniKClient } from '../src/armonik/api';
import { createClient } from '../src/armonik/client';
import type { Task, TaskSummary } from '../src/armonik/model';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoWorkspace {
  dir: string;
  logFile: string;
  /** IDs written into the log, for tests. */
  ids: { sessionId: string; taskIds: string[]; resultIds: string[] };
  /** Stops following (when started with `follow`). */
  stop(): void;
}

function stamp(date: Date = new Date()): string {
  return date.toISOString();
}

function pod(task: Pick<TaskSummary, 'podHostname' | 'options'>): string {
  return task.podHostname || `armonik-compute-${task.options?.partitionId || 'default'}`;
}

/** One `kubectl logs`-style line (or several, for an error with its stack trace) about a task.
 * IDs come first so that they stay visible in a narrow editor. */
function lineFor(task: TaskSummary | Task, when?: Date): string[] {
  const at = stamp(when);
  const where = `[pod=${pod(task)} partition=${task.options?.partitionId || 'default'}]`;
  switch (task.status) {
    case 'PROCESSING':
    case 'DISPATCHED':
      return [`${at} info  Task ${task.id} processing (session ${task.sessionId})`];
    case 'COMPLETED':
      return [`${at} info  Task ${task.id} completed`];
    case 'ERROR':
    case 'TIMEOUT': {
      const error = 'error' in task ? task.error : (task.output?.error ?? '');
      const [first, ...rest] = (error || 'no error text').split('\n');
      return [`${at} fail  Task ${task.id} failed: ${first} ${where}`, ...rest.map((l) => `      ${l.trimStart()}`)];
    }
    case 'SUBMITTED':
      return [`${at} info  Task ${task.id} queued on partition ${task.options?.partitionId || 'default'}`];
    default:
      return [`${at} debug Task ${task.id} is ${task.status}`];
  }
}

async function writeInitialLog(client: ArmoniKClient, logFile: string, sessionId: string, targets: Array<{ name: string; resultId: string }>): Promise<DemoWorkspace['ids']> {
  const lines: string[] = [`${stamp()} info  Session ${sessionId} opened by Acme.Pricing 3.1.0`];
  for (const t of targets) lines.push(`${stamp()} info  Result ${t.resultId} (${t.name}) requested by the client`);
  const page = await client.tasks.list({ where: { sessionId }, sort: { field: 'createdAt', direction: 'asc' }, pageSize: 200 });
  const interesting = page.items.filter((t) => t.status !== 'PENDING' && t.status !== 'CREATING');
  for (const t of interesting) lines.push(...lineFor(t, t.endedAt ?? t.startedAt ?? t.submittedAt));
  writeFileSync(logFile, `${lines.join('\n')}\n`);
  return { sessionId, taskIds: interesting.map((t) => t.id), resultIds: targets.map((t) => t.resultId) };
}

/** Copies the fixture workspace to `dir` and points it at `endpoint`. */
export async function prepareDemoWorkspace(options: {
  endpoint: string;
  dir: string;
  targets: Array<{ name: string; resultId: string; sessionId: string }>;
  follow?: boolean;
  adminUrl?: string;
  extraSettings?: Record<string, unknown>;
}): Promise<DemoWorkspace> {
  const { dir, endpoint } = options;
  cpSync(join(root, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
  const settings: Record<string, unknown> = {
    'armonik.endpoint': endpoint,
    'armonik.simulator.scenario': 'demo',
    'files.associations': { '*.log': 'log' },
    '[log]': { 'editor.wordWrap': 'on' },
    // The workspace lives under the repository's .vscode-test: keep Git from offering to open
    // the repository around it, a popup that has nothing to do with the demo.
    'git.openRepositoryInParentFolders': 'never',
    ...(options.adminUrl ? { 'armonik.adminUrl': options.adminUrl } : {}),
    ...options.extraSettings,
  };
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  const logFile = join(dir, 'logs', 'worker.log');
  const client = createClient(endpoint, { timeoutMs: 10_000 });
  const sessionId = options.targets[0]?.sessionId ?? (await client.sessions.list({ pageSize: 1 })).items[0]?.sessionId ?? '';
  const ids = await writeInitialLog(client, logFile, sessionId, options.targets);
  if (!options.follow || !sessionId) {
    client.close();
    return { dir, logFile, ids, stop: () => undefined };
  }
  const subscription = client.events.subscribe(sessionId, { kinds: ['taskStatusUpdate'] });
  void (async () => {
    try {
      for await (const event of subscription) {
        if (event.kind !== 'taskStatusUpdate') continue;
        if (!['PROCESSING', 'COMPLETED', 'ERROR', 'TIMEOUT'].includes(event.status)) continue;
        const task = await client.tasks.get(event.taskId).catch(() => undefined);
        if (task) appendFileSync(logFile, `${lineFor(task).join('\n')}\n`);
      }
    } catch {
      // The simulator stopped: the log simply stops growing, like `kubectl logs -f` would.
    }
  })();
  return {
    dir,
    logFile,
    ids,
    stop: () => {
      subscription.close();
      client.close();
    },
  };
}

async function main(argv: string[]): Promise<void> {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const endpoint = value('--endpoint');
  const out = value('--out');
  if (!endpoint || !out) {
    console.error('usage: demo-workspace.ts --endpoint URL --out DIR [--targets JSON] [--follow] [--admin-url URL]');
    process.exit(2);
  }
  const targets = JSON.parse(value('--targets') ?? '[]') as Array<{ name: string; resultId: string; sessionId: string }>;
  const ws = await prepareDemoWorkspace({ endpoint, dir: out, targets, follow: argv.includes('--follow'), adminUrl: value('--admin-url') });
  console.log(JSON.stringify({ event: 'workspace', dir: ws.dir, logFile: ws.logFile }));
  if (argv.includes('--follow')) {
    const stop = () => {
      ws.stop();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`demo-workspace: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
