// Fidelity audit, all of reference §11 at once: every built-in scenario is run on a manual clock
// and, at several moments, everything a client can list is read over the wire and checked against
// the relations Core maintains (§11.1–§11.7). Where the focused tests probe one rule at a time,
// this sweep catches combinations nobody wrote a test for.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isFinalTaskStatus, RETRY_SEPARATOR, type TaskStatus } from '../../../src/armonik/model';
import type { WireResultRaw, WireSessionRaw, WireTaskDetailed } from '../../../src/armonik/wire/types';
import { listRequest, resultField, rpc, sessionField, taskField } from './grpc-test-client';
import { readEvents, type EventReader } from './event-stream-reader';
import { ms } from './fidelity-fixture';
import { startTestSimulator, type TestSimulator } from './simulator-fixture';

interface Snapshot {
  sessions: WireSessionRaw[];
  tasks: Map<string, WireTaskDetailed>;
  results: Map<string, WireResultRaw>;
  counts: Map<string, number>;
}

async function snapshot(t: TestSimulator): Promise<Snapshot> {
  const all = { or: [] } as never;
  const pageSize = 500;
  const tasks = new Map<string, WireTaskDetailed>();
  for (let page = 0; ; page++) {
    const reply = await rpc(t.c.tasks, 'ListTasksDetailed', listRequest(all, taskField('CREATED_AT'), { page, pageSize }) as never);
    for (const task of reply.tasks) tasks.set(task.id, task);
    if ((page + 1) * pageSize >= reply.total) break;
  }
  const results = new Map<string, WireResultRaw>();
  for (let page = 0; ; page++) {
    const reply = await rpc(t.c.results, 'ListResults', listRequest(all, resultField('CREATED_AT'), { page, pageSize }) as never);
    for (const result of reply.results) results.set(result.resultId, result);
    if ((page + 1) * pageSize >= reply.total) break;
  }
  const sessions = (await rpc(t.c.sessions, 'ListSessions', listRequest(all, sessionField('CREATED_AT'), { pageSize: 1000 }) as never)).sessions;
  const counts = new Map((await rpc(t.c.tasks, 'CountTasksByStatus', { filters: all })).status.map((s) => [s.status as string, s.count]));
  return { sessions, tasks, results, counts };
}

const short = (status: string): TaskStatus => status.replace('TASK_STATUS_', '') as TaskStatus;

