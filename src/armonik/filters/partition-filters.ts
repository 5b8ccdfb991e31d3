// PartitionWhere → wire `partitions.Filters` (string 2, number 3, boolean 4, array 5), and the
// fixed sort on the partition ID.

import type { PartitionWhere } from '../api';
import type {
  WireListPartitionsRequestSort,
  WirePartitionField,
  WirePartitionFilterFieldInput,
  WirePartitionFiltersInput,
  WirePartitionRawEnumField,
} from '../wire/types';
import { arrayCondition, checkKeys, invalid, numberRangeSlots, stringSlot } from './conditions';
import { batchFilters, expandWhere, type Expansion, type Slot } from './or-of-and';

type RawName = WirePartitionRawEnumField extends `PARTITION_RAW_ENUM_FIELD_${infer N}` ? N : never;
type Condition = WirePartitionFilterFieldInput;

export function partitionRawField(name: RawName): { field: WirePartitionField } {
  return { field: { partitionRawField: { field: `PARTITION_RAW_ENUM_FIELD_${name}` } } };
}

export const PARTITION_WHERE_FIELDS = ['id', 'parentPartitionId', 'podMax', 'podReserved', 'priority'] as const satisfies readonly (keyof PartitionWhere)[];

export function partitionWhereSlots(where: PartitionWhere): Slot<Condition>[] {
  checkKeys(where, PARTITION_WHERE_FIELDS, 'partition');
  const slots: Slot<Condition>[] = [];
  if (where.id !== undefined) slots.push(stringSlot(partitionRawField('ID'), where.id, 'id'));
  if (where.parentPartitionId !== undefined) {
    if (typeof where.parentPartitionId !== 'string') throw invalid(`filter field 'parentPartitionId' must be a string`);
    slots.push([{ ...partitionRawField('PARENT_PARTITION_IDS'), ...arrayCondition(where.parentPartitionId) }]);
  }
  if (where.podMax) slots.push(...numberRangeSlots(partitionRawField('POD_MAX'), where.podMax, 'podMax'));
  if (where.podReserved) slots.push(...numberRangeSlots(partitionRawField('POD_RESERVED'), where.podReserved, 'podReserved'));
  if (where.priority) slots.push(...numberRangeSlots(partitionRawField('PRIORITY'), where.priority, 'priority'));
  return slots;
}

export function expandPartitionWhere(where: PartitionWhere | readonly PartitionWhere[] | undefined): Expansion<Condition> {
  return expandWhere(where, partitionWhereSlots);
}

export function buildPartitionFilters(where: PartitionWhere | readonly PartitionWhere[] | undefined, maxTerms: number): WirePartitionFiltersInput[] {
  return batchFilters(expandPartitionWhere(where), maxTerms);
}

export function partitionSortToWire(): WireListPartitionsRequestSort {
  return { field: partitionRawField('ID').field, direction: 'SORT_DIRECTION_ASC' };
}
