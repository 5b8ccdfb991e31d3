// SessionWhere → wire `sessions.Filters`, and the session sort. Sessions filter on raw fields,
// on their default task options (`task_option_field`, `task_option_generic_field`), and on the
// `partition_ids` list with an array condition (reference §4).

import type { SessionSortField, SessionWhere } from '../api';
import { SESSION_STATUSES } from '../model';
import { sessionStatusToWire, sortDirectionToWire } from '../wire/status-codec';
import type {
  WireListSessionsRequestSort,
  WireSessionField,
  WireSessionFilterFieldInput,
  WireSessionFiltersInput,
  WireSessionRawEnumField,
  WireSessionTaskOptionEnumField,
} from '../wire/types';
import {
  arrayCondition,
  booleanSlot,
  checkKeys,
  dateRangeSlots,
  durationRangeSlots,
  invalid,
  statusCondition,
  statusList,
  stringCondition,
  stringSlot,
} from './conditions';
import { batchFilters, expandWhere, type Expansion, type Slot } from './or-of-and';

type RawName = WireSessionRawEnumField extends `SESSION_RAW_ENUM_FIELD_${infer N}` ? N : never;
type OptionName = WireSessionTaskOptionEnumField extends `TASK_OPTION_ENUM_FIELD_${infer N}` ? N : never;
type Condition = WireSessionFilterFieldInput;

export function sessionRawField(name: RawName): { field: WireSessionField } {
  return { field: { sessionRawField: { field: `SESSION_RAW_ENUM_FIELD_${name}` } } };
}
export function sessionTaskOptionField(name: OptionName): { field: WireSessionField } {
  return { field: { taskOptionField: { field: `TASK_OPTION_ENUM_FIELD_${name}` } } };
}
export function sessionTaskOptionGenericField(key: string): { field: WireSessionField } {
  return { field: { taskOptionGenericField: { field: key } } };
}

export const SESSION_WHERE_FIELDS = [
  'id',
  'status',
  'statusNot',
  'partitionId',
  'createdAt',
  'applicationName',
  'closedAt',
  'clientSubmission',
  'workerSubmission',
  'durationMs',
  'options',
] as const satisfies readonly (keyof SessionWhere)[];

export function sessionWhereSlots(where: SessionWhere): Slot<Condition>[] {
  checkKeys(where, SESSION_WHERE_FIELDS, 'session');
  const slots: Slot<Condition>[] = [];
  if (where.id !== undefined) slots.push(stringSlot(sessionRawField('SESSION_ID'), where.id, 'id'));
  if (where.status !== undefined) {
    slots.push(
      statusList(where.status, 'status', SESSION_STATUSES).map((s) => ({
        ...sessionRawField('STATUS'),
        ...statusCondition(sessionStatusToWire(s), 'FILTER_STATUS_OPERATOR_EQUAL'),
      })),
    );
  }
  if (where.statusNot !== undefined) {
    for (const s of statusList(where.statusNot, 'statusNot', SESSION_STATUSES)) {
      slots.push([{ ...sessionRawField('STATUS'), ...statusCondition(sessionStatusToWire(s), 'FILTER_STATUS_OPERATOR_NOT_EQUAL') }]);
    }
  }
  if (where.partitionId !== undefined) {
    if (typeof where.partitionId !== 'string') throw invalid(`filter field 'partitionId' must be a string`);
    slots.push([{ ...sessionRawField('PARTITION_IDS'), ...arrayCondition(where.partitionId, 'FILTER_ARRAY_OPERATOR_CONTAINS') }]);
  }
  if (where.applicationName !== undefined) {
    slots.push(stringSlot(sessionTaskOptionField('APPLICATION_NAME'), where.applicationName, 'applicationName'));
  }
  if (where.createdAt) slots.push(...dateRangeSlots(sessionRawField('CREATED_AT'), where.createdAt, 'createdAt'));
  if (where.closedAt) slots.push(...dateRangeSlots(sessionRawField('CLOSED_AT'), where.closedAt, 'closedAt'));
  if (where.clientSubmission !== undefined) slots.push(booleanSlot(sessionRawField('CLIENT_SUBMISSION'), where.clientSubmission, 'clientSubmission'));
  if (where.workerSubmission !== undefined) slots.push(booleanSlot(sessionRawField('WORKER_SUBMISSION'), where.workerSubmission, 'workerSubmission'));
  if (where.durationMs) slots.push(...durationRangeSlots(sessionRawField('DURATION'), where.durationMs, 'durationMs'));
  if (where.options !== undefined) {
    if (typeof where.options !== 'object' || where.options === null) throw invalid(`filter field 'options' must be an object of key/value strings`);
    for (const [key, value] of Object.entries(where.options)) {
      if (key === '' || typeof value !== 'string') throw invalid(`filter field 'options': '${key}' must be a non-empty key with a string value`);
      slots.push([{ ...sessionTaskOptionGenericField(key), ...stringCondition(value) }]);
    }
  }
  return slots;
}

export function expandSessionWhere(where: SessionWhere | readonly SessionWhere[] | undefined): Expansion<Condition> {
  return expandWhere(where, sessionWhereSlots);
}

/** See buildTaskFilters: one Filters per request; `[{ or: [] }]` = all, `[]` = none. */
export function buildSessionFilters(where: SessionWhere | readonly SessionWhere[] | undefined, maxTerms: number): WireSessionFiltersInput[] {
  return batchFilters(expandSessionWhere(where), maxTerms);
}

const SESSION_SORT: Record<SessionSortField, { field: WireSessionField }> = {
  id: sessionRawField('SESSION_ID'),
  status: sessionRawField('STATUS'),
  createdAt: sessionRawField('CREATED_AT'),
  cancelledAt: sessionRawField('CANCELLED_AT'),
  closedAt: sessionRawField('CLOSED_AT'),
  duration: sessionRawField('DURATION'),
};

/** Default: newest first (reference §12), which is what session lists show. */
export function sessionSortToWire(sort: { field: SessionSortField; direction: 'asc' | 'desc' } | undefined): WireListSessionsRequestSort {
  const chosen = sort ?? { field: 'createdAt', direction: 'desc' };
  const field = SESSION_SORT[chosen.field];
  if (!field) throw invalid(`unknown session sort field '${String(chosen.field)}' (known: ${Object.keys(SESSION_SORT).join(', ')})`);
  if (chosen.direction !== 'asc' && chosen.direction !== 'desc') throw invalid(`sort direction must be 'asc' or 'desc', got '${String(chosen.direction)}'`);
  return { field: field.field, direction: sortDirectionToWire(chosen.direction) };
}
