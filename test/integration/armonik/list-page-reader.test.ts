// The client reads list answers with its own decoder (list-page-reader.ts). On the same bytes it
// must give exactly what the generic path gives (proto-loader's decoder, then the codecs): for
// rows in every state the simulator reaches, for edge values, for fields a newer control plane
// may add, and it must refuse corrupt bytes with a clear error instead of inventing rows.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isArmoniKError } from '../../../src/armonik/errors';
import { readListResultsResponse, readListTasksDetailedResponse } from '../../../src/armonik/wire/list-page-reader';
import { serviceDefinitions } from '../../../src/armonik/wire/load';
import { ProtoReader } from '../../../src/armonik/wire/proto-reader';
import { ProtoWriter } from '../../../src/armonik/wire/proto-writer';
import { resultFromWire } from '../../../src/armonik/wire/result-codec';
import { taskFromWire } from '../../../src/armonik/wire/task-codec';
import type { WireResultRawInput, WireTaskDetailedInput } from '../../../src/armonik/wire/types';
import { encodeListPage, writeResultRaw, writeTaskDetailed } from '../../../src/simulator/server/wire/record-encoding';
import { resultToWire } from '../../../src/simulator/server/wire/result-wire';
import { taskDetailedToWire } from '../../../src/simulator/server/wire/task-wire';
import { edgeResults, edgeTasks, sampleRecords } from '../../support/record-samples';

const defs = serviceDefinitions();
const tasksMethod = defs.tasks.ListTasksDetailed;
const resultsMethod = defs.results.ListResults;

function genericTasks(bytes: Buffer) {
  const page = tasksMethod.responseDeserialize(bytes);
  return { items: page.tasks.map(taskFromWire), page: page.page, pageSize: page.pageSize, total: page.total };
}

function genericResults(bytes: Buffer) {
  const page = resultsMethod.responseDeserialize(bytes);
  return { items: page.results.map(resultFromWire), page: page.page, pageSize: page.pageSize, total: page.total };
}

function taskPage(rows: WireTaskDetailedInput[]): Buffer {
  return tasksMethod.responseSerialize({ tasks: rows, page: 2, pageSize: 500, total: 1234 });
}

function resultPage(rows: WireResultRawInput[]): Buffer {
  return resultsMethod.responseSerialize({ results: rows, page: 0, pageSize: 500, total: 7 });
}

/** Fields no version of our protos has, one of each wire type, a group included. */
function unknownFields(): Buffer {
  const w = new ProtoWriter(64);
  w.int(90, 300);
  w.varint((91 << 3) | 1); // fixed64
  w.raw(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]));
  w.string(92, 'from a newer control plane');
  w.varint((93 << 3) | 5); // fixed32
  w.raw(Buffer.from([9, 9, 9, 9]));
  w.varint((94 << 3) | 3); // a group holding { 1: 42 }
  w.int(1, 42);
  w.varint((94 << 3) | 4);
  return Buffer.from(w.finish());
}

/** Appends `extra` inside every row (field 1) of a list answer and after the page fields. */
function withExtraFields(page: Buffer, extra: Buffer): Buffer {
  const r = new ProtoReader(page);
  const w = new ProtoWriter(page.length * 2);
  while (r.pos < r.end) {
    const start = r.pos;
    const tag = r.uint32();
    if (tag === ((1 << 3) | 2)) {
      const end = r.delimitedEnd();
      w.embedded(1, Buffer.concat([page.subarray(r.pos, end), extra]));
      r.pos = end;
    } else {
      r.skip(tag & 7, tag >>> 3);
      w.raw(page.subarray(start, r.pos));
    }
  }
  w.raw(extra);
  return Buffer.from(w.finish());
}

