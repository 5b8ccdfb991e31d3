// Tasks service over the wire: submission, lookups, every filter family on task fields, sorting,
// paging, request validation and the malformed-query status.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WireTaskDetailed } from '../../../src/armonik/wire/types';
import {
  cond,
  date,
  dur,
  listRequest,
  num,
  or,
  rejectsWith,
  rpc,
  str,
  taskField,
  taskGenericField,
  taskOptionField,
  taskStatus,
} from './grpc-test-client';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

const behaviour = (b: object) => ({ options: { 'sim.behaviour': JSON.stringify(b) } });

describe('Tasks service', () => {
  let t: TestSimulator;
  let session: string;
  let other: string;
  let ids: { a: string; b: string; c: string; d: string; e: string };
  const detailed = new Map<string, WireTaskDetailed>();

  const list = async (filters: object, sortField: object = taskField('CREATED_AT'), opts: Parameters<typeof listRequest>[2] = {}) =>
    rpc(t.c.tasks, 'ListTasks', listRequest(filters, sortField, opts) as never);
  const listIds = async (filters: object, sortField?: object, opts?: Parameters<typeof listRequest>[2]) =>
    (await list(filters, sortField, opts)).tasks.map((x) => x.id);
  const inSession = cond(taskField('SESSION_ID'), str('EQUAL', '')); // placeholder, replaced in before()
  let sessionCond: typeof inSession;

  before(async () => {
    t = await startTestSimulator();
    session = await createSession(t.c);
    other = await createSession(t.c);
    sessionCond = cond(taskField('SESSION_ID'), str('EQUAL', session));
    const [out1, out2, out3, out4] = await createMetadata(t.c, session, ['out1', 'out2', 'out3', 'out4']);
    const [a, c, d] = await submitTasks(t.c, session, [
      { outputs: [out1], options: { ...behaviour({ duration: '1s' }), priority: 1 } },
      {
        outputs: [out3],
        options: {
          priority: 5,
          applicationName: 'risk',
          options: { team: 'blue', 'sim.behaviour': JSON.stringify({ duration: '2s', outcome: { kind: 'error', message: 'Matrix is singular' } }) },
        },
      },
      { outputs: [out4], options: { priority: 1, options: { team: 'red', 'sim.behaviour': JSON.stringify({ duration: '1h' }) } } },
    ]);
    t.sim.engine.advance(100);
    const [b] = await submitTasks(t.c, session, [{ outputs: [out2], inputs: [out1], options: { ...behaviour({ duration: '1s' }), priority: 1 } }]);
    const [otherOut] = await createMetadata(t.c, other, ['other-out']);
    const [e] = await submitTasks(t.c, other, [{ outputs: [otherOut] }]);
    ids = { a, b, c, d, e };
    t.sim.engine.advance(60_000);
    for (const id of Object.values(ids)) detailed.set(id, (await rpc(t.c.tasks, 'GetTask', { taskId: id })).task!);
  });
  after(() => t.stop());

  it('reaches the statuses the behaviours ask for', () => {
    assert.equal(detailed.get(ids.a)!.status, 'TASK_STATUS_COMPLETED');
    assert.equal(detailed.get(ids.b)!.status, 'TASK_STATUS_COMPLETED');
    assert.equal(detailed.get(ids.c)!.status, 'TASK_STATUS_ERROR');
    assert.equal(detailed.get(ids.d)!.status, 'TASK_STATUS_PROCESSING');
  });

  it('GetTask returns the detailed task with Core relations and merged options', () => {
    const c = detailed.get(ids.c)!;
    assert.equal(c.id, ids.c);
    assert.equal(c.sessionId, session);
    assert.equal(c.initialTaskId, ids.c);
    assert.deepEqual(c.parentTaskIds, [session]);
    assert.equal(c.options!.priority, 5);
    assert.equal(c.options!.applicationName, 'risk');
    // Session defaults fill what the task did not override.
    assert.equal(c.options!.applicationVersion, SESSION_OPTIONS.applicationVersion);
    assert.equal(c.options!.maxRetries, 2);
    assert.equal(c.options!.options.team, 'blue');
    assert.equal(c.statusMessage, '');
    assert.equal(c.output!.success, false);
    assert.match(c.output!.error, /Matrix is singular/);
    assert.ok(c.endedAt && c.createdAt, 'a finished task has created_at and ended_at');
    assert.ok(c.creationToEndDuration, 'durations are derived for finished tasks');
    const d = detailed.get(ids.d)!;
    assert.equal(d.endedAt, null, 'an unfinished task has no ended_at on the wire');
    assert.ok(d.startedAt && d.podHostname && d.ownerPodId, 'a processing task shows its pod');
  });

  it('GetTask of an unknown ID is NOT_FOUND', async () => {
    await rejectsWith(rpc(t.c.tasks, 'GetTask', { taskId: 'no-such-task' }), status.NOT_FOUND, /no-such-task/);
  });

  it('SubmitTasks echoes the creation and rejects an empty list', async () => {
    const [out] = await createMetadata(t.c, other, ['echo']);
    const [payload] = (await rpc(t.c.results, 'CreateResults', { sessionId: other, results: [{ name: 'p', data: Buffer.from('x') }] })).results;
    const reply = await rpc(t.c.tasks, 'SubmitTasks', {
      sessionId: other,
      taskCreations: [{ payloadId: payload.resultId, expectedOutputKeys: [out], dataDependencies: [] }],
    });
    assert.equal(reply.taskInfos.length, 1);
    assert.deepEqual(reply.taskInfos[0].expectedOutputIds, [out]);
    assert.equal(reply.taskInfos[0].payloadId, payload.resultId);
    assert.match(reply.taskInfos[0].taskId, /^[0-9a-f-]{36}$/);
    await rejectsWith(rpc(t.c.tasks, 'SubmitTasks', { sessionId: other, taskCreations: [] }), status.INVALID_ARGUMENT, /TaskCreations/);
  });

  it('filters strings: EQUAL, NOT_EQUAL, CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH', async () => {
    assert.deepEqual(new Set(await listIds(or([sessionCond]))), new Set([ids.a, ids.b, ids.c, ids.d]));
    assert.deepEqual(await listIds(or([cond(taskField('TASK_ID'), str('EQUAL', ids.b))])), [ids.b]);
    const notA = await listIds(or([sessionCond, cond(taskField('TASK_ID'), str('NOT_EQUAL', ids.a))]));
    assert.deepEqual(new Set(notA), new Set([ids.b, ids.c, ids.d]));
    assert.deepEqual(await listIds(or([cond(taskField('TASK_ID'), str('STARTS_WITH', ids.c.slice(0, 13)))])), [ids.c]);
    assert.deepEqual(await listIds(or([cond(taskField('TASK_ID'), str('ENDS_WITH', ids.d.slice(-12)))])), [ids.d]);
    assert.deepEqual(await listIds(or([cond(taskField('ERROR'), str('CONTAINS', 'Matrix is singular'))])), [ids.c]);
    const noError = await listIds(or([sessionCond, cond(taskField('ERROR'), str('NOT_CONTAINS', 'Matrix'))]));
    assert.deepEqual(new Set(noError), new Set([ids.a, ids.b, ids.d]));
    // Strings compare case-sensitively, like MongoDB's default collation.
    assert.deepEqual(await listIds(or([cond(taskField('ERROR'), str('CONTAINS', 'matrix is singular'))])), []);
  });

  it('filters statuses with EQUAL and NOT_EQUAL', async () => {
    assert.deepEqual(new Set(await listIds(or([sessionCond, cond(taskField('STATUS'), taskStatus('EQUAL', 'COMPLETED'))]))), new Set([ids.a, ids.b]));
    assert.deepEqual(new Set(await listIds(or([sessionCond, cond(taskField('STATUS'), taskStatus('NOT_EQUAL', 'COMPLETED'))]))), new Set([ids.c, ids.d]));
  });

  it('filters dates, including "unset" (absent value) like MongoDB null', async () => {
    const dCreated = Number(detailed.get(ids.b)!.createdAt!.seconds) * 1000 + detailed.get(ids.b)!.createdAt!.nanos / 1e6;
    const unended = await listIds(or([sessionCond, cond(taskField('ENDED_AT'), date('EQUAL', undefined))]));
    assert.deepEqual(unended, [ids.d]);
    const ended = await listIds(or([sessionCond, cond(taskField('ENDED_AT'), date('NOT_EQUAL', undefined))]));
    assert.deepEqual(new Set(ended), new Set([ids.a, ids.b, ids.c]));
    assert.deepEqual(await listIds(or([sessionCond, cond(taskField('CREATED_AT'), date('AFTER_OR_EQUAL', dCreated))])), [ids.b]);
    assert.deepEqual(new Set(await listIds(or([sessionCond, cond(taskField('CREATED_AT'), date('BEFORE', dCreated))]))), new Set([ids.a, ids.c, ids.d]));
    assert.deepEqual(await listIds(or([sessionCond, cond(taskField('CREATED_AT'), date('EQUAL', dCreated))])), [ids.b]);
    assert.deepEqual(await listIds(or([sessionCond, cond(taskField('CREATED_AT'), date('AFTER', dCreated))])), []);
  });

  it('filters durations and task-option numbers', async () => {
    const longer = await listIds(or([sessionCond, cond(taskField('PROCESSING_TO_END_DURATION'), dur('LONGER_THAN_OR_EQUAL', 1500))]));
    assert.deepEqual(longer, [ids.c], 'only the 2 s task ran 1.5 s or more');
    const shorter = await listIds(or([sessionCond, cond(taskField('PROCESSING_TO_END_DURATION'), dur('SHORTER_THAN', 1500))]));
    assert.deepEqual(new Set(shorter), new Set([ids.a, ids.b]), 'unfinished tasks have no duration and never match an ordering');
    assert.deepEqual(await listIds(or([sessionCond, cond(taskOptionField('PRIORITY'), num('GREATER_THAN', 1))])), [ids.c]);
    assert.deepEqual(new Set(await listIds(or([sessionCond, cond(taskOptionField('PRIORITY'), num('LESS_THAN_OR_EQUAL', 1))]))), new Set([ids.a, ids.b, ids.d]));
    assert.deepEqual(await listIds(or([sessionCond, cond(taskOptionField('APPLICATION_NAME'), str('EQUAL', 'risk'))])), [ids.c]);
    assert.equal((await listIds(or([sessionCond, cond(taskOptionField('MAX_DURATION'), dur('EQUAL', 300_000))]))).length, 4);
  });

  it('filters generic options; a missing key only matches negative operators', async () => {
    assert.deepEqual(await listIds(or([cond(taskGenericField('team'), str('EQUAL', 'blue'))])), [ids.c]);
    const notBlue = await listIds(or([sessionCond, cond(taskGenericField('team'), str('NOT_EQUAL', 'blue'))]));
    assert.deepEqual(new Set(notBlue), new Set([ids.a, ids.b, ids.d]));
    assert.deepEqual(new Set(await listIds(or([cond(taskGenericField('team'), str('STARTS_WITH', ''))]))), new Set([ids.c, ids.d]));
  });

  it('combines conditions: AND inside a branch, OR across branches', async () => {
    const rows = await listIds(
      or([sessionCond, cond(taskField('STATUS'), taskStatus('EQUAL', 'COMPLETED')), cond(taskField('TASK_ID'), str('NOT_EQUAL', ids.a))], [cond(taskField('TASK_ID'), str('EQUAL', ids.e))]),
    );
    assert.deepEqual(new Set(rows), new Set([ids.b, ids.e]));
    // An empty OR list matches everything.
    assert.ok((await list({ or: [] })).total >= 5);
  });

  it('sorts by any field; any direction but ASC is descending; statuses sort by enum number', async () => {
    const byStatus = await listIds(or([sessionCond]), taskField('STATUS'));
    // COMPLETED (4) < ERROR (5) < PROCESSING (9); ties keep creation order.
    assert.deepEqual(byStatus, [ids.a, ids.b, ids.c, ids.d]);
    const desc = await listIds(or([sessionCond]), taskField('STATUS'), { direction: 'DESC' });
    assert.deepEqual(desc.slice(0, 2), [ids.d, ids.c]);
    const byPriority = await listIds(or([sessionCond]), taskOptionField('PRIORITY'), { direction: 'DESC' });
    assert.equal(byPriority[0], ids.c);
    const byTeam = await listIds(or([sessionCond]), taskGenericField('team'));
    // Missing values sort first (null is lowest), then blue < red.
    assert.deepEqual(byTeam.slice(2), [ids.c, ids.d]);
    const sorted = await list(or([sessionCond]), taskField('CREATED_AT'));
    const times = sorted.tasks.map((x) => Number(x.createdAt!.seconds) * 1e3 + x.createdAt!.nanos / 1e6);
    assert.deepEqual(times, [...times].sort((x, y) => x - y));
  });

  it('pages: rows page*size…, total of all matches, page_size 0 counts only', async () => {
    const all = await listIds(or([sessionCond]), taskField('TASK_ID'));
    const page0 = await list(or([sessionCond]), taskField('TASK_ID'), { page: 0, pageSize: 3 });
    const page1 = await list(or([sessionCond]), taskField('TASK_ID'), { page: 1, pageSize: 3 });
    const page5 = await list(or([sessionCond]), taskField('TASK_ID'), { page: 5, pageSize: 3 });
    assert.deepEqual([...page0.tasks, ...page1.tasks].map((x) => x.id), all);
    assert.equal(page0.total, 4);
    assert.equal(page1.page, 1);
    assert.equal(page1.pageSize, 3);
    assert.deepEqual(page5.tasks, []);
    assert.equal(page5.total, 4);
    const count = await list(or([sessionCond]), taskField('TASK_ID'), { pageSize: 0 });
    assert.deepEqual(count.tasks, []);
    assert.equal(count.total, 4);
  });

  it('ListTasks returns summaries with counts; ListTasksDetailed the lists', async () => {
    const summary = (await list(or([cond(taskField('TASK_ID'), str('EQUAL', ids.b))]))).tasks[0];
    assert.equal(summary.countDataDependencies, 1);
    assert.equal(summary.countExpectedOutputIds, 1);
    assert.equal(summary.countParentTaskIds, 1);
    const det = await rpc(t.c.tasks, 'ListTasksDetailed', listRequest(or([cond(taskField('TASK_ID'), str('EQUAL', ids.b))]), taskField('TASK_ID')) as never);
    assert.equal(det.total, 1);
    assert.deepEqual(det.tasks[0].dataDependencies, detailed.get(ids.b)!.dataDependencies);
    const err = (await list(or([cond(taskField('TASK_ID'), str('EQUAL', ids.c))]))).tasks[0];
    assert.match(err.error, /Matrix is singular/, 'error is filled even without with_errors');
  });

  it('rejects invalid list requests with INVALID_ARGUMENT', async () => {
    const valid = listRequest(or([sessionCond]), taskField('TASK_ID'));
    const bad = async (patch: object, message: RegExp) => rejectsWith(rpc(t.c.tasks, 'ListTasks', { ...valid, ...patch } as never), status.INVALID_ARGUMENT, message);
    await bad({ page: -1 }, /Page/);
    await bad({ pageSize: -5 }, /PageSize/);
    await bad({ filters: null }, /Filters/);
    await bad({ sort: null }, /Sort/);
    await bad({ sort: { field: taskField('TASK_ID'), direction: 'SORT_DIRECTION_UNSPECIFIED' } }, /Direction/);
    await bad({ sort: { direction: 'SORT_DIRECTION_ASC' } }, /Sort.Field/);
  });

  it('answers UNKNOWN for malformed queries: wrong condition type, unset field, unknown operator', async () => {
    const run = (filters: object, sortField: object = taskField('TASK_ID')) => rpc(t.c.tasks, 'ListTasks', listRequest(filters, sortField) as never);
    await rejectsWith(run(or([cond(taskField('TASK_ID'), num('EQUAL', 3))])), status.UNKNOWN, /TASK_ID.*filter_number.*filter_string/);
    await rejectsWith(run(or([cond(taskField('STATUS'), str('EQUAL', 'COMPLETED'))])), status.UNKNOWN, /filter_status/);
    await rejectsWith(run(or([{ field: {}, ...str('EQUAL', 'x') }])), status.UNKNOWN, /task field is missing/);
    await rejectsWith(run(or([{ field: taskField('TASK_ID') }])), status.UNKNOWN, /no value condition/);
    await rejectsWith(run(or([sessionCond]), taskField('UNSPECIFIED')), status.UNKNOWN, /UNSPECIFIED/);
  });

  it('CountTasksByStatus lists only the statuses present', async () => {
    const reply = await rpc(t.c.tasks, 'CountTasksByStatus', { filters: or([sessionCond]) });
    assert.deepEqual(reply.status, [
      { status: 'TASK_STATUS_COMPLETED', count: 2 },
      { status: 'TASK_STATUS_ERROR', count: 1 },
      { status: 'TASK_STATUS_PROCESSING', count: 1 },
    ]);
  });

  it('GetResultIds maps tasks to their expected outputs and omits unknown tasks', async () => {
    const reply = await rpc(t.c.tasks, 'GetResultIds', { taskId: [ids.a, 'unknown-task', ids.b] });
    assert.deepEqual(
      reply.taskResults.map((r) => [r.taskId, r.resultIds]),
      [
        [ids.a, detailed.get(ids.a)!.expectedOutputIds],
        [ids.b, detailed.get(ids.b)!.expectedOutputIds],
      ],
    );
  });

  it('CancelTasks moves unfinished tasks to CANCELLING and returns their summaries', async () => {
    const [out] = await createMetadata(t.c, other, ['to-cancel']);
    const [victim] = await submitTasks(t.c, other, [{ outputs: [out], options: { ...behaviour({ duration: '1h' }), priority: 1 } }]);
    const reply = await rpc(t.c.tasks, 'CancelTasks', { taskIds: [victim] });
    assert.deepEqual(reply.tasks.map((x) => x.id), [victim]);
    assert.equal((await rpc(t.c.tasks, 'GetTask', { taskId: victim })).task!.status, 'TASK_STATUS_CANCELLING');
    const result = (await rpc(t.c.results, 'GetResult', { resultId: out })).result!;
    assert.equal(result.status, 'RESULT_STATUS_ABORTED', 'the cancelled task’s output is aborted');
  });
});
