// Every field of every entity, through real protobuf bytes: what a server sends must reach the
// model under the right name, with timestamps as Date, durations in ms and enum names unprefixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { armonikPackageDefinition, serviceDefinitions } from '../../../src/armonik/wire/load';
import { taskFromWire, taskSummaryFromWire, taskSummaryToWire, taskToWire } from '../../../src/armonik/wire/task-codec';
import { resultFromWire, resultToWire } from '../../../src/armonik/wire/result-codec';
import { sessionFromWire, sessionToWire } from '../../../src/armonik/wire/session-codec';
import { partitionFromWire, partitionToWire } from '../../../src/armonik/wire/partition-codec';
import { eventFromWire, eventToWire } from '../../../src/armonik/wire/event-codec';
import { applicationFromWire, serviceHealthFromWire, userFromWire, versionsFromWire } from '../../../src/armonik/wire/platform-codec';
import {
  RESULT_STATUS_NUMBER,
  resultStatusFromNumber,
  TASK_STATUS_NUMBER,
  taskStatusFromNumber,
  taskStatusFromWire,
} from '../../../src/armonik/wire/status-codec';
import { RESULT_STATUSES, TASK_STATUSES, type ArmoniKEvent, type Task, type TaskSummary } from '../../../src/armonik/model';

const defs = serviceDefinitions();
const ts = (seconds: number, nanos = 0) => ({ seconds, nanos });
const at = (seconds: number, ms = 0) => new Date(seconds * 1000 + ms);
const options = {
  options: { k: 'v' },
  maxDuration: { seconds: 60, nanos: 0 },
  maxRetries: 2,
  priority: 5,
  partitionId: 'p',
  applicationName: 'an',
  applicationVersion: 'av',
  applicationNamespace: 'ans',
  applicationService: 'as',
  engineType: 'et',
};
const modelOptions = {
  options: { k: 'v' },
  maxDurationMs: 60_000,
  maxRetries: 2,
  priority: 5,
  partitionId: 'p',
  applicationName: 'an',
  applicationVersion: 'av',
  applicationNamespace: 'ans',
  applicationService: 'as',
  engineType: 'et',
};

test('TaskDetailed: every field decodes', () => {
  const bytes = defs.tasks.GetTask.responseSerialize({
    task: {
      id: 't1', sessionId: 's1', ownerPodId: 'pod', initialTaskId: 't0',
      parentTaskIds: ['s1', 'p1'], dataDependencies: ['d1', 'd2'], expectedOutputIds: ['o1'], retryOfIds: ['t0'],
      status: 'TASK_STATUS_PROCESSING', statusMessage: 'sm', options,
      createdAt: ts(1), submittedAt: ts(2), receivedAt: ts(3), acquiredAt: ts(4), fetchedAt: ts(5), startedAt: ts(6),
      processedAt: ts(7), endedAt: ts(8, 500_000_000), podTtl: ts(9),
      creationToEndDuration: { seconds: 10, nanos: 0 }, processingToEndDuration: { seconds: 1, nanos: 250_000_000 }, receivedToEndDuration: { seconds: 0, nanos: 1_000_000 },
      payloadId: 'pl', createdBy: 'parent', output: { success: false, error: 'boom' }, podHostname: 'host',
    },
  });
  const wire = defs.tasks.GetTask.responseDeserialize(bytes).task!;
  const expected: Task = {
    id: 't1', sessionId: 's1', ownerPodId: 'pod', initialTaskId: 't0',
    parentTaskIds: ['s1', 'p1'], dataDependencies: ['d1', 'd2'], expectedOutputIds: ['o1'], retryOfIds: ['t0'],
    status: 'PROCESSING', statusMessage: 'sm', options: modelOptions,
    createdAt: at(1), submittedAt: at(2), receivedAt: at(3), acquiredAt: at(4), fetchedAt: at(5), startedAt: at(6),
    processedAt: at(7), endedAt: at(8, 500), podTtl: at(9),
    creationToEndMs: 10_000, processingToEndMs: 1250, receivedToEndMs: 1,
    payloadId: 'pl', createdBy: 'parent', output: { success: false, error: 'boom' }, podHostname: 'host',
  };
  assert.deepEqual(taskFromWire(wire), expected);
  // And back: what a fake server encodes from the model decodes to the same model.
  const again = defs.tasks.GetTask.responseDeserialize(defs.tasks.GetTask.responseSerialize({ task: taskToWire(expected) })).task!;
  assert.deepEqual(taskFromWire(again), expected);
});