describe('list answers read straight into the model', () => {
  const { tasks, results } = sampleRecords();

  it('TaskDetailed pages read like the generic decoder and codec', () => {
    for (const rows of [tasks, edgeTasks(tasks[tasks.length - 1]!)]) {
      const bytes = taskPage(rows.map(taskDetailedToWire));
      const ours = readListTasksDetailedResponse(bytes);
      assert.deepEqual(ours, genericTasks(bytes));
      assert.equal(ours.items.length, rows.length);
    }
  });

  it('ResultRaw pages read like the generic decoder and codec', () => {
    for (const rows of [results, edgeResults(results[results.length - 1]!)]) {
      const bytes = resultPage(rows.map(resultToWire));
      const ours = readListResultsResponse(bytes);
      assert.deepEqual(ours, genericResults(bytes));
      assert.equal(ours.items.length, rows.length);
    }
  });

  it('reads the simulator’s own hand-written pages too', () => {
    const taskBytes = encodeListPage(tasks, writeTaskDetailed, 1, 1000, 99);
    assert.deepEqual(readListTasksDetailedResponse(taskBytes), genericTasks(taskBytes));
    const resultBytes = encodeListPage(results, writeResultRaw, 1, 1000, 99);
    assert.deepEqual(readListResultsResponse(resultBytes), genericResults(resultBytes));
  });

  it('keeps what the model means by absent: no options, output, instants or durations', () => {
    const bytes = taskPage([{ id: 't1' }]);
    const [task] = readListTasksDetailedResponse(bytes).items;
    assert.deepEqual(task, genericTasks(bytes).items[0]);
    assert.equal(task!.options, undefined);
    assert.equal(task!.output, undefined);
    assert.equal(task!.createdAt, undefined);
    assert.equal(task!.processingToEndMs, undefined);
    // Present but zero is not absent: 1970-01-01 and a zero-length duration.
    const zero = readListTasksDetailedResponse(taskPage([{ id: 't2', createdAt: { seconds: 0, nanos: 0 }, processingToEndDuration: {}, output: {}, options: {} }])).items[0]!;
    assert.equal(zero.createdAt?.getTime(), 0);
    assert.equal(zero.processingToEndMs, 0);
    assert.deepEqual(zero.output, { success: false, error: '' });
    assert.equal(zero.options?.partitionId, '');
  });

  it('reads negative numbers, huge sizes and statuses our protos do not know', () => {
    const taskBytes = taskPage([
      {
        id: 't',
        status: 99 as never,
        options: { priority: -3, maxRetries: -1, maxDuration: { seconds: -2, nanos: -500_000_000 }, options: { k: 'v' } },
        createdAt: { seconds: -86_400, nanos: 250_000_000 },
      },
    ]);
    const [task] = readListTasksDetailedResponse(taskBytes).items;
    assert.deepEqual(task, genericTasks(taskBytes).items[0]);
    assert.equal(task!.status, 'UNSPECIFIED');
    assert.equal(task!.options?.priority, -3);
    assert.equal(task!.options?.maxDurationMs, -2500);
    assert.equal(task!.createdAt?.getTime(), -86_399_750);

    const resultBytes = resultPage([
      { resultId: 'r1', status: 55 as never, size: 2 ** 52 + 5 },
      { resultId: 'r2', status: 'RESULT_STATUS_NOTFOUND', size: -1 },
    ]);
    const ours = readListResultsResponse(resultBytes).items;
    assert.deepEqual(ours, genericResults(resultBytes).items);
    assert.deepEqual(
      ours.map((r) => [r.status, r.size]),
      [
        ['UNSPECIFIED', 2 ** 52 + 5],
        ['NOTFOUND', -1],
      ],
    );
  });

  it('keeps an option named __proto__ as data, never as the prototype', () => {
    const bytes = taskPage([{ id: 't', options: { options: JSON.parse('{"__proto__": "stays data", "k": "v"}') as Record<string, string> } }]);
    const options = readListTasksDetailedResponse(bytes).items[0]!.options!.options;
    assert.equal(Object.getPrototypeOf(options), Object.prototype);
    assert.deepEqual(Object.entries(options), [
      ['__proto__', 'stays data'],
      ['k', 'v'],
    ]);
  });

  it('skips fields a newer control plane adds, in rows and around them', () => {
    const extra = unknownFields();
    const taskBytes = withExtraFields(taskPage(tasks.slice(0, 50).map(taskDetailedToWire)), extra);
    assert.deepEqual(readListTasksDetailedResponse(taskBytes), genericTasks(taskBytes));
    assert.equal(readListTasksDetailedResponse(taskBytes).items.length, 50);
    const resultBytes = withExtraFields(resultPage(results.slice(0, 50).map(resultToWire)), extra);
    assert.deepEqual(readListResultsResponse(resultBytes), genericResults(resultBytes));
  });

  it('refuses a truncated or corrupt answer with a clear error', () => {
    const bytes = taskPage(tasks.slice(0, 5).map(taskDetailedToWire));
    for (const cut of [bytes.length - 1, Math.floor(bytes.length / 2), 3]) {
      assert.throws(
        () => readListTasksDetailedResponse(bytes.subarray(0, cut)),
        (error: unknown) => isArmoniKError(error, 'internal') && /malformed protobuf answer/.test(error.message),
        `cut at ${cut}`,
      );
    }
    // A row claiming more bytes than the answer holds.
    assert.throws(() => readListResultsResponse(Buffer.from([0x0a, 0x7f, 0x0a, 0x01, 0x41])), /malformed protobuf answer/);
    // Wire types 6 and 7 do not exist.
    assert.throws(() => readListResultsResponse(Buffer.from([(9 << 3) | 7, 0])), /unknown wire type 7/);
  });
});
