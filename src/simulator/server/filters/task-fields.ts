// Task fields for ListTasks, ListTasksDetailed, CountTasksByStatus and the Events task filter:
// `TaskSummaryEnumField` (reference §5.4), task options and generic options.

import type { WireTaskField } from '../../../armonik/wire/types';
import type { TaskRecord } from '../../engine/types';
import { taskStatusFromWire, taskStatusRank } from '../wire/enum-names';
import type { EntitySchema } from './compile-filters';
import type { FieldKind, FieldResolver, FieldValue, RecordField } from './record-field';
import { optionBearingFieldResolver } from './task-option-fields';

const PREFIX = 'TASK_SUMMARY_ENUM_FIELD_';

function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : to - from;
}

function field(name: string, kind: FieldKind, get: (t: TaskRecord) => FieldValue, extra: Partial<RecordField<TaskRecord>> = {}): RecordField<TaskRecord> {
  return { label: `${PREFIX}${name}`, kind, get, ...extra };
}

const SUMMARY_FIELDS = new Map<string, RecordField<TaskRecord>>(
  [
    field('TASK_ID', 'string', (t) => t.id, { index: 'id' }),
    field('SESSION_ID', 'string', (t) => t.sessionId, { index: 'session' }),
    field('STATUS', 'status', (t) => t.status, { sortKey: (t) => taskStatusRank(t.status), parseStatus: taskStatusFromWire }),
    field('CREATED_AT', 'date', (t) => t.createdAt),
    field('SUBMITTED_AT', 'date', (t) => t.submittedAt),
    field('RECEIVED_AT', 'date', (t) => t.receivedAt),
    field('ACQUIRED_AT', 'date', (t) => t.acquiredAt),
    field('FETCHED_AT', 'date', (t) => t.fetchedAt),
    field('STARTED_AT', 'date', (t) => t.startedAt),
    field('PROCESSED_AT', 'date', (t) => t.processedAt),
    field('ENDED_AT', 'date', (t) => t.endedAt),
    field('POD_TTL', 'date', (t) => t.podTtl),
    field('CREATION_TO_END_DURATION', 'duration', (t) => span(t.createdAt, t.endedAt)),
    field('PROCESSING_TO_END_DURATION', 'duration', (t) => span(t.startedAt, t.endedAt)),
    field('RECEIVED_TO_END_DURATION', 'duration', (t) => span(t.receivedAt, t.endedAt)),
    field('ERROR', 'string', (t) => t.outputError),
    field('OWNER_POD_ID', 'string', (t) => t.ownerPodId),
    field('INITIAL_TASK_ID', 'string', (t) => t.initialTaskId),
    field('POD_HOSTNAME', 'string', (t) => t.podHostname),
    field('PAYLOAD_ID', 'string', (t) => t.payloadId),
    field('CREATED_BY', 'string', (t) => t.createdBy),
  ].map((f) => [f.label, f]),
);

export const resolveTaskField: FieldResolver<TaskRecord, WireTaskField> = optionBearingFieldResolver({
  entity: 'task',
  ownMember: 'taskSummaryField',
  ownFields: SUMMARY_FIELDS,
  optionsOf: (t) => t.options,
});

export const TASK_SCHEMA: EntitySchema<TaskRecord, WireTaskField> = {
  name: 'task',
  resolve: resolveTaskField,
  idOf: (t) => t.id,
  sessionOf: (t) => t.sessionId,
};
