// Server-side filtering, sorting, paging and counting through the typed client, checked against
// the same predicate applied locally to the full listing: every operator family per entity.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ResultWhere, SessionWhere, TaskWhere } from '../../../src/armonik/api';
import type { Result, Session, Task } from '../../../src/armonik/model';
import { startSimHarness, type SimHarness } from './simulator-harness';

let h: SimHarness;
let tasks: Task[];
let results: Result[];
let sessions: Session[];

before(async () => {
  h = await startSimHarness('demo');
  // Run until the calibration's subtasks exist and one of them has failed, while the pricing
  // tasks are still going: a mix of completed, running, pending, failed and queued tasks.
  const calibrate = h.taskId('calibrate-model');
  for (let i = 0; i < 300; i++) {
    h.sim.engine.advance(500);
    if ((await h.client.tasks.count({ errorContains: 'did not converge' })) > 0) break;
  }
  assert.ok((await h.client.tasks.count({ createdBy: calibrate })) > 0, 'the calibration has subtasks');
  // A second, closed session so that session filters have something to tell apart.
  const closed = await h.client.sessions.create({
    defaultTaskOptions: { options: { tier: 'gold' }, maxDurationMs: 60_000, maxRetries: 1, priority: 1, partitionId: 'gpu', applicationName: 'Other', applicationVersion: '', applicationNamespace: '', applicationService: '', engineType: '' },
    partitionIds: ['gpu'],
  });
  h.sim.engine.advance(2_000);
  await h.client.sessions.close(closed);
  tasks = [];
  for await (const t of h.client.tasks.iterateDetailed({ pageSize: 17 })) tasks.push(t);
  results = [];
  for await (const r of h.client.results.iterate({ pageSize: 13 })) results.push(r);
  sessions = [];
  for await (const s of h.client.sessions.iterate({ pageSize: 1 })) sessions.push(s);
});
after(() => h.stop());

async function serverTasks(where: TaskWhere | TaskWhere[]): Promise<string[]> {
  const ids: string[] = [];
  for await (const t of h.client.tasks.iterate({ where, pageSize: 50 })) ids.push(t.id);
  return ids.sort();
}
function localTasks(predicate: (t: Task) => boolean): string[] {
  return tasks.filter(predicate).map((t) => t.id).sort();
}
async function sameTasks(where: TaskWhere | TaskWhere[], predicate: (t: Task) => boolean, label: string): Promise<void> {
  const expected = localTasks(predicate);
  assert.deepEqual(await serverTasks(where), expected, label);
  assert.equal(await h.client.tasks.count(where), expected.length, `${label} (count)`);
}
async function sameResults(where: ResultWhere, predicate: (r: Result) => boolean, label: string): Promise<void> {
  const got: string[] = [];
  for await (const r of h.client.results.iterate({ where, pageSize: 50 })) got.push(r.resultId);
  const expected = results.filter(predicate).map((r) => r.resultId).sort();
  assert.deepEqual(got.sort(), expected, label);
  assert.equal(await h.client.results.count(where), expected.length, `${label} (count)`);
}
async function sameSessions(where: SessionWhere, predicate: (s: Session) => boolean, label: string): Promise<void> {
  const got: string[] = [];
  for await (const s of h.client.sessions.iterate({ where })) got.push(s.sessionId);
  assert.deepEqual(got.sort(), sessions.filter(predicate).map((s) => s.sessionId).sort(), label);
}

test('the fixture has a variety of statuses to filter', () => {
  const statuses = new Set(tasks.map((t) => t.status));
  for (const s of ['COMPLETED', 'SUBMITTED', 'PENDING'] as const) assert.ok(statuses.has(s), `has ${s}: ${[...statuses].join(',')}`);
  assert.equal(sessions.length, 2);
});

