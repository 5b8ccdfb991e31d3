// What the typed services send and how they merge answers, checked against a loopback server
// that records requests: paging, counts, ID batching, chunked upload and download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as grpc from '@grpc/grpc-js';
import { createClient } from '../../../src/armonik/client';
import { isArmoniKError } from '../../../src/armonik/errors';
import type { Task } from '../../../src/armonik/model';
import { taskToWire } from '../../../src/armonik/wire/task-codec';
import type {
  WireListTasksRequest,
  WireListTasksDetailedResponseInput,
  WireUploadResultDataRequest,
  WireUploadResultDataResponseInput,
  WireDownloadResultDataRequest,
  WireDownloadResultDataResponseInput,
  WireResultsServiceConfigurationResponseInput,
} from '../../../src/armonik/wire/types';
import { startLoopbackServer } from './loopback-server';

function task(id: string): Task {
  return {
    id, sessionId: 's', ownerPodId: '', initialTaskId: id, parentTaskIds: ['s'], dataDependencies: [], expectedOutputIds: [`${id}-out`], retryOfIds: [],
    status: 'COMPLETED', statusMessage: '', options: undefined, createdAt: new Date(1000), submittedAt: undefined, receivedAt: undefined,
    acquiredAt: undefined, fetchedAt: undefined, startedAt: undefined, processedAt: undefined, endedAt: undefined, podTtl: undefined,
    creationToEndMs: undefined, processingToEndMs: undefined, receivedToEndMs: undefined, payloadId: 'p', createdBy: '', output: { success: true, error: '' }, podHostname: '',
  };
}

/** A tiny Tasks service over a fixed list: honours TASK_ID "any of" filters and paging. */
async function tasksServer(known: Task[]) {
  const requests: WireListTasksRequest[] = [];
  const answer = (request: WireListTasksRequest) => {
    const wanted = request.filters!.or.flatMap((and) => and.and.filter((c) => c.field?.taskSummaryField?.field === 'TASK_SUMMARY_ENUM_FIELD_TASK_ID').map((c) => c.filterString!.value));
    const matching = request.filters!.or.length === 0 ? known : known.filter((t) => wanted.includes(t.id));
    const rows = matching.slice(request.page * request.pageSize, (request.page + 1) * request.pageSize);
    return { rows, total: matching.length };
  };
  const server = await startLoopbackServer({
    tasks: {
      ListTasksDetailed: (call: grpc.ServerUnaryCall<WireListTasksRequest, unknown>, callback: grpc.sendUnaryData<WireListTasksDetailedResponseInput>) => {
        requests.push(call.request);
        const { rows, total } = answer(call.request);
        callback(null, { tasks: rows.map(taskToWire), page: call.request.page, pageSize: call.request.pageSize, total });
      },
      ListTasks: (call: grpc.ServerUnaryCall<WireListTasksRequest, unknown>, callback: grpc.sendUnaryData<object>) => {
        requests.push(call.request);
        const { rows, total } = answer(call.request);
        callback(null, { tasks: rows.map((t) => ({ id: t.id, sessionId: t.sessionId, status: 'TASK_STATUS_COMPLETED' })), page: call.request.page, pageSize: call.request.pageSize, total });
      },
    },
  });
  return { server, requests };
}

test('every list request carries filters and a sort with a direction (Core rejects them otherwise)', async () => {
  const { server, requests } = await tasksServer([task('a')]);
  const client = createClient(server.endpoint);
  await client.tasks.list();
  await client.tasks.list({ where: { id: 'a' }, sort: { field: 'createdAt', direction: 'desc' }, page: 1, pageSize: 7 });
  assert.deepEqual(requests.map((r) => [r.page, r.pageSize, r.sort?.direction, r.sort?.field?.taskSummaryField?.field, r.filters?.or.length, r.withErrors]), [
    [0, 1000, 'SORT_DIRECTION_ASC', 'TASK_SUMMARY_ENUM_FIELD_TASK_ID', 0, true],
    [1, 7, 'SORT_DIRECTION_DESC', 'TASK_SUMMARY_ENUM_FIELD_CREATED_AT', 1, true],
  ]);
  client.close();
  await server.stop();
});

