// The filter builder: what a "where" clause becomes on the wire, checked after real protobuf
// encoding and decoding (so a condition put in the wrong oneof member would not survive).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTaskFilters, expandTaskWhere, taskSortToWire } from '../../../src/armonik/filters/task-filters';
import { buildResultFilters, resultSortToWire } from '../../../src/armonik/filters/result-filters';
import { buildSessionFilters, sessionSortToWire } from '../../../src/armonik/filters/session-filters';
import { buildPartitionFilters } from '../../../src/armonik/filters/partition-filters';
import { isArmoniKError } from '../../../src/armonik/errors';
import { serviceDefinitions } from '../../../src/armonik/wire/load';
import type { WireTaskFiltersInput, WireResultFiltersInput, WireSessionFiltersInput, WirePartitionFiltersInput } from '../../../src/armonik/wire/types';

const defs = serviceDefinitions();

/** Decoded condition in a compact, readable form: [field, condition kind, operator, value]. */
type Compact = [string, string, string, unknown];

function compactField(field: Record<string, unknown> | null): string {
  if (!field) return '?';
  const which = field.field as string;
  const inner = field[which] as { field: string };
  return inner.field.replace(/^(TASK_SUMMARY|TASK_OPTION|RESULT_RAW|SESSION_RAW|PARTITION_RAW)_ENUM_FIELD_/, which === 'taskOptionField' ? 'option:' : '') || `generic:${inner.field}`;
}

function compactCondition(c: Record<string, unknown>): Compact {
  const kind = c.valueCondition as string;
  const cond = c[kind] as { value: unknown; operator: string };
  let value = cond.value;
  if (kind === 'filterDate' || kind === 'filterDuration') {
    const v = value as { seconds: number; nanos: number };
    value = v.seconds * 1000 + v.nanos / 1e6;
  }
  const field = (c.field as Record<string, unknown>).field === 'taskOptionGenericField'
    ? `generic:${((c.field as Record<string, unknown>).taskOptionGenericField as { field: string }).field}`
    : compactField(c.field as Record<string, unknown>);
  return [field, kind.replace(/^filter/, '').toLowerCase(), cond.operator.replace(/^FILTER_[A-Z]+_OPERATOR_/, ''), value];
}

function decodeTasks(filters: WireTaskFiltersInput): Compact[][] {
  const m = defs.tasks.ListTasks;
  const decoded = m.requestDeserialize(m.requestSerialize({ filters })).filters!;
  return decoded.or.map((and) => and.and.map((c) => compactCondition(c as unknown as Record<string, unknown>)));
}
function decodeResults(filters: WireResultFiltersInput): Compact[][] {
  const m = defs.results.ListResults;
  const decoded = m.requestDeserialize(m.requestSerialize({ filters })).filters!;
  return decoded.or.map((and) => and.and.map((c) => compactCondition(c as unknown as Record<string, unknown>)));
}
function decodeSessions(filters: WireSessionFiltersInput): Compact[][] {
  const m = defs.sessions.ListSessions;
  const decoded = m.requestDeserialize(m.requestSerialize({ filters })).filters!;
  return decoded.or.map((and) => and.and.map((c) => compactCondition(c as unknown as Record<string, unknown>)));
}
function decodePartitions(filters: WirePartitionFiltersInput): Compact[][] {
  const m = defs.partitions.ListPartitions;
  const decoded = m.requestDeserialize(m.requestSerialize({ filters })).filters!;
  return decoded.or.map((and) => and.and.map((c) => compactCondition(c as unknown as Record<string, unknown>)));
}

function one<T>(batches: T[]): T {
  assert.equal(batches.length, 1, `expected one request, got ${batches.length}`);
  return batches[0]!;
}

test('no where clause matches everything: one request with an empty OR list', () => {
  assert.deepEqual(buildTaskFilters(undefined, 500), [{ or: [] }]);
  assert.deepEqual(buildResultFilters(undefined, 500), [{ or: [] }]);
  assert.deepEqual(buildTaskFilters({}, 500), [{ or: [] }]);
});

test('an empty "any of" list or an empty OR of clauses matches nothing: no request at all', () => {
  assert.deepEqual(buildTaskFilters({ id: [] }, 500), []);
  assert.deepEqual(buildTaskFilters([], 500), []);
  assert.deepEqual(buildResultFilters({ sessionId: 's', id: [] }, 500), []);
});

