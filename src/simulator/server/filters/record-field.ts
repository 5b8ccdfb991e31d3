// A field of an engine record as filters and sorts see it. Each entity (task, result, session,
// partition, application) maps its wire field selector (`TaskField`, `ResultField`, …) to one of
// these, so that one condition compiler and one sorter serve every List RPC.

/** The data type of a field, which decides which filter condition fits it (reference §3). */
export type FieldKind = 'string' | 'number' | 'date' | 'duration' | 'status' | 'boolean' | 'array';

/** Values as filters compare them: dates as epoch ms, durations in ms, statuses by short name,
 * `undefined` for unset timestamps/durations and missing generic options. */
export type FieldValue = string | number | boolean | readonly string[] | undefined;

/** What sorting compares; undefined (unset) sorts before everything, as null does in MongoDB. */
export type SortKey = string | number | boolean | undefined;

export interface RecordField<R> {
  /** Human-readable name for error messages, e.g. `TASK_SUMMARY_ENUM_FIELD_STATUS`. */
  readonly label: string;
  readonly kind: FieldKind;
  get(record: R): FieldValue;
  /** Statuses sort by enum number and arrays by their joined text; other kinds by `get`. */
  sortKey?(record: R): SortKey;
  /** For status fields: the short status name of a wire enum value (undefined if unknown). */
  parseStatus?(wireValue: unknown): string | undefined;
  /** The engine can fetch records by this field's value without scanning. */
  readonly index?: 'id' | 'session';
  /** False for fields that exist on the wire but cannot be filtered or sorted on (e.g. the
   * whole `options` object of a session); using them is a malformed query. */
  readonly queryable?: boolean;
}

export function sortKeyOf<R>(field: RecordField<R>): (record: R) => SortKey {
  if (field.sortKey) return field.sortKey.bind(field);
  if (field.kind === 'array') {
    return (record) => {
      const value = field.get(record);
      return Array.isArray(value) ? value.join('\u0000') : undefined;
    };
  }
  return field.get.bind(field) as (record: R) => SortKey;
}

/** Resolves an entity's wire field selector; throws a malformed-query RpcError when the selector
 * is unset or names no known field. */
export type FieldResolver<R, W> = (wireField: W | null | undefined) => RecordField<R>;