/** Every relation of §11.1–§11.7 that holds at any moment; returns the violations found. */
function violations(s: Snapshot): string[] {
  const out: string[] = [];
  const fail = (what: string) => out.push(what);
  const sessionIds = new Set(s.sessions.map((x) => x.sessionId));

  const byStatus = new Map<string, number>();
  for (const task of s.tasks.values()) byStatus.set(task.status, (byStatus.get(task.status) ?? 0) + 1);
  if (JSON.stringify([...byStatus].sort()) !== JSON.stringify([...s.counts].sort())) fail(`CountTasksByStatus ${JSON.stringify([...s.counts])} differs from the listing ${JSON.stringify([...byStatus])}`);

  for (const task of s.tasks.values()) {
    const id = task.id;
    const status = short(task.status);
    if (!sessionIds.has(task.sessionId)) fail(`${id}: unknown session`);
    if (task.statusMessage !== '') fail(`${id}: status_message is not empty`);
    if (status === 'PROCESSED' || status === 'UNSPECIFIED') fail(`${id}: status ${status}`);
    // Identifiers (§11.1).
    if (task.parentTaskIds[0] !== task.sessionId) fail(`${id}: parent_task_ids does not start with the session`);
    const isRetry = task.retryOfIds.length > 0;
    if (isRetry) {
      if (id !== `${task.initialTaskId}${RETRY_SEPARATOR}${task.retryOfIds.length}`) fail(`${id}: retry name does not match retry_of_ids`);
      if (task.retryOfIds[0] !== task.initialTaskId) fail(`${id}: retry_of_ids does not start with the initial task`);
      if (task.createdBy !== task.retryOfIds.at(-1)) fail(`${id}: a retry is created by the failed attempt`);
      const previous = s.tasks.get(task.createdBy);
      if (!previous || previous.status !== 'TASK_STATUS_RETRIED') fail(`${id}: the previous attempt is not RETRIED`);
      else if (JSON.stringify(previous.parentTaskIds) !== JSON.stringify(task.parentTaskIds)) fail(`${id}: a retry keeps the parents`);
    } else {
      if (task.initialTaskId !== id) fail(`${id}: a first attempt is its own initial task`);
      if (task.createdBy === '') {
        if (task.parentTaskIds.length !== 1) fail(`${id}: a client task has parents [session]`);
      } else {
        const parent = s.tasks.get(task.createdBy);
        if (!parent) fail(`${id}: unknown creator ${task.createdBy}`);
        else if (JSON.stringify(task.parentTaskIds) !== JSON.stringify([...parent.parentTaskIds, parent.id])) fail(`${id}: parents are not the parent's plus the parent`);
        else if (parent.status !== 'TASK_STATUS_COMPLETED') fail(`${id}: subtasks exist only once their parent COMPLETED (got ${parent.status})`);
      }
    }
    // Output (§11.1, §11.6).
    const output = task.output!;
    if (status === 'COMPLETED' && !(output.success && output.error === '')) fail(`${id}: COMPLETED without success`);
    if ((status === 'ERROR' || status === 'TIMEOUT' || status === 'RETRIED') && (output.success || output.error === '')) fail(`${id}: ${status} without an error`);
    if (!isFinalTaskStatus(status) && status !== 'CANCELLING' && output.error !== '') fail(`${id}: ${status} has an error already`);
    // Timestamps (§11.2).
    const set = (name: keyof WireTaskDetailed) => task[name] !== null;
    if (!set('createdAt')) fail(`${id}: no created_at`);
    const ended = set('endedAt');
    if ((isFinalTaskStatus(status) || status === 'CANCELLING') !== ended) fail(`${id}: ${status} with ended_at ${ended ? 'set' : 'unset'}`);
    if (['SUBMITTED', 'DISPATCHED', 'PROCESSING', 'COMPLETED', 'PAUSED'].includes(status) && !set('submittedAt')) fail(`${id}: ${status} without submitted_at`);
    if (['DISPATCHED', 'PROCESSING'].includes(status) && (task.ownerPodId === '' || task.podHostname === '' || !set('acquiredAt') || !set('receivedAt'))) fail(`${id}: ${status} without its agent`);
    if (['PROCESSING', 'COMPLETED'].includes(status) && (!set('startedAt') || !set('fetchedAt') || !set('podTtl'))) fail(`${id}: ${status} without started_at/fetched_at/pod_ttl`);
    if (['CREATING', 'PENDING', 'SUBMITTED'].includes(status) && (set('startedAt') || task.ownerPodId !== '')) fail(`${id}: ${status} but already taken by an agent`);
    if (status === 'COMPLETED') {
      const order = [task.createdAt, task.submittedAt, task.receivedAt, task.acquiredAt, task.fetchedAt, task.startedAt, task.processedAt, task.endedAt].map((x) => ms(x)!);
      if (order.some((v, i) => i > 0 && v < order[i - 1]!)) fail(`${id}: timestamps out of order ${order.join(',')}`);
    }
    // Readiness (§11.2, §11.3): past PENDING only with every input COMPLETED; PENDING only while one is missing.
    const inputs = [...task.dataDependencies, task.payloadId];
    const missing = inputs.filter((r) => s.results.get(r)?.status !== 'RESULT_STATUS_COMPLETED');
    if (['SUBMITTED', 'DISPATCHED', 'PROCESSING', 'COMPLETED'].includes(status) && missing.length > 0) fail(`${id}: ${status} with inputs not COMPLETED: ${missing.join(',')}`);
    if (status === 'PENDING' && missing.length === 0) fail(`${id}: PENDING with every input COMPLETED`);
    for (const r of inputs) if (!s.results.has(r)) fail(`${id}: unknown input ${r}`);
  }

  for (const result of s.results.values()) {
    const id = `${result.name} (${result.resultId})`;
    if (!sessionIds.has(result.sessionId)) fail(`${id}: unknown session`);
    const owner = result.ownerTaskId;
    if (owner !== '' && owner !== result.sessionId && !s.tasks.has(owner)) fail(`${id}: unknown owner ${owner}`);
    if (owner !== '' && s.tasks.has(owner) && !s.tasks.get(owner)!.expectedOutputIds.includes(result.resultId) && result.createdBy !== owner) {
      fail(`${id}: owned by ${owner}, which neither produces nor created it`);
    }
    if (result.createdBy !== '' && !s.tasks.has(result.createdBy)) fail(`${id}: unknown creator`);
    const hasData = result.opaqueId.length > 0;
    switch (result.status) {
      case 'RESULT_STATUS_COMPLETED':
        if (!hasData || !result.completedAt) fail(`${id}: COMPLETED without data or completed_at`);
        break;
      case 'RESULT_STATUS_CREATED':
        if (hasData || result.completedAt || Number(result.size) !== 0) fail(`${id}: CREATED with data`);
        if (owner !== '' && s.tasks.has(owner)) {
          const ownerStatus = short(s.tasks.get(owner)!.status);
          if (['ERROR', 'TIMEOUT', 'RETRIED'].includes(ownerStatus)) fail(`${id}: still CREATED though its owner is ${ownerStatus}`);
        }
        break;
      case 'RESULT_STATUS_ABORTED':
        if (hasData) fail(`${id}: ABORTED with data`);
        break;
      case 'RESULT_STATUS_DELETED':
        if (hasData) fail(`${id}: DELETED with an opaque_id`);
        break;
      default:
        fail(`${id}: status ${result.status}`);
    }
  }
  return out;
}

