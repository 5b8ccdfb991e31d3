// List answers decoded straight into the model (see proto-reader.ts for why). Every List*Response
// has the same frame: `repeated <Row> rows = 1; int32 page = 2; int32 page_size = 3;
// int32 total = 4;`. ListTasksDetailedResponse (reference §5.1) carries TaskDetailed rows,
// ListResultsResponse (§6.1) ResultRaw rows.

import type { Page } from '../api';
import type { Result, Task, TaskOptions, TaskOutput } from '../model';
import { ProtoReader } from './proto-reader';
import { resultStatusFromNumber, taskStatusFromNumber } from './status-codec';

type RowReader<T> = (r: ProtoReader, end: number) => T;

function readListPage<T>(bytes: Buffer, readRow: RowReader<T>): Page<T> {
  const r = new ProtoReader(bytes);
  const items: T[] = [];
  let page = 0;
  let pageSize = 0;
  let total = 0;
  while (r.pos < r.end) {
    const tag = r.uint32();
    switch (tag) {
      case (1 << 3) | 2:
        items.push(readRow(r, r.delimitedEnd()));
        break;
      case 2 << 3:
        page = r.int32();
        break;
      case 3 << 3:
        pageSize = r.int32();
        break;
      case 4 << 3:
        total = r.int32();
        break;
      default:
        r.skip(tag & 7, tag >>> 3);
    }
  }
  if (r.pos !== r.end) throw r.malformed('list answer ends inside a field');
  return { items, page, pageSize, total };
}

/** Ends a sub-message read: a row that claims more bytes than it has is corrupt. */
function closeMessage(r: ProtoReader, end: number, what: string): void {
  if (r.pos !== end) throw r.malformed(`${what} ends inside a field`);
}

export function readListTasksDetailedResponse(bytes: Buffer): Page<Task> {
  return readListPage(bytes, readTaskDetailed);
}

export function readListResultsResponse(bytes: Buffer): Page<Result> {
  return readListPage(bytes, readResultRaw);
}

/** `tasks.TaskDetailed` → Task, with what taskFromWire gives for absent fields. */
export function readTaskDetailed(r: ProtoReader, end: number): Task {
  const task: Task = {
    id: '',
    sessionId: '',
    ownerPodId: '',
    initialTaskId: '',
    parentTaskIds: [],
    dataDependencies: [],
    expectedOutputIds: [],
    retryOfIds: [],
    status: 'UNSPECIFIED',
    statusMessage: '',
    options: undefined,
    createdAt: undefined,
    submittedAt: undefined,
    receivedAt: undefined,
    acquiredAt: undefined,
    fetchedAt: undefined,
    startedAt: undefined,
    processedAt: undefined,
    endedAt: undefined,
    podTtl: undefined,
    creationToEndMs: undefined,
    processingToEndMs: undefined,
    receivedToEndMs: undefined,
    payloadId: '',
    createdBy: '',
    output: undefined,
    podHostname: '',
  };
  while (r.pos < end) {
    const tag = r.uint32();
    // Field numbers of TaskDetailed (tasks_common.proto); 2 is LEN, 0 VARINT.
    switch (tag) {
      case (1 << 3) | 2:
        task.id = r.string();
        break;
      case (2 << 3) | 2:
        task.sessionId = r.string();
        break;
      case (3 << 3) | 2:
        task.ownerPodId = r.string();
        break;
      case (4 << 3) | 2:
        task.parentTaskIds.push(r.string());
        break;
      case (5 << 3) | 2:
        task.dataDependencies.push(r.string());
        break;
      case (6 << 3) | 2:
        task.expectedOutputIds.push(r.string());
        break;
      case (7 << 3) | 2:
        task.retryOfIds.push(r.string());
        break;
      case 8 << 3:
        task.status = taskStatusFromNumber(r.int32());
        break;
      case (9 << 3) | 2:
        task.statusMessage = r.string();
        break;
      case (10 << 3) | 2:
        task.options = readTaskOptions(r, r.delimitedEnd());
        break;
      case (11 << 3) | 2:
        task.createdAt = r.timestamp();
        break;
      case (12 << 3) | 2:
        task.submittedAt = r.timestamp();
        break;
      case (13 << 3) | 2:
        task.startedAt = r.timestamp();
        break;
      case (14 << 3) | 2:
        task.endedAt = r.timestamp();
        break;
      case (15 << 3) | 2:
        task.podTtl = r.timestamp();
        break;
      case (16 << 3) | 2:
        task.output = readOutput(r, r.delimitedEnd());
        break;
      case (17 << 3) | 2:
        task.podHostname = r.string();
        break;
      case (18 << 3) | 2:
        task.receivedAt = r.timestamp();
        break;
      case (19 << 3) | 2:
        task.acquiredAt = r.timestamp();
        break;
      case (20 << 3) | 2:
        task.creationToEndMs = r.secondsAndNanosMs();
        break;
      case (21 << 3) | 2:
        task.processingToEndMs = r.secondsAndNanosMs();
        break;
      case (22 << 3) | 2:
        task.initialTaskId = r.string();
        break;
      case (23 << 3) | 2:
        task.receivedToEndMs = r.secondsAndNanosMs();
        break;
      case (24 << 3) | 2:
        task.processedAt = r.timestamp();
        break;
      case (25 << 3) | 2:
        task.fetchedAt = r.timestamp();
        break;
      case (26 << 3) | 2:
        task.payloadId = r.string();
        break;
      case (27 << 3) | 2:
        task.createdBy = r.string();
        break;
      default:
        r.skip(tag & 7, tag >>> 3);
    }
  }
  closeMessage(r, end, 'TaskDetailed');
  return task;
}

