// ResultWhere → wire `results.Filters`, and the result sort. Results have only raw fields and a
// oneof numbered differently from tasks (string 2, date 3, array 4, status 5, number 6; no boolean
// or duration, reference §6.2); the protos take care of the numbers.

import type { ResultSortField, ResultWhere } from '../api';
import { RESULT_STATUSES } from '../model';
import { resultStatusToWire, sortDirectionToWire } from '../wire/status-codec';
import type { WireListResultsRequestSort, WireResultField, WireResultFilterFieldInput, WireResultFiltersInput, WireResultRawEnumField } from '../wire/types';
import { checkKeys, dateRangeSlots, invalid, numberRangeSlots, statusCondition, statusList, stringCondition, stringSlot } from './conditions';
import { batchFilters, expandWhere, singleFilters, type Expansion, type Slot } from './or-of-and';

type RawName = WireResultRawEnumField extends `RESULT_RAW_ENUM_FIELD_${infer N}` ? N : never;
type Condition = WireResultFilterFieldInput;

export function resultRawField(name: RawName): { field: WireResultField } {
  return { field: { resultRawField: { field: `RESULT_RAW_ENUM_FIELD_${name}` } } };
}

export const RESULT_WHERE_FIELDS = [
  'id',
  'sessionId',
  'name',
  'nameContains',
  'status',
  'statusNot',
  'ownerTaskId',
  'createdBy',
  'createdAt',
  'completedAt',
  'size',
] as const satisfies readonly (keyof ResultWhere)[];

export function resultWhereSlots(where: ResultWhere): Slot<Condition>[] {
  checkKeys(where, RESULT_WHERE_FIELDS, 'result');
  const slots: Slot<Condition>[] = [];
  const str = (name: RawName, value: ResultWhere['id'], key: string) => {
    if (value !== undefined) slots.push(stringSlot(resultRawField(name), value, key));
  };
  str('RESULT_ID', where.id, 'id');
  str('SESSION_ID', where.sessionId, 'sessionId');
  str('NAME', where.name, 'name');
  if (where.nameContains !== undefined) {
    if (typeof where.nameContains !== 'string') throw invalid(`filter field 'nameContains' must be a string`);
    slots.push([{ ...resultRawField('NAME'), ...stringCondition(where.nameContains, 'FILTER_STRING_OPERATOR_CONTAINS') }]);
  }
  if (where.status !== undefined) {
    slots.push(
      statusList(where.status, 'status', RESULT_STATUSES).map((s) => ({
        ...resultRawField('STATUS'),
        ...statusCondition(resultStatusToWire(s), 'FILTER_STATUS_OPERATOR_EQUAL'),
      })),
    );
  }
  if (where.statusNot !== undefined) {
    for (const s of statusList(where.statusNot, 'statusNot', RESULT_STATUSES)) {
      slots.push([{ ...resultRawField('STATUS'), ...statusCondition(resultStatusToWire(s), 'FILTER_STATUS_OPERATOR_NOT_EQUAL') }]);
    }
  }
  str('OWNER_TASK_ID', where.ownerTaskId, 'ownerTaskId');
  str('CREATED_BY', where.createdBy, 'createdBy');
  if (where.createdAt) slots.push(...dateRangeSlots(resultRawField('CREATED_AT'), where.createdAt, 'createdAt'));
  if (where.completedAt) slots.push(...dateRangeSlots(resultRawField('COMPLETED_AT'), where.completedAt, 'completedAt'));
  if (where.size) slots.push(...numberRangeSlots(resultRawField('SIZE'), where.size, 'size'));
  return slots;
}

export function expandResultWhere(where: ResultWhere | readonly ResultWhere[] | undefined): Expansion<Condition> {
  return expandWhere(where, resultWhereSlots);
}

/** See buildTaskFilters: one Filters per request; `[{ or: [] }]` = all, `[]` = none. */
export function buildResultFilters(where: ResultWhere | readonly ResultWhere[] | undefined, maxTerms: number): WireResultFiltersInput[] {
  return batchFilters(expandResultWhere(where), maxTerms);
}

export function buildResultFiltersUnbatched(where: ResultWhere | readonly ResultWhere[] | undefined): WireResultFiltersInput | undefined {
  return singleFilters(expandResultWhere(where));
}

const RESULT_SORT: Record<ResultSortField, { field: WireResultField }> = {
  id: resultRawField('RESULT_ID'),
  name: resultRawField('NAME'),
  status: resultRawField('STATUS'),
  createdAt: resultRawField('CREATED_AT'),
  completedAt: resultRawField('COMPLETED_AT'),
  size: resultRawField('SIZE'),
  ownerTaskId: resultRawField('OWNER_TASK_ID'),
};

/** Default: result ID ascending (a unique key, for stable paging). */
export function resultSortToWire(sort: { field: ResultSortField; direction: 'asc' | 'desc' } | undefined): WireListResultsRequestSort {
  const chosen = sort ?? { field: 'id', direction: 'asc' };
  const field = RESULT_SORT[chosen.field];
  if (!field) throw invalid(`unknown result sort field '${String(chosen.field)}' (known: ${Object.keys(RESULT_SORT).join(', ')})`);
  if (chosen.direction !== 'asc' && chosen.direction !== 'desc') throw invalid(`sort direction must be 'asc' or 'desc', got '${String(chosen.direction)}'`);
  return { field: field.field, direction: sortDirectionToWire(chosen.direction) };
}
