// Partition fields for ListPartitions (`PartitionRawEnumField`, §8).

import type { WirePartitionField } from '../../../armonik/wire/types';
import type { PartitionRecord } from '../../engine/types';
import { malformedQuery } from '../rpc-error';
import type { EntitySchema } from './compile-filters';
import type { FieldKind, FieldValue, RecordField } from './record-field';

const PREFIX = 'PARTITION_RAW_ENUM_FIELD_';

function field(name: string, kind: FieldKind, get: (p: PartitionRecord) => FieldValue, extra: Partial<RecordField<PartitionRecord>> = {}): RecordField<PartitionRecord> {
  return { label: `${PREFIX}${name}`, kind, get, ...extra };
}

const RAW_FIELDS = new Map<string, RecordField<PartitionRecord>>(
  [
    field('ID', 'string', (p) => p.id, { index: 'id' }),
    field('PARENT_PARTITION_IDS', 'array', (p) => p.parentPartitionIds),
    field('POD_RESERVED', 'number', (p) => p.podReserved),
    field('POD_MAX', 'number', (p) => p.podMax),
    field('PREEMPTION_PERCENTAGE', 'number', (p) => p.preemptionPercentage),
    field('PRIORITY', 'number', (p) => p.priority),
  ].map((f) => [f.label, f]),
);

export function resolvePartitionField(wire: WirePartitionField | null | undefined): RecordField<PartitionRecord> {
  if (wire?.field !== 'partitionRawField' && !wire?.partitionRawField) {
    throw malformedQuery('A partition field is missing: set partition_raw_field');
  }
  const name = wire.partitionRawField?.field;
  const found = typeof name === 'string' ? RAW_FIELDS.get(name) : undefined;
  if (!found) throw malformedQuery(`Unknown or unspecified partition field ${String(name)}`);
  return found;
}

export const PARTITION_SCHEMA: EntitySchema<PartitionRecord, WirePartitionField> = {
  name: 'partition',
  resolve: resolvePartitionField,
  idOf: (p) => p.id,
};