test('the exact wire shape of a task condition on a summary field and on a known option', () => {
  const m = defs.tasks.ListTasks;
  const filters = one(buildTaskFilters({ id: 'a', priority: { min: 2 } }, 500));
  const decoded = m.requestDeserialize(m.requestSerialize({ filters })).filters!;
  assert.deepEqual(JSON.parse(JSON.stringify(decoded)), {
    or: [{
      and: [
        { field: { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_TASK_ID' }, field: 'taskSummaryField' }, filterString: { value: 'a', operator: 'FILTER_STRING_OPERATOR_EQUAL' }, valueCondition: 'filterString' },
        { field: { taskOptionField: { field: 'TASK_OPTION_ENUM_FIELD_PRIORITY' }, field: 'taskOptionField' }, filterNumber: { value: 2, operator: 'FILTER_NUMBER_OPERATOR_GREATER_THAN_OR_EQUAL' }, valueCondition: 'filterNumber' },
      ],
    }],
  });
});

test('task conditions: each field gets its condition type and operator', () => {
  const from = new Date('2024-01-01T00:00:00Z');
  const to = new Date('2024-01-02T00:00:00Z');
  const terms = decodeTasks(one(buildTaskFilters({
    sessionId: 's',
    status: 'ERROR',
    statusNot: ['CANCELLED', 'RETRIED'],
    initialTaskId: 'i', createdBy: 'c', payloadId: 'p', ownerPodId: 'o', podHostname: 'h',
    partitionId: 'gpu', applicationName: 'app',
    errorContains: 'boom',
    createdAt: { from, to }, submittedAt: { from }, startedAt: { to }, endedAt: { from },
    maxRetries: { max: 3 },
    creationToEndMs: { minMs: 1500 }, processingToEndMs: { maxMs: 100 },
    options: { team: 'risk' },
  }, 500)));
  assert.deepEqual(terms, [[
    ['SESSION_ID', 'string', 'EQUAL', 's'],
    ['STATUS', 'status', 'EQUAL', 'TASK_STATUS_ERROR'],
    ['STATUS', 'status', 'NOT_EQUAL', 'TASK_STATUS_CANCELLED'],
    ['STATUS', 'status', 'NOT_EQUAL', 'TASK_STATUS_RETRIED'],
    ['INITIAL_TASK_ID', 'string', 'EQUAL', 'i'],
    ['CREATED_BY', 'string', 'EQUAL', 'c'],
    ['PAYLOAD_ID', 'string', 'EQUAL', 'p'],
    ['OWNER_POD_ID', 'string', 'EQUAL', 'o'],
    ['POD_HOSTNAME', 'string', 'EQUAL', 'h'],
    ['option:PARTITION_ID', 'string', 'EQUAL', 'gpu'],
    ['option:APPLICATION_NAME', 'string', 'EQUAL', 'app'],
    ['ERROR', 'string', 'CONTAINS', 'boom'],
    ['CREATED_AT', 'date', 'AFTER_OR_EQUAL', from.getTime()],
    ['CREATED_AT', 'date', 'BEFORE_OR_EQUAL', to.getTime()],
    ['SUBMITTED_AT', 'date', 'AFTER_OR_EQUAL', from.getTime()],
    ['STARTED_AT', 'date', 'BEFORE_OR_EQUAL', to.getTime()],
    ['ENDED_AT', 'date', 'AFTER_OR_EQUAL', from.getTime()],
    ['option:MAX_RETRIES', 'number', 'LESS_THAN_OR_EQUAL', 3],
    ['CREATION_TO_END_DURATION', 'duration', 'LONGER_THAN_OR_EQUAL', 1500],
    ['PROCESSING_TO_END_DURATION', 'duration', 'SHORTER_THAN_OR_EQUAL', 100],
    ['generic:team', 'string', 'EQUAL', 'risk'],
  ]]);
});

test('lists expand into OR terms, several lists into their cross product, duplicates once', () => {
  const terms = decodeTasks(one(buildTaskFilters({ sessionId: ['s1', 's2'], status: ['ERROR', 'TIMEOUT', 'ERROR'], podHostname: 'h' }, 500)));
  assert.deepEqual(terms, [
    [['SESSION_ID', 'string', 'EQUAL', 's1'], ['STATUS', 'status', 'EQUAL', 'TASK_STATUS_ERROR'], ['POD_HOSTNAME', 'string', 'EQUAL', 'h']],
    [['SESSION_ID', 'string', 'EQUAL', 's1'], ['STATUS', 'status', 'EQUAL', 'TASK_STATUS_TIMEOUT'], ['POD_HOSTNAME', 'string', 'EQUAL', 'h']],
    [['SESSION_ID', 'string', 'EQUAL', 's2'], ['STATUS', 'status', 'EQUAL', 'TASK_STATUS_ERROR'], ['POD_HOSTNAME', 'string', 'EQUAL', 'h']],
    [['SESSION_ID', 'string', 'EQUAL', 's2'], ['STATUS', 'status', 'EQUAL', 'TASK_STATUS_TIMEOUT'], ['POD_HOSTNAME', 'string', 'EQUAL', 'h']],
  ]);
});

test('an array of clauses is ORed; such a query is not known to be disjoint', () => {
  const where = [{ id: 'a' }, { createdBy: 'a' }];
  const terms = decodeTasks(one(buildTaskFilters(where, 500)));
  assert.deepEqual(terms, [[['TASK_ID', 'string', 'EQUAL', 'a']], [['CREATED_BY', 'string', 'EQUAL', 'a']]]);
  assert.equal(expandTaskWhere(where).disjoint, false);
  assert.equal(expandTaskWhere({ id: ['a', 'b'] }).disjoint, true);
});

test('"any of N ids" is split into requests of at most maxTerms OR terms, covering every id once', () => {
  const ids = Array.from({ length: 1201 }, (_, i) => `task-${i}`);
  const batches = buildTaskFilters({ id: ids, sessionId: 's' }, 500);
  assert.deepEqual(batches.map((b) => b.or?.length), [500, 500, 201]);
  const seen = batches.flatMap((b) => decodeTasks(b).map((and) => {
    assert.deepEqual(and[1], ['SESSION_ID', 'string', 'EQUAL', 's']);
    return and[0]![3];
  }));
  assert.deepEqual(seen, ids);
});

test('result conditions: string, status, date, number; name contains', () => {
  const from = new Date(1_700_000_000_000);
  const terms = decodeResults(one(buildResultFilters({
    id: 'r', sessionId: 's', name: 'n', nameContains: 'out', status: 'ABORTED', statusNot: 'DELETED', ownerTaskId: 'o', createdBy: 'c',
    createdAt: { from }, completedAt: { to: from }, size: { min: 1, max: 10 },
  }, 500)));
  assert.deepEqual(terms, [[
    ['RESULT_ID', 'string', 'EQUAL', 'r'],
    ['SESSION_ID', 'string', 'EQUAL', 's'],
    ['NAME', 'string', 'EQUAL', 'n'],
    ['NAME', 'string', 'CONTAINS', 'out'],
    ['STATUS', 'status', 'EQUAL', 'RESULT_STATUS_ABORTED'],
    ['STATUS', 'status', 'NOT_EQUAL', 'RESULT_STATUS_DELETED'],
    ['OWNER_TASK_ID', 'string', 'EQUAL', 'o'],
    ['CREATED_BY', 'string', 'EQUAL', 'c'],
    ['CREATED_AT', 'date', 'AFTER_OR_EQUAL', from.getTime()],
    ['COMPLETED_AT', 'date', 'BEFORE_OR_EQUAL', from.getTime()],
    ['SIZE', 'number', 'GREATER_THAN_OR_EQUAL', 1],
    ['SIZE', 'number', 'LESS_THAN_OR_EQUAL', 10],
  ]]);
});

test('session conditions: status, array, boolean, date, duration, options', () => {
  const from = new Date(1_700_000_000_000);
  const terms = decodeSessions(one(buildSessionFilters({
    id: 's', status: ['RUNNING', 'PAUSED'], partitionId: 'gpu', clientSubmission: false, workerSubmission: true,
    createdAt: { from }, closedAt: { to: from }, durationMs: { maxMs: 60_000 }, applicationName: 'app', options: { k: 'v' },
  }, 500)));
  const common: Compact[] = [
    ['option:APPLICATION_NAME', 'string', 'EQUAL', 'app'],
    ['CREATED_AT', 'date', 'AFTER_OR_EQUAL', from.getTime()],
    ['CLOSED_AT', 'date', 'BEFORE_OR_EQUAL', from.getTime()],
    ['CLIENT_SUBMISSION', 'boolean', 'IS', false],
    ['WORKER_SUBMISSION', 'boolean', 'IS', true],
    ['DURATION', 'duration', 'SHORTER_THAN_OR_EQUAL', 60_000],
    ['generic:k', 'string', 'EQUAL', 'v'],
  ];
  assert.deepEqual(terms, ['SESSION_STATUS_RUNNING', 'SESSION_STATUS_PAUSED'].map((status) => [
    ['SESSION_ID', 'string', 'EQUAL', 's'],
    ['STATUS', 'status', 'EQUAL', status],
    ['PARTITION_IDS', 'array', 'CONTAINS', 'gpu'],
    ...common,
  ]));
});

test('partition conditions: string, array, number', () => {
  const terms = decodePartitions(one(buildPartitionFilters({ id: ['a', 'b'], parentPartitionId: 'root', podMax: { min: 1 }, podReserved: { max: 4 }, priority: { min: 2, max: 2 } }, 500)));
  assert.equal(terms.length, 2);
  assert.deepEqual(terms[0], [
    ['ID', 'string', 'EQUAL', 'a'],
    ['PARENT_PARTITION_IDS', 'array', 'CONTAINS', 'root'],
    ['POD_MAX', 'number', 'GREATER_THAN_OR_EQUAL', 1],
    ['POD_RESERVED', 'number', 'LESS_THAN_OR_EQUAL', 4],
    ['PRIORITY', 'number', 'GREATER_THAN_OR_EQUAL', 2],
    ['PRIORITY', 'number', 'LESS_THAN_OR_EQUAL', 2],
  ]);
});

test('sorts always carry a field and a direction Core accepts; defaults are stable keys', () => {
  assert.deepEqual(taskSortToWire(undefined), { field: { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_TASK_ID' } }, direction: 'SORT_DIRECTION_ASC' });
  assert.deepEqual(taskSortToWire({ field: 'priority', direction: 'desc' }), { field: { taskOptionField: { field: 'TASK_OPTION_ENUM_FIELD_PRIORITY' } }, direction: 'SORT_DIRECTION_DESC' });
  assert.deepEqual(resultSortToWire(undefined), { field: { resultRawField: { field: 'RESULT_RAW_ENUM_FIELD_RESULT_ID' } }, direction: 'SORT_DIRECTION_ASC' });
  assert.deepEqual(sessionSortToWire(undefined), { field: { sessionRawField: { field: 'SESSION_RAW_ENUM_FIELD_CREATED_AT' } }, direction: 'SORT_DIRECTION_DESC' });
});

test('bad filter values are rejected with a message naming the field', () => {
  const invalid = (fn: () => unknown, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => isArmoniKError(e, 'invalid-argument') && pattern.test(e.message));
  invalid(() => buildTaskFilters({ status: 'DONE' as never }, 500), /'status': "DONE" is not a status \(one of CREATING, /);
  invalid(() => buildTaskFilters({ sessionID: 's' } as never, 500), /unknown task filter field 'sessionID'/);
  invalid(() => buildTaskFilters({ createdAt: { from: new Date('nope') } }, 500), /'createdAt': Invalid Date is not a valid Date/);
  invalid(() => buildResultFilters({ size: { min: Number.NaN } }, 500), /'size': NaN is not a finite number/);
  invalid(() => buildTaskFilters({ id: [1 as never] }, 500), /'id': 1 is not a string/);
  invalid(() => buildTaskFilters({ options: { '': 'x' } }, 500), /option keys must not be empty/);
  invalid(() => taskSortToWire({ field: 'nope' as never, direction: 'asc' }), /unknown task sort field 'nope'/);
});

test('a cross product too large to be a real query is refused instead of exhausting memory', () => {
  const many = Array.from({ length: 2000 }, (_, i) => `x${i}`);
  assert.throws(() => buildTaskFilters({ id: many, createdBy: many }, 500), (e: unknown) => isArmoniKError(e, 'invalid-argument') && /split the query/.test(e.message));
});
