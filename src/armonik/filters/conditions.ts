// Entity-independent halves of a wire `FilterField`: the value condition (`filter_string`,
// `filter_date`, …) and the checks on the values callers pass. The entity modules add the field.
// Bad values (a typo in a status, NaN, an invalid Date) become 'invalid-argument' errors naming
// the field, instead of a filter that silently matches nothing on the server.

import type { DateRange, DurationRange, NumberRange, OneOrMany } from '../api';
import { ArmoniKError } from '../errors';
import { dateToTimestamp, msToDuration } from '../wire/time-codec';
import type {
  WireFilterArrayOperator,
  WireFilterDateOperator,
  WireFilterDurationOperator,
  WireFilterNumberOperator,
  WireFilterStatusOperator,
  WireFilterStringOperator,
  WireFilterArray,
  WireFilterBoolean,
  WireFilterDate,
  WireFilterDuration,
  WireFilterNumber,
  WireFilterString,
} from '../wire/types';
import type { Slot } from './or-of-and';

export function invalid(message: string): ArmoniKError {
  return new ArmoniKError('invalid-argument', message);
}

/** A scalar or list → de-duplicated list, with each value checked. */
export function listOf<T>(value: OneOrMany<T>, field: string, check: (v: unknown) => v is T, expected: string): T[] {
  const values: readonly unknown[] = Array.isArray(value) ? value : [value];
  const out: T[] = [];
  const seen = new Set<unknown>();
  for (const v of values) {
    if (!check(v)) throw invalid(`filter field '${field}': ${JSON.stringify(v)} is not ${expected}`);
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

export function isString(v: unknown): v is string {
  return typeof v === 'string';
}

export function statusChecker<S extends string>(statuses: readonly S[]): (v: unknown) => v is S {
  return (v: unknown): v is S => typeof v === 'string' && (statuses as readonly string[]).includes(v);
}

export function statusList<S extends string>(value: OneOrMany<S>, field: string, statuses: readonly S[]): S[] {
  return listOf(value, field, statusChecker(statuses), `a status (one of ${statuses.filter((s) => s !== 'UNSPECIFIED').join(', ')})`);
}

export function stringCondition(value: string, operator: WireFilterStringOperator = 'FILTER_STRING_OPERATOR_EQUAL'): { filterString: WireFilterString } {
  return { filterString: { value, operator } };
}

export function numberCondition(value: number, operator: WireFilterNumberOperator): { filterNumber: WireFilterNumber } {
  return { filterNumber: { value, operator } };
}

export function booleanCondition(value: boolean): { filterBoolean: WireFilterBoolean } {
  return { filterBoolean: { value, operator: 'FILTER_BOOLEAN_OPERATOR_IS' } };
}

export function arrayCondition(value: string, operator: WireFilterArrayOperator = 'FILTER_ARRAY_OPERATOR_CONTAINS'): { filterArray: WireFilterArray } {
  return { filterArray: { value, operator } };
}

export function dateCondition(date: Date, operator: WireFilterDateOperator): { filterDate: WireFilterDate } {
  return { filterDate: { value: dateToTimestamp(date), operator } };
}

export function durationCondition(ms: number, operator: WireFilterDurationOperator): { filterDuration: WireFilterDuration } {
  return { filterDuration: { value: msToDuration(ms), operator } };
}

export function statusCondition<V>(value: V, operator: WireFilterStatusOperator): { filterStatus: { value: V; operator: WireFilterStatusOperator } } {
  return { filterStatus: { value, operator } };
}

/** Equality on a string field: one slot, "any of" the values. */
export function stringSlot<F>(field: F, value: OneOrMany<string>, name: string): Slot<F & { filterString: WireFilterString }> {
  return listOf(value, name, isString, 'a string').map((v) => ({ ...field, ...stringCondition(v) }));
}

/** Inclusive date range → 0..2 single-condition slots. */
export function dateRangeSlots<F>(field: F, range: DateRange, name: string): Slot<F & { filterDate: WireFilterDate }>[] {
  const slots: Slot<F & { filterDate: WireFilterDate }>[] = [];
  for (const [bound, operator] of [
    [range.from, 'FILTER_DATE_OPERATOR_AFTER_OR_EQUAL'],
    [range.to, 'FILTER_DATE_OPERATOR_BEFORE_OR_EQUAL'],
  ] as const) {
    if (bound === undefined) continue;
    if (!(bound instanceof Date) || Number.isNaN(bound.getTime())) {
      throw invalid(`filter field '${name}': ${String(bound)} is not a valid Date`);
    }
    slots.push([{ ...field, ...dateCondition(bound, operator) }]);
  }
  return slots;
}

/** Inclusive number range → 0..2 single-condition slots. */
export function numberRangeSlots<F>(field: F, range: NumberRange, name: string): Slot<F & { filterNumber: WireFilterNumber }>[] {
  const slots: Slot<F & { filterNumber: WireFilterNumber }>[] = [];
  for (const [bound, operator] of [
    [range.min, 'FILTER_NUMBER_OPERATOR_GREATER_THAN_OR_EQUAL'],
    [range.max, 'FILTER_NUMBER_OPERATOR_LESS_THAN_OR_EQUAL'],
  ] as const) {
    if (bound === undefined) continue;
    if (typeof bound !== 'number' || !Number.isFinite(bound)) throw invalid(`filter field '${name}': ${String(bound)} is not a finite number`);
    slots.push([{ ...field, ...numberCondition(bound, operator) }]);
  }
  return slots;
}

/** Inclusive duration range (ms) → 0..2 single-condition slots. */
export function durationRangeSlots<F>(field: F, range: DurationRange, name: string): Slot<F & { filterDuration: WireFilterDuration }>[] {
  const slots: Slot<F & { filterDuration: WireFilterDuration }>[] = [];
  for (const [bound, operator] of [
    [range.minMs, 'FILTER_DURATION_OPERATOR_LONGER_THAN_OR_EQUAL'],
    [range.maxMs, 'FILTER_DURATION_OPERATOR_SHORTER_THAN_OR_EQUAL'],
  ] as const) {
    if (bound === undefined) continue;
    if (typeof bound !== 'number' || !Number.isFinite(bound)) throw invalid(`filter field '${name}': ${String(bound)} is not a finite number of milliseconds`);
    slots.push([{ ...field, ...durationCondition(bound, operator) }]);
  }
  return slots;
}

export function booleanSlot<F>(field: F, value: boolean, name: string): Slot<F & { filterBoolean: WireFilterBoolean }> {
  if (typeof value !== 'boolean') throw invalid(`filter field '${name}': ${JSON.stringify(value)} is not a boolean`);
  return [{ ...field, ...booleanCondition(value) }];
}

/** Rejects keys a clause does not know, so that a typo (`sessionID`) does not silently widen a query. */
export function checkKeys(clause: object, known: readonly string[], entity: string): void {
  if (typeof clause !== 'object' || clause === null) throw invalid(`a ${entity} filter must be an object, got ${JSON.stringify(clause)}`);
  for (const key of Object.keys(clause)) {
    if (!known.includes(key)) {
      throw invalid(`unknown ${entity} filter field '${key}' (known: ${known.join(', ')})`);
    }
  }
}
