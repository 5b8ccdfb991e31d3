// Engine records written directly as protobuf (see proto-writer.ts), with the field numbers of
// our protos (reference §2.1, §5.1, §5.2, §6.1). The generic path (task-wire.ts, result-wire.ts
// through grpc-js' serializer) stays the reference: tests decode both and compare.

import type { TaskOptions } from '../../../armonik/model';
import { ProtoWriter } from '../../../armonik/wire/proto-writer';
import { RESULT_STATUS_NUMBER, TASK_STATUS_NUMBER } from '../../../armonik/wire/status-codec';
import type { ResultRecord, TaskRecord } from '../../engine/types';

function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : to - from;
}

const encodedOptions = new WeakMap<Readonly<TaskOptions>, Buffer>();

/** `armonik.api.grpc.v1.TaskOptions`, memoised per frozen (shared) options object. */
export function encodeTaskOptions(o: Readonly<TaskOptions>): Buffer {
  const cached = encodedOptions.get(o);
  if (cached) return cached;
  const w = new ProtoWriter(256);
  for (const [key, value] of Object.entries(o.options)) {
    w.message(1, (entry) => {
      entry.string(1, key);
      entry.string(2, value);
    });
  }
  w.duration(2, o.maxDurationMs);
  w.int(3, o.maxRetries);
  w.int(4, o.priority);
  w.string(5, o.partitionId);
  w.string(6, o.applicationName);
  w.string(7, o.applicationVersion);
  w.string(8, o.applicationNamespace);
  w.string(9, o.applicationService);
  w.string(10, o.engineType);
  const bytes = Buffer.from(w.finish());
  if (Object.isFrozen(o)) encodedOptions.set(o, bytes);
  return bytes;
}

/** `tasks.TaskSummary` (§5.2). */
export function writeTaskSummary(w: ProtoWriter, t: TaskRecord): void {
  w.string(1, t.id);
  w.string(2, t.sessionId);
  w.embedded(3, encodeTaskOptions(t.options));
  w.int(4, TASK_STATUS_NUMBER[t.status] ?? 0);
  w.timestamp(5, t.createdAt);
  w.timestamp(6, t.startedAt);
  w.timestamp(7, t.endedAt);
  w.string(8, t.outputError);
  // status_message (9) is always empty in Core.
  w.string(10, t.ownerPodId);
  w.int(11, t.dataDependencies.length);
  w.timestamp(12, t.submittedAt);
  w.int(13, t.expectedOutputIds.length);
  w.int(14, t.retryOfIds.length);
  w.duration(15, span(t.createdAt, t.endedAt));
  w.duration(16, span(t.startedAt, t.endedAt));
  w.string(17, t.podHostname);
  w.timestamp(18, t.receivedAt);
  w.timestamp(19, t.acquiredAt);
  w.timestamp(20, t.podTtl);
  w.int(21, t.parentTaskIds.length);
  w.string(22, t.initialTaskId);
  w.timestamp(23, t.processedAt);
  w.duration(24, span(t.receivedAt, t.endedAt));
  w.timestamp(25, t.fetchedAt);
  w.string(26, t.payloadId);
  w.string(27, t.createdBy);
}

/** `tasks.TaskDetailed` (§5.1). */
export function writeTaskDetailed(w: ProtoWriter, t: TaskRecord): void {
  w.string(1, t.id);
  w.string(2, t.sessionId);
  w.string(3, t.ownerPodId);
  w.repeatedString(4, t.parentTaskIds);
  w.repeatedString(5, t.dataDependencies);
  w.repeatedString(6, t.expectedOutputIds);
  w.repeatedString(7, t.retryOfIds);
  w.int(8, TASK_STATUS_NUMBER[t.status] ?? 0);
  w.embedded(10, encodeTaskOptions(t.options));
  w.timestamp(11, t.createdAt);
  w.timestamp(12, t.submittedAt);
  w.timestamp(13, t.startedAt);
  w.timestamp(14, t.endedAt);
  w.timestamp(15, t.podTtl);
  w.message(16, (output) => {
    output.bool(1, t.outputSuccess);
    output.string(2, t.outputError);
  });
  w.string(17, t.podHostname);
  w.timestamp(18, t.receivedAt);
  w.timestamp(19, t.acquiredAt);
  w.duration(20, span(t.createdAt, t.endedAt));
  w.duration(21, span(t.startedAt, t.endedAt));
  w.string(22, t.initialTaskId);
  w.duration(23, span(t.receivedAt, t.endedAt));
  w.timestamp(24, t.processedAt);
  w.timestamp(25, t.fetchedAt);
  w.string(26, t.payloadId);
  w.string(27, t.createdBy);
}

/** `results.ResultRaw` (§6.1). */
export function writeResultRaw(w: ProtoWriter, r: ResultRecord): void {
  w.string(1, r.sessionId);
  w.string(2, r.name);
  w.string(3, r.ownerTaskId);
  w.int(4, RESULT_STATUS_NUMBER[r.status] ?? 0);
  w.timestamp(5, r.createdAt);
  w.timestamp(6, r.completedAt);
  w.string(8, r.resultId);
  w.int(9, r.size);
  w.string(10, r.createdBy);
  if (r.opaqueId) w.bytes(11, Buffer.from(r.opaqueId, 'utf8'));
  w.bool(12, r.manualDeletion);
}

/** ListTasksResponse, ListTasksDetailedResponse and ListResultsResponse share one layout:
 * rows = 1, page = 2, page_size = 3, total = 4. */
export function encodeListPage<R>(rows: readonly R[], writeRow: (w: ProtoWriter, row: R) => void, page: number, pageSize: number, total: number): Buffer {
  const w = new ProtoWriter(Math.max(1024, rows.length * 512));
  for (const row of rows) w.message(1, (inner) => writeRow(inner, row));
  w.int(2, page);
  w.int(3, pageSize);
  w.int(4, total);
  return w.finish();
}
