// TaskWhere → wire `tasks.Filters`, and the task sort. Tasks are filtered on TaskSummary fields
// (`task_summary_field`), on known options (`task_option_field`) and on generic option keys
// (`task_option_generic_field`, reference §5.4). Note TASK_ID is 16 and there is no field for the
// ID lists (data dependencies, expected outputs, parents, retries): those cannot be filtered.

import type { TaskSortField, TaskWhere } from '../api';
import { TASK_STATUSES, type TaskStatus } from '../model';
import { sortDirectionToWire, taskStatusToWire } from '../wire/status-codec';
import type {
  WireListTasksRequestSort,
  WireTaskField,
  WireTaskFilterFieldInput,
  WireTaskFiltersInput,
  WireTaskOptionEnumField,
  WireTaskSummaryEnumField,
} from '../wire/types';
import {
  checkKeys,
  dateRangeSlots,
  durationRangeSlots,
  invalid,
  numberRangeSlots,
  statusCondition,
  statusList,
  stringCondition,
  stringSlot,
} from './conditions';
import { batchFilters, expandWhere, singleFilters, type Expansion, type Slot } from './or-of-and';

type SummaryName = WireTaskSummaryEnumField extends `TASK_SUMMARY_ENUM_FIELD_${infer N}` ? N : never;
type OptionName = WireTaskOptionEnumField extends `TASK_OPTION_ENUM_FIELD_${infer N}` ? N : never;
type Condition = WireTaskFilterFieldInput;

export function taskSummaryField(name: SummaryName): { field: WireTaskField } {
  return { field: { taskSummaryField: { field: `TASK_SUMMARY_ENUM_FIELD_${name}` } } };
}
export function taskOptionField(name: OptionName): { field: WireTaskField } {
  return { field: { taskOptionField: { field: `TASK_OPTION_ENUM_FIELD_${name}` } } };
}
export function taskOptionGenericField(key: string): { field: WireTaskField } {
  return { field: { taskOptionGenericField: { field: key } } };
}

export const TASK_WHERE_FIELDS = [
  'id',
  'sessionId',
  'status',
  'statusNot',
  'initialTaskId',
  'createdBy',
  'payloadId',
  'ownerPodId',
  'podHostname',
  'partitionId',
  'errorContains',
  'createdAt',
  'endedAt',
  'options',
  'submittedAt',
  'startedAt',
  'priority',
  'maxRetries',
  'applicationName',
  'creationToEndMs',
  'processingToEndMs',
] as const satisfies readonly (keyof TaskWhere)[];

function genericOptionSlots(options: Record<string, string>, name: string, field: (key: string) => object): Slot<Condition>[] {
  if (typeof options !== 'object' || options === null) throw invalid(`filter field '${name}' must be an object of key/value strings`);
  return Object.entries(options).map(([key, value]) => {
    if (key === '') throw invalid(`filter field '${name}': option keys must not be empty`);
    if (typeof value !== 'string') throw invalid(`filter field '${name}.${key}': ${JSON.stringify(value)} is not a string`);
    return [{ ...field(key), ...stringCondition(value) }];
  });
}