test('iterate walks every page and stops at the last one', async () => {
  const tasks = ['a', 'b', 'c', 'd', 'e'].map(task);
  const { server, requests } = await tasksServer(tasks);
  const client = createClient(server.endpoint);
  const seen: string[] = [];
  for await (const t of client.tasks.iterateDetailed({ pageSize: 2 })) seen.push(t.id);
  assert.deepEqual(seen, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(requests.map((r) => r.page), [0, 1, 2]);
  client.close();
  await server.stop();
});

test('byIds splits long ID lists into batches, merges them, keeps the caller\'s order and drops unknown IDs', async () => {
  const { server, requests } = await tasksServer(['a', 'b', 'c', 'd', 'e'].map(task));
  const client = createClient(server.endpoint, { maxFilterTerms: 2 });
  const found = await client.tasks.byIds(['e', 'a', 'zz', 'c', 'a', 'b']);
  assert.deepEqual(found.map((t) => t.id), ['e', 'a', 'c', 'b']);
  assert.deepEqual(found[0], task('e'));
  // 5 distinct IDs, 2 per request: three requests, each page as large as its batch.
  assert.deepEqual(requests.map((r) => [r.filters?.or.length, r.pageSize]).sort(), [[1, 1], [2, 2], [2, 2]]);
  assert.deepEqual(await client.tasks.byIds([]), []);
  assert.equal(requests.length, 3);
  client.close();
  await server.stop();
});

test('count asks for page_size 0 and sums disjoint batches; an impossible filter costs no call', async () => {
  const { server, requests } = await tasksServer(['a', 'b', 'c', 'd', 'e'].map(task));
  const client = createClient(server.endpoint, { maxFilterTerms: 2 });
  assert.equal(await client.tasks.count(), 5);
  assert.equal(await client.tasks.count({ id: ['a', 'b', 'c', 'x'] }), 3);
  assert.ok(requests.every((r) => r.pageSize === 0));
  assert.equal(requests.length, 3);
  // Overlapping clauses cannot be summed: the client lists IDs and counts distinct ones.
  assert.equal(await client.tasks.count([{ id: ['a', 'b', 'c'] }, { id: ['b', 'c', 'd'] }]), 4);
  const before = requests.length;
  assert.equal(await client.tasks.count({ id: [] }), 0);
  assert.equal(requests.length, before);
  client.close();
  await server.stop();
});

test('a single page cannot hold more OR terms than maxFilterTerms: the error says what to use', async () => {
  const client = createClient('http://127.0.0.1:1', { maxFilterTerms: 2 });
  await assert.rejects(client.tasks.list({ where: { id: ['a', 'b', 'c'] } }), (e: unknown) => isArmoniKError(e, 'invalid-argument') && /use iterate\(\) or byIds\(\)/.test(e.message));
  assert.throws(() => client.tasks.iterate({ pageSize: 0 }), (e: unknown) => isArmoniKError(e, 'invalid-argument') && /pageSize must be an integer ≥ 1/.test(e.message));
  client.close();
});

test('upload sends the ID then chunks of data_chunk_max_size (asked once); download concatenates chunks', async () => {
  const uploads: WireUploadResultDataRequest[][] = [];
  const server = await startLoopbackServer({
    results: {
      GetServiceConfiguration: (_call: unknown, callback: grpc.sendUnaryData<WireResultsServiceConfigurationResponseInput>) => callback(null, { dataChunkMaxSize: 4 }),
      UploadResultData: (call: grpc.ServerReadableStream<WireUploadResultDataRequest, unknown>, callback: grpc.sendUnaryData<WireUploadResultDataResponseInput>) => {
        const messages: WireUploadResultDataRequest[] = [];
        call.on('data', (m: WireUploadResultDataRequest) => messages.push(m));
        call.on('end', () => {
          uploads.push(messages);
          const id = messages[0]!.id!;
          const size = messages.slice(1).reduce((n, m) => n + (m.dataChunk?.length ?? 0), 0);
          callback(null, { result: { resultId: id.resultId, sessionId: id.sessionId, status: 'RESULT_STATUS_COMPLETED', size } });
        });
      },
      DownloadResultData: (call: grpc.ServerWritableStream<WireDownloadResultDataRequest, WireDownloadResultDataResponseInput>) => {
        for (const part of ['hel', 'lo ', 'world']) call.write({ dataChunk: Buffer.from(part) });
        call.end();
      },
    },
  });
  const client = createClient(server.endpoint);
  const result = await client.results.upload('s', 'r', new TextEncoder().encode('0123456789'));
  assert.equal(result.status, 'COMPLETED');
  assert.equal(result.size, 10);
  assert.deepEqual(uploads[0]!.map((m) => (m.type === 'id' ? `id:${m.id!.sessionId}/${m.id!.resultId}` : m.dataChunk!.toString())), ['id:s/r', '0123', '4567', '89']);
  await client.results.upload('s', 'r2', new Uint8Array());
  assert.deepEqual(uploads[1]!.map((m) => m.type), ['id', 'dataChunk']);
  assert.equal(server.calls.get('results/GetServiceConfiguration'), 1);
  assert.equal(new TextDecoder().decode(await client.results.download('s', 'r')), 'hello world');
  client.close();
  await server.stop();
});
