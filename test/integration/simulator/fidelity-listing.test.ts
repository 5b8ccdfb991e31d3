// Fidelity audit, reference §11.11 and §10: paging (page_size 0 counts), sort direction, sort on
// a generic option, "any of N IDs" filters, and the validation every List* request goes through
// (INVALID_ARGUMENT) versus malformed sort fields (UNKNOWN), plus the other request validators.

import { status } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  applicationField,
  cond,
  listRequest,
  or,
  partitionField,
  rejectsWith,
  resultField,
  resultStatus,
  rpc,
  sessionField,
  str,
  taskField,
  taskGenericField,
  type RawClients,
} from './grpc-test-client';
import { createMetadata, createSession, SESSION_OPTIONS, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

type ListCall = (request: object) => Promise<{ total: number; page: number; pageSize: number; rows: unknown[] }>;

function listCalls(c: RawClients): Record<string, { call: ListCall; sortField: object; sortKey: 'field' | 'fields' }> {
  const wrap =
    <K extends string>(f: (r: never) => Promise<{ total: number; page: number; pageSize: number } & Record<K, unknown[]>>, key: K): ListCall =>
    async (request) => {
      const reply = await f(request as never);
      return { total: reply.total, page: reply.page, pageSize: reply.pageSize, rows: reply[key] };
    };
  return {
    ListSessions: { call: wrap((r) => rpc(c.sessions, 'ListSessions', r), 'sessions'), sortField: sessionField('CREATED_AT'), sortKey: 'field' },
    ListTasks: { call: wrap((r) => rpc(c.tasks, 'ListTasks', r), 'tasks'), sortField: taskField('CREATED_AT'), sortKey: 'field' },
    ListTasksDetailed: { call: wrap((r) => rpc(c.tasks, 'ListTasksDetailed', r), 'tasks'), sortField: taskField('CREATED_AT'), sortKey: 'field' },
    ListResults: { call: wrap((r) => rpc(c.results, 'ListResults', r), 'results'), sortField: resultField('CREATED_AT'), sortKey: 'field' },
    ListPartitions: { call: wrap((r) => rpc(c.partitions, 'ListPartitions', r), 'partitions'), sortField: partitionField('ID'), sortKey: 'field' },
    ListApplications: { call: wrap((r) => rpc(c.applications, 'ListApplications', r), 'applications'), sortField: applicationField('NAME'), sortKey: 'fields' },
  };
}

describe('fidelity §11.11 and §10: listing and validation', () => {
  let t: TestSimulator;
  let session: string;
  let taskIds: string[];
  before(async () => {
    t = await startTestSimulator();
    session = await createSession(t.c);
    const outputs = await createMetadata(t.c, session, ['o0', 'o1', 'o2', 'o3', 'o4']);
    taskIds = await submitTasks(
      t.c,
      session,
      outputs.map((o, i) => ({ outputs: [o], options: { ...SESSION_OPTIONS, options: { rank: String(4 - i) } } })),
    );
    t.sim.engine.advance(10);
  });
  after(() => t.stop());

  const sortOf = (entry: { sortField: object; sortKey: 'field' | 'fields' }, direction: unknown) =>
    entry.sortKey === 'fields' ? { fields: [entry.sortField], direction } : { field: entry.sortField, direction };

  it('every List* validates page ≥ 0, page_size ≥ 0, filters and sort (direction and field) with INVALID_ARGUMENT', async () => {
    for (const [name, entry] of Object.entries(listCalls(t.c))) {
      const valid = { page: 0, pageSize: 10, filters: { or: [] }, sort: sortOf(entry, 'SORT_DIRECTION_ASC') };
      await entry.call(valid);
      const invalid: Array<[string, object]> = [
        ['page -1', { ...valid, page: -1 }],
        ['page_size -1', { ...valid, pageSize: -1 }],
        ['no filters', { ...valid, filters: null }],
        ['no sort', { ...valid, sort: null }],
        ['UNSPECIFIED direction', { ...valid, sort: sortOf(entry, 'SORT_DIRECTION_UNSPECIFIED') }],
        ['no sort field', { ...valid, sort: entry.sortKey === 'fields' ? { fields: [], direction: 'SORT_DIRECTION_ASC' } : { direction: 'SORT_DIRECTION_ASC' } }],
      ];
      for (const [what, request] of invalid) {
        const error = await rejectsWith(entry.call(request), status.INVALID_ARGUMENT).catch((e: Error) => {
          throw new Error(`${name} with ${what}: ${e.message}`);
        });
        assert.ok(error.details.length > 0);
      }
    }
  });

  it('page_size = 0 returns no rows and the total, for every List*; a page past the end is empty with the total', async () => {
    for (const [name, entry] of Object.entries(listCalls(t.c))) {
      const all = await entry.call({ page: 0, pageSize: 1000, filters: { or: [] }, sort: sortOf(entry, 'SORT_DIRECTION_ASC') });
      assert.ok(all.total > 0, name);
      const count = await entry.call({ page: 3, pageSize: 0, filters: { or: [] }, sort: sortOf(entry, 'SORT_DIRECTION_ASC') });
      assert.deepEqual([count.rows.length, count.total, count.page, count.pageSize], [0, all.total, 3, 0], name);
      const past = await entry.call({ page: all.total, pageSize: 1, filters: { or: [] }, sort: sortOf(entry, 'SORT_DIRECTION_ASC') });
      assert.deepEqual([past.rows.length, past.total, past.page, past.pageSize], [0, all.total, all.total, 1], name);
    }
  });

  it('pages hold rows page*page_size to (page+1)*page_size - 1, any direction but ASC is descending, a generic option key sorts', async () => {
    const inSession = or([cond(taskField('SESSION_ID'), str('EQUAL', session))]);
    const page = async (pageNo: number, pageSize: number, direction: unknown, field: object = taskField('CREATED_AT')) =>
      (await rpc(t.c.tasks, 'ListTasks', { page: pageNo, pageSize, filters: inSession, sort: { field, direction } } as never)).tasks.map((x) => x.id);
    const byRankAsc = await page(0, 10, 'SORT_DIRECTION_ASC', taskGenericField('rank'));
    assert.deepEqual(byRankAsc, [...taskIds].reverse(), 'rank is 4 - submission index');
    assert.deepEqual(await page(0, 10, 'SORT_DIRECTION_DESC', taskGenericField('rank')), taskIds);
    assert.deepEqual(await page(0, 10, 7, taskGenericField('rank')), taskIds, 'an unknown direction value sorts descending');
    const pages = [await page(0, 2, 'SORT_DIRECTION_ASC', taskGenericField('rank')), await page(1, 2, 'SORT_DIRECTION_ASC', taskGenericField('rank')), await page(2, 2, 'SORT_DIRECTION_ASC', taskGenericField('rank'))];
    assert.deepEqual(pages, [byRankAsc.slice(0, 2), byRankAsc.slice(2, 4), byRankAsc.slice(4)]);
  });

  it('"any of N IDs" is N FiltersAnd branches of one condition each; an empty AND branch matches everything', async () => {
    const pick = [taskIds[0]!, taskIds[3]!, 'no-such-task'];
    const reply = await rpc(t.c.tasks, 'ListTasks', listRequest(or(...pick.map((id) => [cond(taskField('TASK_ID'), str('EQUAL', id))])), taskField('CREATED_AT')) as never);
    assert.deepEqual(reply.tasks.map((x) => x.id), [taskIds[0], taskIds[3]]);
    assert.equal(reply.total, 2);
    const everything = await rpc(t.c.tasks, 'ListTasks', listRequest(or([cond(taskField('TASK_ID'), str('EQUAL', 'none'))], []), taskField('CREATED_AT'), { pageSize: 0 }) as never);
    assert.equal(everything.total, t.sim.engine.taskCount());
  });

  it('a malformed sort field is UNKNOWN', async () => {
    await rejectsWith(rpc(t.c.tasks, 'ListTasks', listRequest({ or: [] } as never, { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_UNSPECIFIED' } }) as never), status.UNKNOWN);
    await rejectsWith(rpc(t.c.results, 'ListResults', listRequest({ or: [] } as never, { resultRawField: { field: 'RESULT_RAW_ENUM_FIELD_UNSPECIFIED' } }) as never), status.UNKNOWN);
  });

  it('CreateSession requires default options with max_retries ≥ 1, 1 ≤ priority ≤ 99 and max_duration; SubmitTasks a non-empty list', async () => {
    const bad = [
      { partitionIds: [] },
      { defaultTaskOption: { ...SESSION_OPTIONS, maxRetries: 0 } },
      { defaultTaskOption: { ...SESSION_OPTIONS, priority: 0 } },
      { defaultTaskOption: { ...SESSION_OPTIONS, priority: 100 } },
      { defaultTaskOption: { ...SESSION_OPTIONS, maxDuration: null } },
    ];
    for (const request of bad) await rejectsWith(rpc(t.c.sessions, 'CreateSession', request as never), status.INVALID_ARGUMENT);
    for (const ok of [1, 99]) await rpc(t.c.sessions, 'CreateSession', { defaultTaskOption: { ...SESSION_OPTIONS, priority: ok } });
    await rejectsWith(rpc(t.c.tasks, 'SubmitTasks', { sessionId: session, taskCreations: [] }), status.INVALID_ARGUMENT);
    assert.deepEqual((await rpc(t.c.tasks, 'CancelTasks', { taskIds: [] })).tasks, [], 'an empty CancelTasks is valid and cancels nothing');
  });
});

describe('fidelity §11.11: listings follow changes made by scenario actions', () => {
  // Big listings are cached while the state is unchanged; a scenario's timed actions change
  // results and sessions without any task transition, and must still show on the next listing.
  let t: TestSimulator;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fidelity-listing-'));
    const file = join(dir, 'actions.yaml');
    writeFileSync(
      file,
      [
        'name: actions',
        'description: Results changed by timed actions only.',
        'partitions: [{ id: default, workers: 1 }]',
        'sessions:',
        '  - name: main',
        '    results: [{ name: r0 }, { name: r1 }, { name: r2 }, { name: r3 }]',
        'actions:',
        '  - { at: 1s, do: upload, result: r0, data: "x" }',
        '  - { at: 2s, do: close-session, session: main }',
        '  - { at: 3s, do: purge-session, session: main }',
        'targets:',
        '  - { result: r1, description: never produced }',
        '',
      ].join('\n'),
    );
    t = await startTestSimulator({ scenario: file, listingCache: { minRows: 2 } });
  });
  after(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a first page reflects uploads, closing and purging done by actions', async () => {
    const sessionId = t.sim.scenario!.sessions.get('main')!;
    const count = async (state: string) =>
      (
        await rpc(
          t.c.results,
          'ListResults',
          listRequest(or([cond(resultField('SESSION_ID'), str('EQUAL', sessionId)), cond(resultField('STATUS'), resultStatus('EQUAL', state))]), resultField('NAME')) as never,
        )
      ).total;
    const sessionsClosed = async () =>
      (await rpc(t.c.sessions, 'ListSessions', listRequest(or([cond(sessionField('STATUS'), { filterStatus: { operator: 'FILTER_STATUS_OPERATOR_EQUAL', value: 'SESSION_STATUS_CLOSED' } })]), sessionField('CREATED_AT')) as never)).total;
    assert.equal(await count('CREATED'), 4);
    t.sim.engine.advance(1500);
    assert.deepEqual([await count('CREATED'), await count('COMPLETED')], [3, 1], 'after the upload action');
    assert.equal(await sessionsClosed(), 0);
    t.sim.engine.advance(1000);
    assert.equal(await sessionsClosed(), 1, 'after the close action');
    t.sim.engine.advance(1000);
    assert.deepEqual([await count('CREATED'), await count('COMPLETED'), await count('DELETED')], [0, 0, 4], 'after the purge action');
  });
});
