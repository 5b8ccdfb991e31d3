// The request a trace sends most: "these hundreds of tasks (or results), by ID", i.e.
// `List{Tasks,Results}Request` whose filter ORs one `id = …` term per ID (reference §3, §5.4,
// §6.2). Written with ProtoWriter: protobufjs' `fromObject` built five message objects per term.
//
// The bytes decode to the very request the generic path sends: page (1), page_size (2) and
// filters (3) written here, then the sort (4) and with_errors (5) that the caller had the generic
// serializer encode once (a message may be written as the concatenation of its fields).

import { ProtoWriter } from './proto-writer';

export interface IdListRequest {
  ids: readonly string[];
  page: number;
  pageSize: number;
}

/** `tasks.TaskSummaryEnumField.TASK_SUMMARY_ENUM_FIELD_TASK_ID` (tasks_fields.proto). */
const TASK_ID_FIELD = 16;
/** `results.ResultRawEnumField.RESULT_RAW_ENUM_FIELD_RESULT_ID` (results_fields.proto). */
const RESULT_ID_FIELD = 7;

/** Field 1 of the FilterField, tag included, naming the ID column:
 * TaskField{task_summary_field{field}} or ResultField{result_raw_field{field}}, all field 1. */
function idColumn(enumValue: number): Buffer {
  const w = new ProtoWriter(16);
  w.message(1, (column) => column.message(1, (name) => name.int(1, enumValue)));
  return Buffer.from(w.finish());
}

const ID_COLUMNS = { task: idColumn(TASK_ID_FIELD), result: idColumn(RESULT_ID_FIELD) } as const;

/**
 * A serializer for grpc-js. `tail` holds the request's remaining fields (sort, with_errors) as
 * the generic serializer wrote them for `{ sort, withErrors }`.
 */
export function idListRequestSerializer(entity: 'task' | 'result', tail: Buffer): (request: IdListRequest) => Buffer {
  const column = ID_COLUMNS[entity];
  return (request) => {
    const w = new ProtoWriter(64 + request.ids.length * 64 + tail.length);
    w.int(1, request.page);
    w.int(2, request.pageSize);
    w.message(3, (filters) => {
      for (const id of request.ids) {
        // Filters.or[] → FiltersAnd.and[] → FilterField{ field, filter_string{ value } }; the
        // EQUAL operator is 0, the default, so it is not written.
        filters.message(1, (and) =>
          and.message(1, (term) => {
            term.raw(column);
            term.message(2, (condition) => condition.string(1, id));
          }),
        );
      }
    });
    w.raw(tail);
    return w.finish();
  };
}
