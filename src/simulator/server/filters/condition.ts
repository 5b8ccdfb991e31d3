// Compiles one filter condition (FilterString, FilterNumber, FilterDate, FilterDuration, the
// entity's FilterStatus, FilterBoolean, FilterArray) against a record field into a predicate.
// Operators follow reference §3; comparisons with an unset value behave like MongoDB's with null:
// only NOT_EQUAL / NOT_CONTAINS match them.

import { durationToMs, timestampToMs } from '../../../armonik/wire/time-codec';
import { malformedQuery } from '../rpc-error';
import type { FieldKind, FieldValue, RecordField } from './record-field';

interface OperatorCondition {
  value?: unknown;
  operator?: unknown;
}

/** The oneof `value_condition` of any entity's FilterField; each entity has a subset. */
export interface WireCondition {
  valueCondition?: string;
  filterString?: OperatorCondition | null;
  filterNumber?: OperatorCondition | null;
  filterBoolean?: OperatorCondition | null;
  filterStatus?: OperatorCondition | null;
  filterDate?: OperatorCondition | null;
  filterArray?: OperatorCondition | null;
  filterDuration?: OperatorCondition | null;
}

export type Predicate<R> = (record: R) => boolean;

const CONDITION_KIND: Record<string, FieldKind> = {
  filterString: 'string',
  filterNumber: 'number',
  filterBoolean: 'boolean',
  filterStatus: 'status',
  filterDate: 'date',
  filterArray: 'array',
  filterDuration: 'duration',
};

const CONDITION_FOR_KIND: Record<FieldKind, string> = {
  string: 'filter_string',
  number: 'filter_number',
  boolean: 'filter_boolean',
  status: 'filter_status',
  date: 'filter_date',
  array: 'filter_array',
  duration: 'filter_duration',
};

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Which condition a FilterField carries; proto-loader names the set member of the oneof. */
export function conditionName(condition: WireCondition): string | undefined {
  if (condition.valueCondition) return condition.valueCondition;
  // Hand-built objects (tests, in-process callers) may omit the discriminant.
  return Object.keys(CONDITION_KIND).find((k) => (condition as Record<string, unknown>)[k] != null);
}

export function compileCondition<R>(field: RecordField<R>, condition: WireCondition): Predicate<R> {
  const name = conditionName(condition);
  if (!name || !(name in CONDITION_KIND)) {
    throw malformedQuery(`Filter on ${field.label} has no value condition; set one of filter_string, filter_number, filter_date, …`);
  }
  const kind = CONDITION_KIND[name];
  if (kind !== field.kind || field.queryable === false) {
    const expected = field.queryable === false ? 'no condition (this field cannot be filtered)' : CONDITION_FOR_KIND[field.kind];
    throw malformedQuery(`Filter on ${field.label} uses ${snake(name)}, but this field needs ${expected}`);
  }
  const body = (condition as Record<string, OperatorCondition | null | undefined>)[name] ?? {};
  const operator = String(body.operator ?? '');
  const get = (record: R): FieldValue => field.get(record);
  switch (kind) {
    case 'string':
      return stringPredicate(field.label, get, operator, typeof body.value === 'string' ? body.value : '');
    case 'number':
      return orderedPredicate(field.label, get, operator, 'FILTER_NUMBER_OPERATOR_', NUMBER_OPS, typeof body.value === 'number' ? body.value : Number(body.value ?? 0));
    case 'date':
      return orderedPredicate(field.label, get, operator, 'FILTER_DATE_OPERATOR_', DATE_OPS, timestampToMs(body.value as Parameters<typeof timestampToMs>[0]));
    case 'duration':
      return orderedPredicate(field.label, get, operator, 'FILTER_DURATION_OPERATOR_', DURATION_OPS, durationToMs(body.value as Parameters<typeof durationToMs>[0]));
    case 'status':
      return statusPredicate(field, get, operator, body.value);
    case 'boolean':
      if (operator !== 'FILTER_BOOLEAN_OPERATOR_IS') throw unknownOperator(field.label, operator);
      return (record) => get(record) === (body.value === true);
    case 'array':
      return arrayPredicate(field.label, get, operator, typeof body.value === 'string' ? body.value : '');
  }
}

function unknownOperator(label: string, operator: string): Error {
  return malformedQuery(`Filter on ${label} has an unknown operator ${operator || '(none)'}`);
}

