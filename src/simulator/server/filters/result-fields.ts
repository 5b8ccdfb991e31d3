// Result fields for ListResults and the Events result filter (`ResultRawEnumField`, §6.2).

import type { WireResultField } from '../../../armonik/wire/types';
import type { ResultRecord } from '../../engine/types';
import { malformedQuery } from '../rpc-error';
import { resultStatusFromWire, resultStatusRank } from '../wire/enum-names';
import type { EntitySchema } from './compile-filters';
import type { FieldKind, FieldValue, RecordField } from './record-field';

const PREFIX = 'RESULT_RAW_ENUM_FIELD_';

function field(name: string, kind: FieldKind, get: (r: ResultRecord) => FieldValue, extra: Partial<RecordField<ResultRecord>> = {}): RecordField<ResultRecord> {
  return { label: `${PREFIX}${name}`, kind, get, ...extra };
}

const RAW_FIELDS = new Map<string, RecordField<ResultRecord>>(
  [
    field('RESULT_ID', 'string', (r) => r.resultId, { index: 'id' }),
    field('SESSION_ID', 'string', (r) => r.sessionId, { index: 'session' }),
    field('NAME', 'string', (r) => r.name),
    field('OWNER_TASK_ID', 'string', (r) => r.ownerTaskId),
    field('STATUS', 'status', (r) => r.status, { sortKey: (r) => resultStatusRank(r.status), parseStatus: resultStatusFromWire }),
    field('CREATED_AT', 'date', (r) => r.createdAt),
    field('COMPLETED_AT', 'date', (r) => r.completedAt),
    field('SIZE', 'number', (r) => r.size),
    field('CREATED_BY', 'string', (r) => r.createdBy),
    // opaque_id is bytes on the wire; the simulator's keys are text, compared as such.
    field('OPAQUE_ID', 'string', (r) => r.opaqueId),
    field('MANUAL_DELETION', 'boolean', (r) => r.manualDeletion),
  ].map((f) => [f.label, f]),
);

export function resolveResultField(wire: WireResultField | null | undefined): RecordField<ResultRecord> {
  if (wire?.field !== 'resultRawField' && !wire?.resultRawField) {
    throw malformedQuery('A result field is missing: set result_raw_field');
  }
  const name = wire.resultRawField?.field;
  const found = typeof name === 'string' ? RAW_FIELDS.get(name) : undefined;
  if (!found) throw malformedQuery(`Unknown or unspecified result field ${String(name)}`);
  return found;
}

export const RESULT_SCHEMA: EntitySchema<ResultRecord, WireResultField> = {
  name: 'result',
  resolve: resolveResultField,
  idOf: (r) => r.resultId,
  sessionOf: (r) => r.sessionId,
};