test('tasks: string, status, date, number, duration, option and generic-option conditions', async () => {
  const session = h.sessionId('pricing-eod');
  const some = tasks.filter((t) => t.status === 'COMPLETED').slice(0, 3);
  await sameTasks({ id: some.map((t) => t.id) }, (t) => some.includes(t), 'id any-of');
  await sameTasks({ sessionId: session }, (t) => t.sessionId === session, 'sessionId');
  await sameTasks({ status: ['PENDING', 'SUBMITTED'] }, (t) => t.status === 'PENDING' || t.status === 'SUBMITTED', 'status any-of');
  await sameTasks({ statusNot: ['COMPLETED', 'PENDING'] }, (t) => t.status !== 'COMPLETED' && t.status !== 'PENDING', 'status none-of');
  await sameTasks({ partitionId: 'gpu' }, (t) => t.options?.partitionId === 'gpu', 'partition option');
  await sameTasks({ applicationName: 'Acme.Pricing' }, (t) => t.options?.applicationName === 'Acme.Pricing', 'application option');
  await sameTasks({ priority: { min: 2, max: 2 } }, (t) => t.options?.priority === 2, 'priority number range');
  await sameTasks({ ownerPodId: some[0]!.ownerPodId }, (t) => t.ownerPodId === some[0]!.ownerPodId, 'owner pod');
  await sameTasks({ podHostname: some[0]!.podHostname }, (t) => t.podHostname === some[0]!.podHostname, 'pod hostname');
  await sameTasks({ payloadId: some[0]!.payloadId }, (t) => t.payloadId === some[0]!.payloadId, 'payload');
  await sameTasks({ initialTaskId: some[1]!.id }, (t) => t.initialTaskId === some[1]!.id, 'initial task');
  const ended = tasks.filter((t) => t.endedAt).map((t) => t.endedAt!.getTime()).sort((a, b) => a - b);
  const mid = new Date(ended[Math.floor(ended.length / 2)]!);
  await sameTasks({ endedAt: { from: mid } }, (t) => t.endedAt !== undefined && t.endedAt >= mid, 'endedAt from (inclusive)');
  await sameTasks({ endedAt: { to: mid } }, (t) => t.endedAt !== undefined && t.endedAt <= mid, 'endedAt to (inclusive)');
  const durations = tasks.filter((t) => t.creationToEndMs !== undefined).map((t) => t.creationToEndMs!).sort((a, b) => a - b);
  const median = durations[Math.floor(durations.length / 2)]!;
  await sameTasks({ creationToEndMs: { minMs: median } }, (t) => t.creationToEndMs !== undefined && t.creationToEndMs >= median, 'duration ≥');
  await sameTasks({ creationToEndMs: { maxMs: median } }, (t) => t.creationToEndMs !== undefined && t.creationToEndMs <= median, 'duration ≤');
  await sameTasks({ errorContains: 'did not converge' }, (t) => (t.output?.error ?? '').includes('did not converge'), 'error contains');
  await sameTasks({ options: { nope: 'x' } }, () => false, 'generic option that no task has');
  await sameTasks([{ status: 'PENDING' }, { partitionId: 'gpu' }], (t) => t.status === 'PENDING' || t.options?.partitionId === 'gpu', 'OR of clauses');
});

test('tasks: subtasks by created_by', async () => {
  const calibrate = h.taskId('calibrate-model');
  await sameTasks({ createdBy: calibrate }, (t) => t.createdBy === calibrate, 'created by');
  assert.ok(localTasks((t) => t.createdBy === calibrate).length > 0);
});

test('results: string, status, date, number conditions and name contains', async () => {
  const session = h.sessionId('pricing-eod');
  await sameResults({ sessionId: session, status: 'COMPLETED' }, (r) => r.sessionId === session && r.status === 'COMPLETED', 'session + status');
  await sameResults({ statusNot: 'COMPLETED' }, (r) => r.status !== 'COMPLETED', 'status not');
  await sameResults({ name: ['price-00', 'price-01'] }, (r) => r.name === 'price-00' || r.name === 'price-01', 'name any-of');
  await sameResults({ nameContains: 'fit-' }, (r) => r.name.includes('fit-'), 'name contains');
  const owned = results.find((r) => r.ownerTaskId !== '' && r.ownerTaskId !== r.sessionId)!;
  await sameResults({ ownerTaskId: owned.ownerTaskId }, (r) => r.ownerTaskId === owned.ownerTaskId, 'owner');
  const calibrate = h.taskId('calibrate-model');
  await sameResults({ createdBy: calibrate }, (r) => r.createdBy === calibrate, 'created by a task');
  await sameResults({ size: { min: 1 } }, (r) => r.size >= 1, 'size ≥ 1');
  const completed = results.filter((r) => r.completedAt).map((r) => r.completedAt!.getTime()).sort((a, b) => a - b);
  const mid = new Date(completed[Math.floor(completed.length / 2)]!);
  await sameResults({ completedAt: { to: mid } }, (r) => r.completedAt !== undefined && r.completedAt <= mid, 'completed before');
});