function stringPredicate<R>(label: string, get: (r: R) => FieldValue, operator: string, value: string): Predicate<R> {
  const str = (r: R): string | undefined => {
    const v = get(r);
    return typeof v === 'string' ? v : undefined;
  };
  switch (operator) {
    case 'FILTER_STRING_OPERATOR_EQUAL':
      return (r) => str(r) === value;
    case 'FILTER_STRING_OPERATOR_NOT_EQUAL':
      return (r) => str(r) !== value;
    case 'FILTER_STRING_OPERATOR_CONTAINS':
      return (r) => str(r)?.includes(value) === true;
    case 'FILTER_STRING_OPERATOR_NOT_CONTAINS':
      return (r) => str(r)?.includes(value) !== true;
    case 'FILTER_STRING_OPERATOR_STARTS_WITH':
      return (r) => str(r)?.startsWith(value) === true;
    case 'FILTER_STRING_OPERATOR_ENDS_WITH':
      return (r) => str(r)?.endsWith(value) === true;
    default:
      throw unknownOperator(label, operator);
  }
}

type OrderedOp = 'eq' | 'ne' | 'lt' | 'le' | 'ge' | 'gt';
const NUMBER_OPS: Record<string, OrderedOp> = {
  EQUAL: 'eq',
  NOT_EQUAL: 'ne',
  LESS_THAN: 'lt',
  LESS_THAN_OR_EQUAL: 'le',
  GREATER_THAN_OR_EQUAL: 'ge',
  GREATER_THAN: 'gt',
};
const DATE_OPS: Record<string, OrderedOp> = {
  EQUAL: 'eq',
  NOT_EQUAL: 'ne',
  BEFORE: 'lt',
  BEFORE_OR_EQUAL: 'le',
  AFTER_OR_EQUAL: 'ge',
  AFTER: 'gt',
};
const DURATION_OPS: Record<string, OrderedOp> = {
  EQUAL: 'eq',
  NOT_EQUAL: 'ne',
  SHORTER_THAN: 'lt',
  SHORTER_THAN_OR_EQUAL: 'le',
  LONGER_THAN_OR_EQUAL: 'ge',
  LONGER_THAN: 'gt',
};

/** Numbers, dates and durations. An absent date/duration in the filter means "unset": EQUAL
 * then selects records whose value is unset and NOT_EQUAL those where it is set (MongoDB's null
 * semantics); ordering against "unset" matches nothing. */
function orderedPredicate<R>(
  label: string,
  get: (r: R) => FieldValue,
  operator: string,
  prefix: string,
  ops: Record<string, OrderedOp>,
  target: number | undefined,
): Predicate<R> {
  const op = operator.startsWith(prefix) ? ops[operator.slice(prefix.length)] : undefined;
  if (!op) throw unknownOperator(label, operator);
  const num = (r: R): number | undefined => {
    const v = get(r);
    return typeof v === 'number' ? v : undefined;
  };
  if (target === undefined || Number.isNaN(target)) {
    if (op === 'eq') return (r) => num(r) === undefined;
    if (op === 'ne') return (r) => num(r) !== undefined;
    return () => false;
  }
  switch (op) {
    case 'eq':
      return (r) => num(r) === target;
    case 'ne':
      return (r) => num(r) !== target;
    case 'lt':
      return (r) => {
        const v = num(r);
        return v !== undefined && v < target;
      };
    case 'le':
      return (r) => {
        const v = num(r);
        return v !== undefined && v <= target;
      };
    case 'ge':
      return (r) => {
        const v = num(r);
        return v !== undefined && v >= target;
      };
    case 'gt':
      return (r) => {
        const v = num(r);
        return v !== undefined && v > target;
      };
  }
}

function statusPredicate<R>(field: RecordField<R>, get: (r: R) => FieldValue, operator: string, wireValue: unknown): Predicate<R> {
  const value = field.parseStatus?.(wireValue);
  if (value === undefined) throw malformedQuery(`Filter on ${field.label} has an unknown status value ${String(wireValue)}`);
  if (operator === 'FILTER_STATUS_OPERATOR_EQUAL') return (r) => get(r) === value;
  if (operator === 'FILTER_STATUS_OPERATOR_NOT_EQUAL') return (r) => get(r) !== value;
  throw unknownOperator(field.label, operator);
}

function arrayPredicate<R>(label: string, get: (r: R) => FieldValue, operator: string, value: string): Predicate<R> {
  const has = (r: R): boolean => {
    const v = get(r);
    return Array.isArray(v) && v.includes(value);
  };
  if (operator === 'FILTER_ARRAY_OPERATOR_CONTAINS') return has;
  if (operator === 'FILTER_ARRAY_OPERATOR_NOT_CONTAINS') return (r) => !has(r);
  throw unknownOperator(label, operator);
}

/** The string value of an `EQUAL` string condition, used to spot ID and session lookups. */
export function stringEqualityValue(condition: WireCondition): string | undefined {
  if (conditionName(condition) !== 'filterString') return undefined;
  const body = condition.filterString;
  if (!body || body.operator !== 'FILTER_STRING_OPERATOR_EQUAL' || typeof body.value !== 'string') return undefined;
  return body.value;
}
