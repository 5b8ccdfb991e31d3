// Simulator benchmark (`npm run bench -- simulator`, or `node --import tsx bench/simulator.ts`):
//  - the engine's figures from bench/simulator-engine.ts (time and peak memory to build `large`,
//    sustained transitions per second);
//  - the gRPC layer's figures over loopback, against a simulator running `large` in a child
//    process (as in real use): paging through the whole session with ListTasks pages of 1,000
//    (what the trace benchmark's naive approach does), cone-style OR-of-500-IDs lookups, a
//    page_size = 0 count, and the GetEvents replay rate.
// Options: --tasks=N (default 1,000,000), --quick (100,000 tasks, smaller engine run),
//          --skip-engine. It prints figures and never fails on a goal.

import * as grpc from '@grpc/grpc-js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { clientConstructors, serviceDefinitions } from '../src/armonik/wire/load';
import type { WireListTasksRequestInput, WireTaskSummary } from '../src/armonik/wire/types';

const SELF = __filename;
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

// ---- child: serve `large` and report build figures ------------------------------------------

async function serve(tasks: number): Promise<void> {
  const { startSimulator } = await import('../src/simulator/simulator');
  const t0 = performance.now();
  const sim = await startSimulator({ scenario: 'large', params: { tasks }, clock: { kind: 'manual' }, port: 0 });
  const buildMs = performance.now() - t0;
  const target = sim.targets[0];
  process.stdout.write(`${JSON.stringify({ endpoint: sim.endpoint, sessionId: target.sessionId, buildMs, rssMiB: process.memoryUsage().rss / 1048576 })}\n`);
  // The parent asks for the final memory figures, then ends us.
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'stats') {
      process.stdout.write(`${JSON.stringify({ peakRssMiB: process.resourceUsage().maxRSS / 1024, heapUsedMiB: process.memoryUsage().heapUsed / 1048576 })}\n`);
    } else if (line === 'stop') {
      void sim.stop().then(() => process.exit(0));
    }
  });
}

// ---- parent: measure over loopback -----------------------------------------------------------

function unary<Res>(call: (cb: (error: grpc.ServiceError | null, response?: Res) => void) => void): Promise<Res> {
  return new Promise((resolve, reject) => call((error, response) => (error ? reject(error) : resolve(response!))));
}