test('unset timestamps, durations, options and output decode to undefined', () => {
  const wire = defs.tasks.GetTask.responseDeserialize(defs.tasks.GetTask.responseSerialize({ task: { id: 't', status: 'TASK_STATUS_CREATING' } })).task!;
  const task = taskFromWire(wire);
  for (const key of ['createdAt', 'submittedAt', 'receivedAt', 'acquiredAt', 'fetchedAt', 'startedAt', 'processedAt', 'endedAt', 'podTtl', 'creationToEndMs', 'processingToEndMs', 'receivedToEndMs', 'options', 'output'] as const) {
    assert.equal(task[key], undefined, key);
  }
  assert.deepEqual(task.parentTaskIds, []);
  assert.equal(task.status, 'CREATING');
});

test('TaskSummary: every field decodes, including the counts', () => {
  const bytes = defs.tasks.ListTasks.responseSerialize({
    tasks: [{
      id: 't1', sessionId: 's1', ownerPodId: 'pod', initialTaskId: 't0',
      countParentTaskIds: 2, countDataDependencies: 3, countExpectedOutputIds: 4, countRetryOfIds: 1,
      status: 'TASK_STATUS_ERROR', statusMessage: '', options,
      createdAt: ts(1), submittedAt: ts(2), receivedAt: ts(3), acquiredAt: ts(4), fetchedAt: ts(5), startedAt: ts(6),
      processedAt: ts(7), endedAt: ts(8), podTtl: ts(9),
      creationToEndDuration: { seconds: 7 }, processingToEndDuration: { seconds: 2 }, receivedToEndDuration: { seconds: 3 },
      payloadId: 'pl', createdBy: 'parent', error: 'Task X failed:\nboom', podHostname: 'host',
    }],
    page: 0, pageSize: 10, total: 1,
  });
  const wire = defs.tasks.ListTasks.responseDeserialize(bytes).tasks[0]!;
  const expected: TaskSummary = {
    id: 't1', sessionId: 's1', ownerPodId: 'pod', initialTaskId: 't0',
    countParentTaskIds: 2, countDataDependencies: 3, countExpectedOutputIds: 4, countRetryOfIds: 1,
    status: 'ERROR', statusMessage: '', options: modelOptions,
    createdAt: at(1), submittedAt: at(2), receivedAt: at(3), acquiredAt: at(4), fetchedAt: at(5), startedAt: at(6),
    processedAt: at(7), endedAt: at(8), podTtl: at(9),
    creationToEndMs: 7000, processingToEndMs: 2000, receivedToEndMs: 3000,
    payloadId: 'pl', createdBy: 'parent', error: 'Task X failed:\nboom', podHostname: 'host',
  };
  assert.deepEqual(taskSummaryFromWire(wire), expected);
  assert.deepEqual(taskSummaryFromWire(taskSummaryToWire(expected)), expected);
});

test('ResultRaw: every field decodes; opaque_id becomes a plain Uint8Array', () => {
  const bytes = defs.results.GetResult.responseSerialize({
    result: {
      sessionId: 's', name: 'n', ownerTaskId: 'o', status: 'RESULT_STATUS_ABORTED', createdAt: ts(1), completedAt: ts(2),
      resultId: 'r', size: 1234, createdBy: 'c', opaqueId: Buffer.from([1, 2, 3]), manualDeletion: true,
    },
  });
  const result = resultFromWire(defs.results.GetResult.responseDeserialize(bytes).result!);
  assert.deepEqual(result, {
    resultId: 'r', sessionId: 's', name: 'n', ownerTaskId: 'o', status: 'ABORTED', createdAt: at(1), completedAt: at(2),
    size: 1234, createdBy: 'c', opaqueId: new Uint8Array([1, 2, 3]), manualDeletion: true,
  });
  assert.ok(!Buffer.isBuffer(result.opaqueId));
  assert.deepEqual(resultFromWire(resultToWire(result)), result);
  const bare = resultFromWire(defs.results.GetResult.responseDeserialize(defs.results.GetResult.responseSerialize({ result: { resultId: 'r' } })).result!);
  assert.equal(bare.completedAt, undefined);
  assert.equal(bare.status, 'UNSPECIFIED');
});

test('SessionRaw: every field decodes', () => {
  const bytes = defs.sessions.GetSession.responseSerialize({
    session: {
      sessionId: 's', status: 'SESSION_STATUS_CLOSED', clientSubmission: false, workerSubmission: true, partitionIds: ['a', 'b'], options,
      createdAt: ts(1), cancelledAt: ts(2), closedAt: ts(3), purgedAt: ts(4), deletedAt: ts(5), duration: { seconds: 2, nanos: 0 },
    },
  });
  const session = sessionFromWire(defs.sessions.GetSession.responseDeserialize(bytes).session!);
  assert.deepEqual(session, {
    sessionId: 's', status: 'CLOSED', clientSubmission: false, workerSubmission: true, partitionIds: ['a', 'b'], options: modelOptions,
    createdAt: at(1), cancelledAt: at(2), closedAt: at(3), purgedAt: at(4), deletedAt: at(5), durationMs: 2000,
  });
  assert.deepEqual(sessionFromWire(sessionToWire(session)), session);
});