/** One clause → slots (AND of "any of"). `statusNot` lists are ANDed: "none of these". */
export function taskWhereSlots(where: TaskWhere): Slot<Condition>[] {
  checkKeys(where, TASK_WHERE_FIELDS, 'task');
  const slots: Slot<Condition>[] = [];
  const str = (name: SummaryName, value: TaskWhere['id'], key: string) => {
    if (value !== undefined) slots.push(stringSlot(taskSummaryField(name), value, key));
  };
  str('TASK_ID', where.id, 'id');
  str('SESSION_ID', where.sessionId, 'sessionId');
  if (where.status !== undefined) {
    slots.push(
      statusList(where.status, 'status', TASK_STATUSES).map((s) => ({
        ...taskSummaryField('STATUS'),
        ...statusCondition(taskStatusToWire(s), 'FILTER_STATUS_OPERATOR_EQUAL'),
      })),
    );
  }
  if (where.statusNot !== undefined) {
    for (const s of statusList<TaskStatus>(where.statusNot, 'statusNot', TASK_STATUSES)) {
      slots.push([{ ...taskSummaryField('STATUS'), ...statusCondition(taskStatusToWire(s), 'FILTER_STATUS_OPERATOR_NOT_EQUAL') }]);
    }
  }
  str('INITIAL_TASK_ID', where.initialTaskId, 'initialTaskId');
  str('CREATED_BY', where.createdBy, 'createdBy');
  str('PAYLOAD_ID', where.payloadId, 'payloadId');
  str('OWNER_POD_ID', where.ownerPodId, 'ownerPodId');
  str('POD_HOSTNAME', where.podHostname, 'podHostname');
  if (where.partitionId !== undefined) slots.push(stringSlot(taskOptionField('PARTITION_ID'), where.partitionId, 'partitionId'));
  if (where.applicationName !== undefined) {
    slots.push(stringSlot(taskOptionField('APPLICATION_NAME'), where.applicationName, 'applicationName'));
  }
  if (where.errorContains !== undefined) {
    if (typeof where.errorContains !== 'string') throw invalid(`filter field 'errorContains' must be a string`);
    slots.push([{ ...taskSummaryField('ERROR'), ...stringCondition(where.errorContains, 'FILTER_STRING_OPERATOR_CONTAINS') }]);
  }
  if (where.createdAt) slots.push(...dateRangeSlots(taskSummaryField('CREATED_AT'), where.createdAt, 'createdAt'));
  if (where.submittedAt) slots.push(...dateRangeSlots(taskSummaryField('SUBMITTED_AT'), where.submittedAt, 'submittedAt'));
  if (where.startedAt) slots.push(...dateRangeSlots(taskSummaryField('STARTED_AT'), where.startedAt, 'startedAt'));
  if (where.endedAt) slots.push(...dateRangeSlots(taskSummaryField('ENDED_AT'), where.endedAt, 'endedAt'));
  if (where.priority) slots.push(...numberRangeSlots(taskOptionField('PRIORITY'), where.priority, 'priority'));
  if (where.maxRetries) slots.push(...numberRangeSlots(taskOptionField('MAX_RETRIES'), where.maxRetries, 'maxRetries'));
  if (where.creationToEndMs) {
    slots.push(...durationRangeSlots(taskSummaryField('CREATION_TO_END_DURATION'), where.creationToEndMs, 'creationToEndMs'));
  }
  if (where.processingToEndMs) {
    slots.push(...durationRangeSlots(taskSummaryField('PROCESSING_TO_END_DURATION'), where.processingToEndMs, 'processingToEndMs'));
  }
  if (where.options !== undefined) slots.push(...genericOptionSlots(where.options, 'options', taskOptionGenericField));
  return slots;
}

export function expandTaskWhere(where: TaskWhere | readonly TaskWhere[] | undefined): Expansion<Condition> {
  return expandWhere(where, taskWhereSlots);
}

/**
 * Builds the wire filters of a task query: one `Filters` per request, each with at most
 * `maxTerms` OR terms. `[{ or: [] }]` (no `where`) matches every task; `[]` matches none.
 */
export function buildTaskFilters(where: TaskWhere | readonly TaskWhere[] | undefined, maxTerms: number): WireTaskFiltersInput[] {
  return batchFilters(expandTaskWhere(where), maxTerms);
}

/** One unsplittable Filters (event subscriptions); undefined when nothing can match. */
export function buildTaskFiltersUnbatched(where: TaskWhere | readonly TaskWhere[] | undefined): WireTaskFiltersInput | undefined {
  return singleFilters(expandTaskWhere(where));
}

const TASK_SORT: Record<TaskSortField, { field: WireTaskField }> = {
  id: taskSummaryField('TASK_ID'),
  sessionId: taskSummaryField('SESSION_ID'),
  status: taskSummaryField('STATUS'),
  createdAt: taskSummaryField('CREATED_AT'),
  submittedAt: taskSummaryField('SUBMITTED_AT'),
  startedAt: taskSummaryField('STARTED_AT'),
  endedAt: taskSummaryField('ENDED_AT'),
  creationToEndDuration: taskSummaryField('CREATION_TO_END_DURATION'),
  processingToEndDuration: taskSummaryField('PROCESSING_TO_END_DURATION'),
  partitionId: taskOptionField('PARTITION_ID'),
  priority: taskOptionField('PRIORITY'),
};

/** Core requires a sort with a direction (reference §10). The default sorts on the task ID, a
 * unique key, so that paging through a changing list neither repeats nor skips rows by ties. */
export function taskSortToWire(sort: { field: TaskSortField; direction: 'asc' | 'desc' } | undefined): WireListTasksRequestSort {
  const chosen = sort ?? { field: 'id', direction: 'asc' };
  const field = TASK_SORT[chosen.field];
  if (!field) throw invalid(`unknown task sort field '${String(chosen.field)}' (known: ${Object.keys(TASK_SORT).join(', ')})`);
  if (chosen.direction !== 'asc' && chosen.direction !== 'desc') throw invalid(`sort direction must be 'asc' or 'desc', got '${String(chosen.direction)}'`);
  return { field: field.field, direction: sortDirectionToWire(chosen.direction) };
}