test('sessions: status, array, boolean, option, date and duration conditions', async () => {
  await sameSessions({ status: 'CLOSED' }, (s) => s.status === 'CLOSED', 'status');
  await sameSessions({ statusNot: 'CLOSED' }, (s) => s.status !== 'CLOSED', 'status not');
  await sameSessions({ partitionId: 'default' }, (s) => s.partitionIds.includes('default'), 'partition array contains');
  await sameSessions({ clientSubmission: false }, (s) => !s.clientSubmission, 'boolean');
  await sameSessions({ applicationName: 'Other' }, (s) => s.options?.applicationName === 'Other', 'application option');
  await sameSessions({ options: { tier: 'gold' } }, (s) => s.options?.options.tier === 'gold', 'generic option');
  await sameSessions({ durationMs: { minMs: 1 } }, (s) => (s.durationMs ?? -1) >= 1, 'duration');
  const created = sessions[0]!.createdAt!;
  await sameSessions({ createdAt: { from: created } }, (s) => s.createdAt! >= created, 'created after');
  assert.equal(await h.client.sessions.count({ status: ['RUNNING', 'CLOSED'] }), 2);
});

test('partitions: string, array and number conditions', async () => {
  const ids = async (where: Parameters<typeof h.client.partitions.list>[0]) => (await h.client.partitions.list(where)).items.map((p) => p.id).sort();
  assert.deepEqual(await ids({ where: { id: 'gpu' } }), ['gpu']);
  assert.deepEqual(await ids({ where: { podMax: { min: 5 } } }), ['default']);
  assert.deepEqual(await ids({ where: { podReserved: { max: 0 } } }), ['gpu']);
  assert.deepEqual(await ids({ where: { parentPartitionId: 'none' } }), []);
});

test('pages: disjoint, complete, honouring sort direction and total', async () => {
  const first = await h.client.tasks.list({ sort: { field: 'createdAt', direction: 'desc' }, pageSize: 10 });
  assert.equal(first.total, tasks.length);
  assert.equal(first.items.length, 10);
  for (let i = 1; i < first.items.length; i++) assert.ok(first.items[i - 1]!.createdAt! >= first.items[i]!.createdAt!);
  const pages: string[] = [];
  for (let page = 0; page * 10 < tasks.length; page++) {
    const p = await h.client.tasks.list({ page, pageSize: 10 });
    assert.equal(p.page, page);
    pages.push(...p.items.map((t) => t.id));
  }
  assert.deepEqual(pages, tasks.map((t) => t.id), 'id-sorted pages concatenate to the full listing');
  const beyond = await h.client.tasks.list({ page: 1000, pageSize: 10 });
  assert.deepEqual(beyond.items, []);
  assert.equal(beyond.total, tasks.length);
  assert.equal(await h.client.tasks.count(), tasks.length);
  const detailed = await h.client.tasks.listDetailed({ where: { id: tasks[0]!.id } });
  assert.deepEqual(detailed.items, [tasks[0]]);
});

test('countByStatus groups by status and omits absent statuses', async () => {
  const counts = await h.client.tasks.countByStatus();
  const local: Record<string, number> = {};
  for (const t of tasks) local[t.status] = (local[t.status] ?? 0) + 1;
  assert.deepEqual(counts, local);
  assert.deepEqual(await h.client.tasks.countByStatus({ id: [] }), {});
});
