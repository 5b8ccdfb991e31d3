// Session fields for ListSessions (`SessionRawEnumField`, §4), task options and generic options.

import type { WireSessionField } from '../../../armonik/wire/types';
import type { SessionRecord } from '../../engine/types';
import { sessionStatusFromWire, sessionStatusRank } from '../wire/enum-names';
import type { EntitySchema } from './compile-filters';
import type { FieldKind, FieldResolver, FieldValue, RecordField } from './record-field';
import { optionBearingFieldResolver } from './task-option-fields';

const PREFIX = 'SESSION_RAW_ENUM_FIELD_';

function field(name: string, kind: FieldKind, get: (s: SessionRecord) => FieldValue, extra: Partial<RecordField<SessionRecord>> = {}): RecordField<SessionRecord> {
  return { label: `${PREFIX}${name}`, kind, get, ...extra };
}

const RAW_FIELDS = new Map<string, RecordField<SessionRecord>>(
  [
    field('SESSION_ID', 'string', (s) => s.sessionId, { index: 'id' }),
    field('STATUS', 'status', (s) => s.status, { sortKey: (s) => sessionStatusRank(s.status), parseStatus: sessionStatusFromWire }),
    field('PARTITION_IDS', 'array', (s) => s.partitionIds),
    // The whole options object: Core has no comparison for it, so filtering or sorting on it is
    // a malformed query.
    field('OPTIONS', 'string', () => undefined, { queryable: false }),
    field('CREATED_AT', 'date', (s) => s.createdAt),
    field('CANCELLED_AT', 'date', (s) => s.cancelledAt),
    field('CLOSED_AT', 'date', (s) => s.closedAt),
    field('PURGED_AT', 'date', (s) => s.purgedAt),
    field('DELETED_AT', 'date', (s) => s.deletedAt),
    field('DURATION', 'duration', (s) => s.durationMs),
    field('WORKER_SUBMISSION', 'boolean', (s) => s.workerSubmission),
    field('CLIENT_SUBMISSION', 'boolean', (s) => s.clientSubmission),
  ].map((f) => [f.label, f]),
);

export const resolveSessionField: FieldResolver<SessionRecord, WireSessionField> = optionBearingFieldResolver({
  entity: 'session',
  ownMember: 'sessionRawField',
  ownFields: RAW_FIELDS,
  optionsOf: (s) => s.options,
});

export const SESSION_SCHEMA: EntitySchema<SessionRecord, WireSessionField> = {
  name: 'session',
  resolve: resolveSessionField,
  idOf: (s) => s.sessionId,
};
