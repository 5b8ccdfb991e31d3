// Checks our hand-written protos against test/fixtures/reference-schema.json, a table
// extracted from the ArmoniK API reference (not from our protos), then checks real
// encodings with an independent wire reader. A wrong field number, type, repeated-ness,
// oneof membership, enum value, method path or streaming flag fails here.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as protobuf from 'protobufjs';
import { SERVICE_NAMES, findProtosDir, serviceDefinitions, type ArmoniKServiceKey } from '../../../src/armonik/wire/load';
import { WT, WireView, decodePackedVarints, lenField, varintField } from './wire-reader';

// ---------------------------------------------------------------- reference table

type Rule = 'optional' | 'repeated' | 'map';
interface FieldRow {
  name: string;
  number: number;
  type: string;
  rule: Rule;
  keyType?: string;
  oneof?: string;
}
interface MethodRow {
  path: string;
  requestType: string;
  responseType: string;
  requestStream: boolean;
  responseStream: boolean;
}
interface ReferenceSchema {
  messages: Record<string, FieldRow[]>;
  enums: Record<string, Record<string, number>>;
  services: Record<string, Record<string, MethodRow>>;
}

const referenceText = readFileSync(resolve(__dirname, '../../fixtures/reference-schema.json'), 'utf8');
const reference = JSON.parse(referenceText) as ReferenceSchema & { $comment: string };

// The table names the version of the reference it was extracted from. Where the reference sits
// next to the repository (our development machines; not a fresh CI clone), a new version of it
// must lead to a new extraction, not to a table silently describing the old one.
const REFERENCE_DOC = resolve(__dirname, '../../../../shared/armonik-api-reference.md');
describe('reference table', () => {
  it('was extracted from the reference as it is now', { skip: existsSync(REFERENCE_DOC) ? false : `${REFERENCE_DOC} is not on this machine` }, () => {
    const extractedFrom = /sha256 ([0-9a-f]{16})/.exec(reference.$comment)?.[1];
    const now = createHash('sha256').update(readFileSync(REFERENCE_DOC)).digest('hex').slice(0, 16);
    assert.equal(extractedFrom, now, 'the API reference changed since test/fixtures/reference-schema.json was extracted: extract it again');
  });
});

// ---------------------------------------------------------------- our protos, via protobufjs

const protosDir = findProtosDir();

function listProtos(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) listProtos(path, out);
    else if (name.endsWith('.proto')) out.push(path);
  }
  return out;
}

// Every file under protos/, not just the service entry points, so that a stray
// definition in an unreferenced file is caught too. keepCase keeps the reference's
// snake_case names.
function loadAllProtos(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (origin, target) => {
    const inRoot = join(protosDir, target);
    try {
      statSync(inRoot);
      return inRoot;
    } catch {
      return protobuf.util.path.resolve(origin, target);
    }
  };
  root.loadSync(listProtos(protosDir), { keepCase: true });
  root.resolveAll();
  return root;
}

const root = loadAllProtos();

function walk(ns: protobuf.NamespaceBase, visit: (obj: protobuf.ReflectionObject) => void): void {
  for (const nested of ns.nestedArray) {
    visit(nested);
    if (nested instanceof protobuf.Namespace || nested instanceof protobuf.Type || nested instanceof protobuf.Service) {
      walk(nested, visit);
    }
  }
}

const ours = { types: new Map<string, protobuf.Type>(), enums: new Map<string, protobuf.Enum>(), services: new Map<string, protobuf.Service>() };
walk(root, (obj) => {
  if (!obj.fullName.startsWith('.armonik.')) return;
  if (obj instanceof protobuf.Type) ours.types.set(obj.fullName, obj);
  else if (obj instanceof protobuf.Enum) ours.enums.set(obj.fullName, obj);
  else if (obj instanceof protobuf.Service) ours.services.set(obj.fullName, obj);
});

function typeName(field: protobuf.Field): string {
  return field.resolvedType ? field.resolvedType.fullName : field.type;
}

