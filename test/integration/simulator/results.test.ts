// Results service over the wire: creation, chunked upload/download and their error rules,
// GetOwnerTaskId's quirk, filters/sort/paging on result fields, data deletion, unimplemented RPCs.

import { status, type ServiceError } from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WireUploadResultDataRequestInput, WireUploadResultDataResponse } from '../../../src/armonik/wire/types';
import { bool, cond, date, listRequest, num, or, readAll, rejectsWith, resultField, resultStatus, rpc, str } from './grpc-test-client';
import { createMetadata, createSession, createWithData, startTestSimulator, submitTasks, type TestSimulator } from './simulator-fixture';

const CHUNK = 1024;

describe('Results service', () => {
  let t: TestSimulator;
  let session: string;

  const upload = (messages: WireUploadResultDataRequestInput[]): Promise<WireUploadResultDataResponse> =>
    new Promise((resolve, reject) => {
      const call = t.c.results.UploadResultData((error: ServiceError | null, response?: WireUploadResultDataResponse) => (error ? reject(error) : resolve(response!)));
      for (const m of messages) call.write(m);
      call.end();
    });
  const download = (resultId: string) => readAll(t.c.results.DownloadResultData({ sessionId: session, resultId }));
  const listResults = (filters: object, sortField: object = resultField('CREATED_AT'), opts: Parameters<typeof listRequest>[2] = {}) =>
    rpc(t.c.results, 'ListResults', listRequest(filters, sortField, opts) as never);

  before(async () => {
    t = await startTestSimulator({ dataChunkMaxSize: CHUNK });
    session = await createSession(t.c);
  });
  after(() => t.stop());

  it('CreateResultsMetaData makes CREATED results without owner; CreateResults completes at once', async () => {
    const meta = await rpc(t.c.results, 'CreateResultsMetaData', { sessionId: session, results: [{ name: 'm1' }, { name: 'm2', manualDeletion: true }] });
    assert.deepEqual(meta.results.map((r) => [r.name, r.status, r.ownerTaskId, r.manualDeletion]), [
      ['m1', 'RESULT_STATUS_CREATED', '', false],
      ['m2', 'RESULT_STATUS_CREATED', '', true],
    ]);
    const created = await rpc(t.c.results, 'CreateResults', { sessionId: session, results: [{ name: 'd1', data: Buffer.from('hello') }] });
    const r = created.results[0];
    assert.equal(r.status, 'RESULT_STATUS_COMPLETED');
    assert.equal(r.ownerTaskId, session, 'client-created data is owned by the session (reference §11.1)');
    assert.equal(r.size, 5);
    assert.ok(r.completedAt);
    assert.ok(r.opaqueId.length > 0);
  });

  it('GetServiceConfiguration reports the configured chunk size', async () => {
    assert.equal((await rpc(t.c.results, 'GetServiceConfiguration', {})).dataChunkMaxSize, CHUNK);
  });

  it('uploads in chunks, completes the result and releases the task waiting on it', async () => {
    const [input, out] = await createMetadata(t.c, session, ['input', 'out']);
    const [task] = await submitTasks(t.c, session, [{ outputs: [out], inputs: [input] }]);
    assert.equal((await rpc(t.c.tasks, 'GetTask', { taskId: task })).task!.status, 'TASK_STATUS_PENDING');
    const data = Buffer.alloc(3 * CHUNK + 10, 7);
    const chunks = [0, 1, 2, 3].map((i) => data.subarray(i * CHUNK, (i + 1) * CHUNK));
    const reply = await upload([{ id: { sessionId: session, resultId: input } }, ...chunks.map((dataChunk) => ({ dataChunk }))]);
    assert.equal(reply.result!.status, 'RESULT_STATUS_COMPLETED');
    assert.equal(reply.result!.size, data.length);
    assert.equal((await rpc(t.c.tasks, 'GetTask', { taskId: task })).task!.status, 'TASK_STATUS_SUBMITTED');

    const received = await download(input);
    assert.deepEqual(received.map((m) => m.dataChunk.length), [CHUNK, CHUNK, CHUNK, 10], 'download streams chunks of data_chunk_max_size');
    assert.deepEqual(Buffer.concat(received.map((m) => m.dataChunk)), data);
  });

  it('enforces the upload protocol: id first, one id, chunk size limit, non-empty stream', async () => {
    const [r] = await createMetadata(t.c, session, ['strict']);
    await rejectsWith(upload([{ dataChunk: Buffer.from('x') }, { id: { sessionId: session, resultId: r } }]), status.INVALID_ARGUMENT, /first message.*id/);
    await rejectsWith(upload([]), status.FAILED_PRECONDITION, /empty stream/);
    await rejectsWith(
      upload([{ id: { sessionId: session, resultId: r } }, { id: { sessionId: session, resultId: r } }]),
      status.INVALID_ARGUMENT,
      /one result identifier/,
    );
    await rejectsWith(upload([{ id: { sessionId: session, resultId: r } }, { dataChunk: Buffer.alloc(CHUNK + 1) }]), status.INVALID_ARGUMENT, /exceeds data_chunk_max_size/);
    await rejectsWith(upload([{ id: { sessionId: session, resultId: 'nope' } }, { dataChunk: Buffer.from('x') }]), status.NOT_FOUND);
    assert.equal((await rpc(t.c.results, 'GetResult', { resultId: r })).result!.status, 'RESULT_STATUS_CREATED', 'failed uploads leave the result untouched');
  });

  it('downloading a result without data or an unknown result is NOT_FOUND', async () => {
    const [r] = await createMetadata(t.c, session, ['no-data']);
    await rejectsWith(download(r), status.NOT_FOUND, /no data/);
    await rejectsWith(download('unknown-result'), status.NOT_FOUND, /unknown-result/);
  });

  it('GetOwnerTaskId answers with result names (Core quirk), omits unknown IDs, ignores the session', async () => {
    const [out] = await createMetadata(t.c, session, ['owned-output']);
    const [task] = await submitTasks(t.c, session, [{ outputs: [out] }]);
    const reply = await rpc(t.c.results, 'GetOwnerTaskId', { sessionId: 'some-other-session', resultId: [out, 'unknown'] });
    assert.deepEqual(reply.resultTask.map((p) => [p.resultId, p.taskId]), [['owned-output', task]]);
    assert.equal(reply.sessionId, 'some-other-session');
  });

  it('GetResult of an unknown ID is NOT_FOUND', async () => {
    await rejectsWith(rpc(t.c.results, 'GetResult', { resultId: 'missing' }), status.NOT_FOUND, /missing/);
  });

  it('filters, sorts and pages results', async () => {
    const s = await createSession(t.c);
    const inS = cond(resultField('SESSION_ID'), str('EQUAL', s));
    const [small, big] = await createWithData(t.c, s, { small: 'a', big: 'abcdefghij' });
    t.sim.engine.advance(1000);
    const [pending, manual] = (await rpc(t.c.results, 'CreateResultsMetaData', { sessionId: s, results: [{ name: 'pending' }, { name: 'manual', manualDeletion: true }] })).results.map(
      (r) => r.resultId,
    );
    const ids = (r: Awaited<ReturnType<typeof listResults>>) => r.results.map((x) => x.resultId);
    assert.deepEqual(ids(await listResults(or([inS]))), [small, big, pending, manual]);
    assert.deepEqual(ids(await listResults(or([cond(resultField('RESULT_ID'), str('EQUAL', big))], [cond(resultField('RESULT_ID'), str('EQUAL', manual))]))), [big, manual]);
    assert.deepEqual(ids(await listResults(or([inS, cond(resultField('NAME'), str('CONTAINS', 'a'))]))), [small, manual]);
    assert.deepEqual(ids(await listResults(or([inS, cond(resultField('STATUS'), resultStatus('EQUAL', 'CREATED'))]))), [pending, manual]);
    assert.deepEqual(ids(await listResults(or([inS, cond(resultField('SIZE'), num('GREATER_THAN', 1))]))), [big]);
    // results.FilterField has no boolean condition on the wire: a boolean filter arrives empty.
    await rejectsWith(listResults(or([inS, cond(resultField('MANUAL_DELETION'), bool(true))])), status.UNKNOWN, /no value condition/);
    assert.deepEqual(ids(await listResults(or([inS, cond(resultField('COMPLETED_AT'), date('EQUAL', undefined))]))), [pending, manual]);
    assert.deepEqual(ids(await listResults(or([inS, cond(resultField('OWNER_TASK_ID'), str('EQUAL', s))]))), [small, big]);
    const now = t.sim.engine.now();
    assert.deepEqual(ids(await listResults(or([inS, cond(resultField('CREATED_AT'), date('BEFORE', now - 500))]))), [small, big]);
    assert.deepEqual(ids(await listResults(or([inS]), resultField('SIZE'), { direction: 'DESC' })).slice(0, 2), [big, small]);
    const count = await listResults(or([inS]), resultField('NAME'), { pageSize: 0 });
    assert.deepEqual([count.results.length, count.total], [0, 4]);
    const page = await listResults(or([inS]), resultField('NAME'), { page: 1, pageSize: 3 });
    assert.deepEqual([page.results.map((r) => r.name), page.total], [['small'], 4]);
    await rejectsWith(listResults(or([cond(resultField('SIZE'), str('EQUAL', '1'))])), status.UNKNOWN, /filter_number/);
    await rejectsWith(rpc(t.c.results, 'ListResults', { page: 0, pageSize: 10, filters: or([inS]), sort: null } as never), status.INVALID_ARGUMENT, /Sort/);
  });

  it('DeleteResultsData marks data DELETED and echoes what it deleted', async () => {
    const [r] = await createWithData(t.c, session, { doomed: 'bytes' });
    const reply = await rpc(t.c.results, 'DeleteResultsData', { sessionId: session, resultId: [r] });
    assert.deepEqual(reply.resultId, [r]);
    assert.equal((await rpc(t.c.results, 'GetResult', { resultId: r })).result!.status, 'RESULT_STATUS_DELETED');
    await rejectsWith(download(r), status.NOT_FOUND);
  });

  it('WatchResults and ImportResultsData are UNIMPLEMENTED', async () => {
    const watch = t.c.results.WatchResults();
    const error = await new Promise<ServiceError>((resolve) => {
      watch.on('error', resolve);
      watch.on('data', () => {});
      watch.write({ resultIds: ['x'] });
    });
    assert.equal(error.code, status.UNIMPLEMENTED);
    await rejectsWith(rpc(t.c.results, 'ImportResultsData', { sessionId: session, results: [] }), status.UNIMPLEMENTED, /UploadResultData/);
  });
});