/** `TaskDetailed.Output`. */
function readOutput(r: ProtoReader, end: number): TaskOutput {
  const output: TaskOutput = { success: false, error: '' };
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === 1 << 3) output.success = r.bool();
    else if (tag === ((2 << 3) | 2)) output.error = r.string();
    else r.skip(tag & 7, tag >>> 3);
  }
  closeMessage(r, end, 'TaskDetailed.Output');
  return output;
}

/** `armonik.api.grpc.v1.TaskOptions` (objects.proto), as taskOptionsFromWire reads it. */
export function readTaskOptions(r: ProtoReader, end: number): TaskOptions {
  const options: TaskOptions = {
    options: {},
    maxDurationMs: undefined,
    maxRetries: 0,
    priority: 0,
    partitionId: '',
    applicationName: '',
    applicationVersion: '',
    applicationNamespace: '',
    applicationService: '',
    engineType: '',
  };
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag) {
      case (1 << 3) | 2:
        readMapEntry(r, r.delimitedEnd(), options.options);
        break;
      case (2 << 3) | 2:
        options.maxDurationMs = r.secondsAndNanosMs();
        break;
      case 3 << 3:
        options.maxRetries = r.int32();
        break;
      case 4 << 3:
        options.priority = r.int32();
        break;
      case (5 << 3) | 2:
        options.partitionId = r.string();
        break;
      case (6 << 3) | 2:
        options.applicationName = r.string();
        break;
      case (7 << 3) | 2:
        options.applicationVersion = r.string();
        break;
      case (8 << 3) | 2:
        options.applicationNamespace = r.string();
        break;
      case (9 << 3) | 2:
        options.applicationService = r.string();
        break;
      case (10 << 3) | 2:
        options.engineType = r.string();
        break;
      default:
        r.skip(tag & 7, tag >>> 3);
    }
  }
  closeMessage(r, end, 'TaskOptions');
  return options;
}

/** One `map<string, string>` entry (key = 1, value = 2); a missing part is the empty string. */
function readMapEntry(r: ProtoReader, end: number, into: Record<string, string>): void {
  let key = '';
  let value = '';
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag === ((1 << 3) | 2)) key = r.string();
    else if (tag === ((2 << 3) | 2)) value = r.string();
    else r.skip(tag & 7, tag >>> 3);
  }
  closeMessage(r, end, 'map entry');
  // A key such as `__proto__` must stay data, never reach the object's prototype.
  Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `results.ResultRaw` → Result, with what resultFromWire gives for absent fields. */
export function readResultRaw(r: ProtoReader, end: number): Result {
  const result: Result = {
    resultId: '',
    sessionId: '',
    name: '',
    ownerTaskId: '',
    status: 'UNSPECIFIED',
    createdAt: undefined,
    completedAt: undefined,
    size: 0,
    createdBy: '',
    opaqueId: new Uint8Array(0),
    manualDeletion: false,
  };
  while (r.pos < end) {
    const tag = r.uint32();
    // Field numbers of ResultRaw (results_common.proto); there is no field 7.
    switch (tag) {
      case (1 << 3) | 2:
        result.sessionId = r.string();
        break;
      case (2 << 3) | 2:
        result.name = r.string();
        break;
      case (3 << 3) | 2:
        result.ownerTaskId = r.string();
        break;
      case 4 << 3:
        result.status = resultStatusFromNumber(r.int32());
        break;
      case (5 << 3) | 2:
        result.createdAt = r.timestamp();
        break;
      case (6 << 3) | 2:
        result.completedAt = r.timestamp();
        break;
      case (8 << 3) | 2:
        result.resultId = r.string();
        break;
      case 9 << 3:
        result.size = r.int64();
        break;
      case (10 << 3) | 2:
        result.createdBy = r.string();
        break;
      case (11 << 3) | 2:
        result.opaqueId = r.bytes();
        break;
      case 12 << 3:
        result.manualDeletion = r.bool();
        break;
      default:
        r.skip(tag & 7, tag >>> 3);
    }
  }
  closeMessage(r, end, 'ResultRaw');
  return result;
}