function ruleOf(field: protobuf.Field): Rule {
  if (field.map) return 'map';
  return field.repeated ? 'repeated' : 'optional';
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

// ---------------------------------------------------------------- schema tables

describe('protos match the reference schema table', () => {
  it('declares exactly the reference messages, enums and services under armonik.*', () => {
    assert.deepEqual(sorted(ours.types.keys()), sorted(Object.keys(reference.messages)));
    assert.deepEqual(sorted(ours.enums.keys()), sorted(Object.keys(reference.enums)));
    assert.deepEqual(sorted(ours.services.keys()), sorted(Object.keys(reference.services)));
  });

  for (const [fq, rows] of Object.entries(reference.messages)) {
    it(`message ${fq}`, () => {
      const type = root.lookupType(fq);
      assert.deepEqual(
        sorted(type.fieldsArray.map((f) => f.name)),
        sorted(rows.map((r) => r.name)),
        'field names (extra or missing fields)',
      );
      for (const row of rows) {
        const field = type.fields[row.name] as protobuf.Field;
        const where = `${fq}.${row.name}`;
        assert.equal(field.id, row.number, `${where} number`);
        assert.equal(typeName(field), row.type, `${where} type`);
        assert.equal(ruleOf(field), row.rule, `${where} rule`);
        const keyType = field instanceof protobuf.MapField ? field.keyType : undefined;
        assert.equal(keyType, row.keyType, `${where} key type`);
        assert.equal(field.partOf?.name, row.oneof, `${where} oneof`);
      }
      // No oneof beyond those the table names (e.g. an accidental proto3 `optional`).
      const oneofs = new Set(rows.flatMap((r) => (r.oneof ? [r.oneof] : [])));
      assert.deepEqual(sorted(type.oneofsArray.map((o) => o.name)), sorted(oneofs), `${fq} oneofs`);
    });
  }

  for (const [fq, values] of Object.entries(reference.enums)) {
    it(`enum ${fq}`, () => {
      assert.deepEqual({ ...root.lookupEnum(fq).values }, values);
    });
  }

  for (const [fq, methods] of Object.entries(reference.services)) {
    it(`service ${fq}`, () => {
      const service = root.lookupService(fq);
      assert.deepEqual(sorted(service.methodsArray.map((m) => m.name)), sorted(Object.keys(methods)));
      for (const [name, row] of Object.entries(methods)) {
        const m = service.methods[name] as protobuf.Method;
        assert.equal(m.resolvedRequestType?.fullName, row.requestType, `${name} request`);
        assert.equal(m.resolvedResponseType?.fullName, row.responseType, `${name} response`);
        assert.equal(Boolean(m.requestStream), row.requestStream, `${name} client streaming`);
        assert.equal(Boolean(m.responseStream), row.responseStream, `${name} server streaming`);
      }
    });
  }

  it('runtime service definitions (load.ts) expose the reference paths and streaming flags', () => {
    const defs = serviceDefinitions();
    const keyByName = new Map(Object.entries(SERVICE_NAMES).map(([k, v]) => [`.${v}`, k as ArmoniKServiceKey]));
    assert.deepEqual(sorted(keyByName.keys()), sorted(Object.keys(reference.services)));
    for (const [fq, methods] of Object.entries(reference.services)) {
      const def = defs[keyByName.get(fq) as ArmoniKServiceKey] as unknown as Record<
        string,
        { path: string; requestStream: boolean; responseStream: boolean }
      >;
      // grpc-js definitions hold each method under its proto name.
      assert.deepEqual(sorted(Object.keys(def)), sorted(Object.keys(methods)), fq);
      for (const [name, row] of Object.entries(methods)) {
        const m = def[name];
        assert.ok(m, `${fq}/${name} missing`);
        assert.equal(m.path, row.path);
        assert.equal(m.requestStream, row.requestStream, `${row.path} client streaming`);
        assert.equal(m.responseStream, row.responseStream, `${row.path} server streaming`);
      }
    }
  });
});

// ---------------------------------------------------------------- every field on the wire

const VARINT_SCALARS = new Set(['int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64', 'bool']);

/** A non-default sample for one field, and the check of its encoding. */
function sample(row: FieldRow): { value: unknown; check: (v: WireView) => void } {
  const n = row.number;
  const enumValues = reference.enums[row.type];
  if (row.rule === 'map') {
    assert.equal(row.keyType, 'string');
    assert.equal(row.type, 'string');
    return {
      value: { k: 'v' },
      check: (v) => {
        const entry = v.msg(n); // map entries are LEN sub-messages { key = 1, value = 2 }
        assert.equal(entry.str(1), 'k');
        assert.equal(entry.str(2), 'v');
      },
    };
  }
  if (enumValues) {
    // The highest value exercises multi-byte varints (NOTFOUND = 127 fits, 0 would be elided).
    const [name, num] = Object.entries(enumValues).sort((a, b) => b[1] - a[1])[0] as [string, number];
    if (row.rule === 'repeated') {
      return { value: [name], check: (v) => assert.deepEqual(decodePackedVarints(v.bytes(n)), [BigInt(num)]) };
    }
    return { value: name, check: (v) => assert.equal(v.varint(n), num) };
  }
  if (row.type === 'string') {
    if (row.rule === 'repeated') return { value: ['a', 'b'], check: (v) => assert.deepEqual(v.strs(n), ['a', 'b']) };
    return { value: `s${n}`, check: (v) => assert.equal(v.str(n), `s${n}`) };
  }
  if (row.type === 'bytes') {
    assert.equal(row.rule, 'optional');
    return { value: Buffer.from([1, 2, n]), check: (v) => assert.deepEqual([...v.bytes(n)], [1, 2, n]) };
  }
  if (VARINT_SCALARS.has(row.type)) {
    assert.equal(row.rule, 'optional');
    const value = row.type === 'bool' ? true : row.type.endsWith('64') ? 2 ** 40 + n : 1000 + n;
    return { value, check: (v) => assert.equal(v.varint(n), value === true ? 1 : value) };
  }
  if (row.type.startsWith('.')) {
    // A message: even an empty one is written as a zero-length LEN entry.
    if (row.rule === 'repeated') {
      return { value: [{}, {}], check: (v) => assert.deepEqual(v.msgs(n).map((m) => m.entries.length), [0, 0]) };
    }
    return { value: {}, check: (v) => assert.equal(v.bytes(n).length, 0) };
  }
  throw new Error(`no sample for ${row.type}`);
}

describe('every reference field is written on its reference number', () => {
  for (const [fq, rows] of Object.entries(reference.messages)) {
    if (rows.length === 0) continue;
    it(fq, () => {
      const type = root.lookupType(fq);
      for (const row of rows) {
        const { value, check } = sample(row);
        const bytes = type.encode(type.fromObject({ [row.name]: value })).finish();
        const view = WireView.of(bytes);
        assert.deepEqual(view.fieldNumbers(), [row.number], `${fq}.${row.name}`);
        check(view);
      }
    });
  }
});

// ---------------------------------------------------------------- runtime (grpc-js) encodings

const defs = serviceDefinitions();
const ts = (seconds: number) => ({ seconds, nanos: 0 });

describe('runtime serializers put representative messages on the reference tags', () => {
  it('TaskDetailed (GetTaskResponse.task = 1)', () => {
    const bytes = defs.tasks.GetTask.responseSerialize({
      task: {
        id: 'T',
        sessionId: 'S',
        ownerPodId: 'pod',
        initialTaskId: 'T0',
        parentTaskIds: ['S', 'P'],
        dataDependencies: ['d1'],
        expectedOutputIds: ['o1', 'o2'],
        retryOfIds: ['T0'],
        status: 'TASK_STATUS_ERROR',
        options: { options: { k: 'v' }, maxDuration: { seconds: 60, nanos: 0 }, maxRetries: 2, partitionId: 'p' },
        createdAt: ts(1),
        submittedAt: ts(2),
        receivedAt: ts(3),
        acquiredAt: ts(4),
        fetchedAt: ts(5),
        startedAt: ts(6),
        processedAt: ts(7),
        endedAt: ts(8),
        podTtl: ts(9),
        creationToEndDuration: { seconds: 10, nanos: 0 },
        processingToEndDuration: { seconds: 11, nanos: 0 },
        receivedToEndDuration: { seconds: 12, nanos: 0 },
        payloadId: 'payload',
        createdBy: 'parent',
        output: { success: false, error: 'boom' },
        podHostname: 'host',
      },
    });
    const task = WireView.of(bytes).msg(1);
    assert.deepEqual(
      task.fieldNumbers(),
      [1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27],
    );
    assert.equal(task.str(26), 'payload');
    assert.equal(task.str(27), 'parent');
    assert.equal(task.str(22), 'T0');
    assert.deepEqual(task.strs(4), ['S', 'P']);
    assert.deepEqual(task.strs(6), ['o1', 'o2']);
    assert.equal(task.varint(8), 5); // TASK_STATUS_ERROR
    const output = task.msg(16);
    // protobufjs writes explicitly-set defaults (success=false) instead of eliding
    // them; still valid proto3, and any decoder reads it back as false.
    assert.deepEqual(output.fieldNumbers(), [1, 2]);
    assert.equal(output.varint(1), 0);
    assert.equal(output.str(2), 'boom');
    assert.equal(task.msg(25).varint(1), 5); // fetched_at.seconds
    assert.equal(task.msg(24).varint(1), 7); // processed_at
    assert.equal(task.msg(23).varint(1), 12); // received_to_end_duration
    const options = task.msg(10);
    assert.equal(options.msg(1).str(1), 'k'); // map entry key
    assert.equal(options.msg(2).varint(1), 60); // max_duration.seconds
    assert.equal(options.varint(3), 2);
    assert.equal(options.str(5), 'p');

    // And back through the runtime decoder, with the loader's representation options.
    const decoded = defs.tasks.GetTask.responseDeserialize(bytes).task;
    assert.ok(decoded);
    assert.equal(decoded.payloadId, 'payload');
    assert.equal(decoded.status, 'TASK_STATUS_ERROR');
    assert.equal(decoded.statusMessage, ''); // defaults: true
    assert.deepEqual(decoded.options?.options, { k: 'v' });
    assert.equal(decoded.fetchedAt?.seconds, 5); // longs: Number
  });

  it('TaskSummary uses its own numbering (ListTasksResponse.tasks = 1)', () => {
    const bytes = defs.tasks.ListTasks.responseSerialize({
      tasks: [{ id: 'T', status: 'TASK_STATUS_COMPLETED', ownerPodId: 'pod', options: {}, error: 'e', countDataDependencies: 3 }],
      total: 1,
    });
    const top = WireView.of(bytes);
    assert.equal(top.varint(4), 1);
    const summary = top.msg(1);
    assert.deepEqual(summary.fieldNumbers(), [1, 3, 4, 8, 10, 11]);
    assert.equal(summary.varint(4), 4); // status on 4 here, 8 in TaskDetailed
    assert.equal(summary.str(10), 'pod');
    assert.equal(summary.str(8), 'e');
    assert.equal(summary.varint(11), 3);
  });

  it('ResultRaw (GetResultResponse.result = 1): result_id on 8, nothing on 7', () => {
    const bytes = defs.results.GetResult.responseSerialize({
      result: {
        sessionId: 'S',
        name: 'n',
        ownerTaskId: 'T',
        status: 'RESULT_STATUS_NOTFOUND',
        createdAt: ts(1),
        completedAt: ts(2),
        resultId: 'R',
        size: 2 ** 33,
        createdBy: 'C',
        opaqueId: Buffer.from([0xde, 0xad]),
        manualDeletion: true,
      },
    });
    const r = WireView.of(bytes).msg(1);
    assert.deepEqual(r.fieldNumbers(), [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12]);
    assert.equal(r.str(8), 'R');
    assert.equal(r.varint(4), 127);
    assert.equal(r.varint(9), 2 ** 33);
    assert.deepEqual([...r.bytes(11)], [0xde, 0xad]);
    const decoded = defs.results.GetResult.responseDeserialize(bytes).result;
    assert.equal(decoded?.size, 2 ** 33);
    assert.ok(Buffer.isBuffer(decoded?.opaqueId));
    assert.equal(decoded?.status, 'RESULT_STATUS_NOTFOUND');
  });

  it('EventSubscriptionResponse: each update kind on its oneof tag and nested numbers', () => {
    const ser = defs.events.GetEvents.responseSerialize;
    const newResult = WireView.of(
      ser({ sessionId: 'S', newResult: { resultId: 'R', ownerId: 'O', status: 'RESULT_STATUS_CREATED' } }),
    );
    assert.deepEqual(newResult.fieldNumbers(), [1, 6]);
    const nr = newResult.msg(6);
    assert.equal(nr.str(50), 'R');
    assert.equal(nr.str(51), 'O');
    assert.equal(nr.varint(52), 1);

    const newTask = WireView.of(
      ser({
        sessionId: 'S',
        newTask: {
          taskId: 'T',
          payloadId: 'P',
          originTaskId: 'T0',
          status: 'TASK_STATUS_CREATING',
          expectedOutputKeys: ['o'],
          dataDependencies: ['d'],
          retryOfIds: ['r'],
          parentTaskIds: ['S'],
        },
      }),
    );
    assert.deepEqual(newTask.fieldNumbers(), [1, 5]);
    assert.deepEqual(newTask.msg(5).fieldNumbers(), [40, 41, 42, 43, 44, 45, 46, 47]);
    assert.equal(newTask.msg(5).str(42), 'T0');

    const tsu = WireView.of(ser({ taskStatusUpdate: { taskId: 'T', status: 'TASK_STATUS_PAUSED' } })).msg(2);
    assert.equal(tsu.str(10), 'T');
    assert.equal(tsu.varint(11), 13);
    const rsu = WireView.of(ser({ resultStatusUpdate: { resultId: 'R', status: 'RESULT_STATUS_ABORTED' } })).msg(3);
    assert.equal(rsu.str(20), 'R');
    assert.equal(rsu.varint(21), 3);
    const rou = WireView.of(ser({ resultOwnerUpdate: { resultId: 'R', previousOwnerId: 'A', currentOwnerId: 'B' } })).msg(4);
    assert.deepEqual(rou.fieldNumbers(), [30, 31, 32]);
    assert.equal(rou.str(32), 'B');

    const decoded = defs.events.GetEvents.responseDeserialize(
      ser({ sessionId: 'S', newResult: { resultId: 'R', ownerId: 'O', status: 'RESULT_STATUS_CREATED' } }),
    );
    assert.equal(decoded.update, 'newResult'); // oneofs: true
    assert.equal(decoded.newResult?.ownerId, 'O');
  });

  it('tasks Filters: every value_condition on its tag (ListTasksRequest.filters = 3)', () => {
    const field = { taskSummaryField: { field: 'TASK_SUMMARY_ENUM_FIELD_TASK_ID' as const } };
    const conditions = {
      filterString: [2, { value: 'x', operator: 'FILTER_STRING_OPERATOR_STARTS_WITH' }],
      filterNumber: [3, { value: 7, operator: 'FILTER_NUMBER_OPERATOR_GREATER_THAN' }],
      filterBoolean: [4, { value: true }],
      filterStatus: [5, { value: 'TASK_STATUS_ERROR', operator: 'FILTER_STATUS_OPERATOR_NOT_EQUAL' }],
      filterDate: [6, { value: ts(42), operator: 'FILTER_DATE_OPERATOR_AFTER' }],
      filterArray: [7, { value: 'y', operator: 'FILTER_ARRAY_OPERATOR_NOT_CONTAINS' }],
      filterDuration: [8, { value: { seconds: 3, nanos: 0 }, operator: 'FILTER_DURATION_OPERATOR_LONGER_THAN' }],
    } as const;
    const bytes = defs.tasks.ListTasks.requestSerialize({
      page: 0,
      pageSize: 10,
      filters: { or: [{ and: Object.entries(conditions).map(([k, [, v]]) => ({ field, [k]: v })) }] },
      sort: { field, direction: 'SORT_DIRECTION_DESC' },
    });
    const req = WireView.of(bytes);
    assert.equal(req.msg(4).varint(2), 2); // SORT_DIRECTION_DESC
    const ands = req.msg(3).msgs(1);
    assert.equal(ands.length, 1);
    const filterFields = (ands[0] as WireView).msgs(1);
    const entries = Object.values(conditions);
    assert.equal(filterFields.length, entries.length);
    filterFields.forEach((ff, i) => {
      const [tagNo] = entries[i] as readonly [number, unknown];
      assert.deepEqual(ff.fieldNumbers(), [1, tagNo]);
      assert.equal(ff.msg(1).msg(1).varint(1), 16); // TaskField.task_summary_field.field = TASK_ID
    });
    assert.equal((filterFields[0] as WireView).msg(2).varint(2), 4); // STARTS_WITH
    assert.equal((filterFields[1] as WireView).msg(3).varint(1), 7);
    assert.equal((filterFields[3] as WireView).msg(5).varint(1), 5); // TASK_STATUS_ERROR
    assert.equal((filterFields[4] as WireView).msg(6).msg(1).varint(1), 42);
    // filterBoolean with operator IS (0) elides the operator: only value remains.
    assert.deepEqual((filterFields[2] as WireView).msg(4).fieldNumbers(), [1]);
  });

  it('results Filters: their own oneof numbering, filter_number on 6', () => {
    const field = { resultRawField: { field: 'RESULT_RAW_ENUM_FIELD_SIZE' as const } };
    const and = [
      { field, filterString: { value: 'a' } },
      { field, filterDate: { value: ts(1) } },
      { field, filterArray: { value: 'b' } },
      { field, filterStatus: { value: 'RESULT_STATUS_COMPLETED' as const } },
      { field, filterNumber: { value: 9, operator: 'FILTER_NUMBER_OPERATOR_LESS_THAN' as const } },
    ];
    const bytes = defs.results.ListResults.requestSerialize({ filters: { or: [{ and }] } });
    const ffs = (WireView.of(bytes).msg(3).msgs(1)[0] as WireView).msgs(1);
    assert.deepEqual(
      ffs.map((ff) => ff.fieldNumbers()),
      [
        [1, 2],
        [1, 3],
        [1, 4],
        [1, 5],
        [1, 6],
      ],
    );
    assert.equal((ffs[4] as WireView).msg(6).varint(1), 9);
    assert.equal((ffs[0] as WireView).msg(1).msg(1).varint(1), 8); // RESULT_RAW_ENUM_FIELD_SIZE
  });

  it('UploadResultDataRequest oneof: id on 1, data_chunk on 2', () => {
    const ser = defs.results.UploadResultData.requestSerialize;
    const id = WireView.of(ser({ id: { sessionId: 'S', resultId: 'R' } }));
    assert.deepEqual(id.fieldNumbers(), [1]);
    assert.equal(id.msg(1).str(2), 'R');
    const chunk = WireView.of(ser({ dataChunk: Buffer.from('abc') }));
    assert.equal(chunk.bytes(2).toString(), 'abc');
  });
});

describe('runtime decoders read hand-made bytes by reference numbers', () => {
  it('TaskDetailed payload_id = 26, status = 8, output = 16', () => {
    const task = Buffer.concat([
      lenField(1, 'T'),
      varintField(8, 4),
      lenField(16, Buffer.concat([varintField(1, 1)])),
      lenField(26, 'payload'),
    ]);
    const decoded = defs.tasks.GetTask.responseDeserialize(lenField(1, task)).task;
    assert.equal(decoded?.id, 'T');
    assert.equal(decoded?.status, 'TASK_STATUS_COMPLETED');
    assert.equal(decoded?.output?.success, true);
    assert.equal(decoded?.payloadId, 'payload');
  });

  it('NewResult owner_id = 51 and unpacked repeated enums are accepted', () => {
    const event = Buffer.concat([lenField(1, 'S'), lenField(6, Buffer.concat([lenField(50, 'R'), lenField(51, 'O')]))]);
    const decoded = defs.events.GetEvents.responseDeserialize(event);
    assert.equal(decoded.update, 'newResult');
    assert.equal(decoded.newResult?.ownerId, 'O');

    // A decoder must accept unpacked repeated enums as well as packed ones.
    const watch = Buffer.concat([varintField(1, 2), varintField(1, 127), lenField(3, 'R')]);
    const req = defs.results.WatchResults.requestDeserialize(watch);
    assert.deepEqual(req.fetchStatuses, ['RESULT_STATUS_COMPLETED', 'RESULT_STATUS_NOTFOUND']);
    assert.deepEqual(req.resultIds, ['R']);
  });

  it('an empty Results.GetServiceConfiguration request is zero bytes (armonik Empty)', () => {
    assert.equal(defs.results.GetServiceConfiguration.requestSerialize({}).length, 0);
    assert.equal(WT.LEN, 2);
  });
});