/** The state a client following GetEvents believes in: latest status of every task, latest
 * status and owner of every result. */
function stateFromEvents(readers: EventReader[]): { tasks: Map<string, string>; results: Map<string, string> } {
  const tasks = new Map<string, string>();
  const results = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const reader of readers) {
    for (const e of reader.received) {
      if (e.newTask) tasks.set(e.newTask.taskId, e.newTask.status);
      if (e.taskStatusUpdate) tasks.set(e.taskStatusUpdate.taskId, e.taskStatusUpdate.status);
      if (e.newResult) {
        results.set(e.newResult.resultId, e.newResult.status);
        owners.set(e.newResult.resultId, e.newResult.ownerId);
      }
      if (e.resultStatusUpdate) results.set(e.resultStatusUpdate.resultId, e.resultStatusUpdate.status);
      if (e.resultOwnerUpdate) owners.set(e.resultOwnerUpdate.resultId, e.resultOwnerUpdate.currentOwnerId);
    }
  }
  const combined = new Map([...results].map(([id, status]) => [id, `${status} owner=${owners.get(id)}`]));
  return { tasks, results: combined };
}

function eventDrift(readers: EventReader[], s: Snapshot): string[] {
  const seen = stateFromEvents(readers);
  const out: string[] = [];
  for (const task of s.tasks.values()) if (seen.tasks.get(task.id) !== task.status) out.push(`task ${task.id}: events say ${seen.tasks.get(task.id)}, listing ${task.status}`);
  for (const r of s.results.values()) {
    const listed = `${r.status} owner=${r.ownerTaskId}`;
    if (seen.results.get(r.resultId) !== listed) out.push(`result ${r.name}: events say ${seen.results.get(r.resultId)}, listing ${listed}`);
  }
  if (seen.tasks.size !== s.tasks.size || seen.results.size !== s.results.size) out.push(`events know ${seen.tasks.size} tasks and ${seen.results.size} results`);
  return out;
}

for (const [scenario, params, moments] of [
  ['diamond', {}, [0, 300, 2_000, 60_000]],
  ['htcmock', { depth: 2, fanOut: 3, workers: 3 }, [0, 500, 3_000, 10_000, 120_000]],
  ['failing', {}, [0, 1_000, 5_000, 60_000]],
  ['retries', {}, [0, 1_000, 5_000, 60_000]],
  ['stuck', {}, [0, 1_000, 60_000]],
  ['demo', {}, [0, 2_000, 10_000, 50_000, 200_000]],
  ['large', { tasks: 3_000, cone: 200, workers: 4 }, [0, 5_000, 60_000]],
] as const) {
  describe(`fidelity sweep: ${scenario}`, () => {
    let t: TestSimulator;
    let readers: EventReader[];
    before(async () => {
      t = await startTestSimulator({ scenario, params });
      readers = [...t.sim.engine.sessions()].map((session) => readEvents(t.c, { sessionId: session.sessionId }));
    });
    after(async () => {
      for (const reader of readers) reader.cancel();
      await t.stop();
    });

    it(`keeps Core's relations between sessions, tasks and results at ${moments.join(', ')} virtual ms`, async () => {
      let elapsed = 0;
      for (const at of moments) {
        t.sim.engine.advance(at - elapsed);
        elapsed = at;
        const found = violations(await snapshot(t));
        assert.deepEqual(found.slice(0, 20), [], `${scenario} at ${at} ms: ${found.length} violation(s)`);
      }
    });

    it('reports every change on GetEvents: a client following the streams ends up with the listed state', async () => {
      const final = await snapshot(t);
      const deadline = Date.now() + 10_000;
      let drift = eventDrift(readers, final);
      while (drift.length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        drift = eventDrift(readers, final);
      }
      assert.deepEqual(drift.slice(0, 20), [], `${drift.length} difference(s)`);
      for (const reader of readers) assert.equal(reader.error(), undefined);
    });
  });
}