type TaskFilters = NonNullable<WireListTasksRequestInput['filters']>;
const sessionFilter = (sessionId: string): TaskFilters => ({
  or: [{ and: [{ field: { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_SESSION_ID' } }, filterString: { value: sessionId, operator: 'FILTER_STRING_OPERATOR_EQUAL' } }] }],
});
const idsFilter = (ids: string[]): TaskFilters => ({
  or: ids.map((id) => ({ and: [{ field: { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_TASK_ID' } }, filterString: { value: id, operator: 'FILTER_STRING_OPERATOR_EQUAL' } }] })),
});
const byTaskId = { field: { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_TASK_ID' } }, direction: 'SORT_DIRECTION_ASC' } as const;

async function measureGrpc(tasks: number): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', SELF, '--serve', `--tasks=${tasks}`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const nextLine = (): Promise<string> => new Promise((resolve) => lines.once('line', resolve));
  const ready = JSON.parse(await nextLine()) as { endpoint: string; sessionId: string; buildMs: number; rssMiB: number };
  out['server.large_tasks'] = tasks;
  out['server.start_with_large_s'] = round(ready.buildMs / 1000, 2);
  out['server.rss_after_start_MiB'] = round(ready.rssMiB);

  const address = ready.endpoint.replace(/^https?:\/\//, '');
  const client = new (clientConstructors().tasks)(address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  const list = (request: WireListTasksRequestInput) => unary<{ tasks: WireTaskSummary[]; total: number }>((cb) => client.ListTasks(request, cb));

  // page_size = 0: the cheap count.
  let t = performance.now();
  const count = await list({ page: 0, pageSize: 0, filters: sessionFilter(ready.sessionId), sort: byTaskId });
  out['grpc.count_session_ms'] = round(performance.now() - t);
  out['grpc.count_session_total'] = count.total;

  // The naive approach: every page of 1,000 of the session, sorted by task ID — once decoded
  // as a client would (proto-loader objects), once as raw bytes, which isolates the server and
  // transport from the client's decoding cost.
  const pageSize = 1000;
  t = performance.now();
  const first = await list({ page: 0, pageSize, filters: sessionFilter(ready.sessionId), sort: byTaskId });
  out['grpc.first_page_ms'] = round(performance.now() - t);
  const ids: string[] = first.tasks.map((x) => x.id);
  let pages = 1;
  for (let page = 1; page * pageSize < first.total; page++) {
    const reply = await list({ page, pageSize, filters: sessionFilter(ready.sessionId), sort: byTaskId });
    for (const task of reply.tasks) ids.push(task.id);
    pages++;
  }
  const allMs = performance.now() - t;
  out['grpc.list_all_pages'] = pages;
  out['grpc.list_all_rows'] = ids.length;
  out['grpc.list_all_s'] = round(allMs / 1000, 2);
  out['grpc.list_pages_per_s'] = round((pages / allMs) * 1000);
  out['grpc.list_rows_per_s'] = Math.round((ids.length / allMs) * 1000);
  const definition = serviceDefinitions().tasks.ListTasks;
  const raw = new grpc.Client(address, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 64 * 1024 * 1024 });
  t = performance.now();
  let bytes = 0;
  for (let page = 0; page < pages; page++) {
    const request = { page, pageSize, filters: sessionFilter(ready.sessionId), sort: byTaskId };
    const reply = await unary<Buffer>((cb) => raw.makeUnaryRequest(definition.path, definition.requestSerialize as (r: object) => Buffer, (b: Buffer) => b, request, cb));
    bytes += reply.length;
  }
  const rawMs = performance.now() - t;
  raw.close();
  out['grpc.raw_pages_per_s'] = round((pages / rawMs) * 1000);
  out['grpc.raw_MiB_per_s'] = round(bytes / 1048576 / (rawMs / 1000));

  // Cone-style lookups: OR of 500 task-ID equalities, random IDs from the whole session.
  const batches = 40;
  t = performance.now();
  let found = 0;
  for (let b = 0; b < batches; b++) {
    const wanted = Array.from({ length: 500 }, (_, i) => ids[(b * 7919 + i * 104729) % ids.length]);
    const reply = await list({ page: 0, pageSize: 500, filters: idsFilter(wanted), sort: byTaskId });
    found += reply.tasks.length;
  }
  const orMs = performance.now() - t;
  out['grpc.or500_requests_per_s'] = round((batches / orMs) * 1000);
  out['grpc.or500_ms_per_request'] = round(orMs / batches, 2);
  out['grpc.or500_rows_found'] = found;
  client.close();

  // GetEvents replay (NEW_TASK only): events per second over the first part of the replay.
  const events = new (clientConstructors().events)(address, grpc.credentials.createInsecure());
  const limit = Math.min(200_000, tasks);
  t = performance.now();
  await new Promise<void>((resolve, reject) => {
    let received = 0;
    const stream = events.GetEvents({ sessionId: ready.sessionId, returnedEvents: ['EVENTS_ENUM_NEW_TASK'] });
    stream.on('data', () => {
      if (++received === limit) {
        stream.cancel();
        resolve();
      }
    });
    stream.on('error', (error: grpc.ServiceError) => (error.code === grpc.status.CANCELLED ? resolve() : reject(error)));
  });
  const evMs = performance.now() - t;
  out['grpc.events_replay_count'] = limit;
  out['grpc.events_replay_per_s'] = Math.round((limit / evMs) * 1000);
  events.close();

  child.stdin.write('stats\n');
  const stats = JSON.parse(await nextLine()) as { peakRssMiB: number; heapUsedMiB: number };
  out['server.peak_rss_MiB'] = round(stats.peakRssMiB);
  out['server.heap_used_MiB'] = round(stats.heapUsedMiB);
  child.stdin.write('stop\n');
  await new Promise((resolve) => child.once('exit', resolve));
  return out;
}

function print(title: string, figures: Record<string, number | string>): void {
  console.log(`\n-- ${title}`);
  for (const [k, v] of Object.entries(figures)) console.log(`${k.padEnd(36)} ${v}`);
}

async function main(): Promise<void> {
  const quick = flag('quick');
  const tasks = Number((arg('tasks') ?? (quick ? '100000' : '1000000')).replaceAll('_', ''));
  if (flag('serve')) return serve(tasks);
  if (!flag('skip-engine')) {
    const { runEngineBench, ENGINE_GOALS } = await import('./simulator-engine');
    const engine = await runEngineBench({ largeTasks: tasks, wideTasks: quick ? 20_000 : 100_000 });
    print(`engine (goals: large < ${ENGINE_GOALS.largeBuildSeconds} s and < ${ENGINE_GOALS.largePeakRssMiB} MiB; ≥ ${ENGINE_GOALS.transitionsPerSecond} transitions/s)`, engine);
    (globalThis as { gc?: () => void }).gc?.();
  }
  print(`gRPC over loopback (simulator in a child process, ${tasks} tasks)`, await measureGrpc(tasks));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