test('PartitionRaw, applications, versions, health and user decode', () => {
  const p = defs.partitions.GetPartition.responseDeserialize(defs.partitions.GetPartition.responseSerialize({
    partition: { id: 'gpu', parentPartitionIds: ['root'], podReserved: 1, podMax: 8, podConfiguration: { a: 'b' }, preemptionPercentage: 20, priority: 3 },
  })).partition!;
  const partition = partitionFromWire(p);
  assert.deepEqual(partition, { id: 'gpu', parentPartitionIds: ['root'], podReserved: 1, podMax: 8, podConfiguration: { a: 'b' }, preemptionPercentage: 20, priority: 3 });
  assert.deepEqual(partitionFromWire(partitionToWire(partition)), partition);
  assert.deepEqual(applicationFromWire({ name: 'n', version: 'v', namespace: 'ns', service: 's' }), { name: 'n', version: 'v', namespace: 'ns', service: 's' });
  assert.deepEqual(versionsFromWire({ core: '0.40.1', api: '3.29.0' }), { core: '0.40.1', api: '3.29.0' });
  assert.deepEqual(serviceHealthFromWire({ name: 'queue', message: 'slow', healthy: 'HEALTH_STATUS_ENUM_DEGRADED' }), { name: 'queue', message: 'slow', healthy: 'DEGRADED' });
  assert.deepEqual(userFromWire({ username: 'me', roles: ['r'], permissions: ['Tasks:GetTask'] }), { username: 'me', roles: ['r'], permissions: ['Tasks:GetTask'] });
  assert.deepEqual(userFromWire(null), { username: '', roles: [], permissions: [] });
});

test('every event kind survives the wire, with its session', () => {
  const events: ArmoniKEvent[] = [
    { kind: 'newTask', sessionId: 's', taskId: 't', payloadId: 'p', originTaskId: 'o', status: 'PENDING', expectedOutputKeys: ['e'], dataDependencies: ['d'], retryOfIds: ['r'], parentTaskIds: ['s'] },
    { kind: 'taskStatusUpdate', sessionId: 's', taskId: 't', status: 'COMPLETED' },
    { kind: 'newResult', sessionId: 's', resultId: 'r', ownerId: 't', status: 'CREATED' },
    { kind: 'resultStatusUpdate', sessionId: 's', resultId: 'r', status: 'COMPLETED' },
    { kind: 'resultOwnerUpdate', sessionId: 's', resultId: 'r', previousOwnerId: '', currentOwnerId: 't2' },
  ];
  const method = defs.events.GetEvents;
  for (const event of events) {
    const wire = method.responseDeserialize(method.responseSerialize(eventToWire(event)));
    assert.deepEqual(eventFromWire(wire), event);
  }
  // A message with no update set (a newer server's unknown kind) is skipped, not a crash.
  assert.equal(eventFromWire(method.responseDeserialize(method.responseSerialize({ sessionId: 's' }))), undefined);
});

test('an enum value our protos do not know reads as UNSPECIFIED', () => {
  // protobufjs hands unknown enum numbers over as numbers.
  assert.equal(taskStatusFromWire(42), 'UNSPECIFIED');
});

test('the status numbers of the hand-written codecs are those of the protos, both ways', () => {
  const protoNumbers = (enumName: string, prefix: string): Map<string, number> => {
    const definition = armonikPackageDefinition()[enumName] as unknown as { type: { value: Array<{ name: string; number: number }> } };
    return new Map(definition.type.value.map((v) => [v.name.slice(prefix.length), v.number]));
  };
  const tasks = protoNumbers('armonik.api.grpc.v1.task_status.TaskStatus', 'TASK_STATUS_');
  const results = protoNumbers('armonik.api.grpc.v1.result_status.ResultStatus', 'RESULT_STATUS_');
  assert.deepEqual(new Map(TASK_STATUSES.map((s) => [s, TASK_STATUS_NUMBER[s]])), tasks);
  assert.deepEqual(new Map(RESULT_STATUSES.map((s) => [s, RESULT_STATUS_NUMBER[s]])), results);
  for (const [status, number] of tasks) assert.equal(taskStatusFromNumber(number), status);
  for (const [status, number] of results) assert.equal(resultStatusFromNumber(number), status);
  assert.equal(resultStatusFromNumber(5), 'UNSPECIFIED', 'NOTFOUND is 127, not its position');
  assert.equal(taskStatusFromNumber(99), 'UNSPECIFIED');
});
