// `armonik.api.grpc.v1.results.Results` (reference §6, §11.3, §11.9), including the two
// streaming RPCs: client-streaming UploadResultData and server-streaming DownloadResultData.

import { status, type ServerReadableStream, type sendUnaryData, type ServerWritableStream } from '@grpc/grpc-js';
import type {
  ResultsHandlers,
  WireDownloadResultDataRequest,
  WireDownloadResultDataResponseInput,
  WireListResultsResponseInput,
  WireUploadResultDataRequest,
  WireUploadResultDataResponseInput,
} from '../../../armonik/wire/types';
import { RESULT_SCHEMA } from '../filters/result-fields';
import { resultSource } from '../listing/engine-sources';
import { runList } from '../listing/run-list';
import { invalidArgument, RpcError, toServiceError } from '../rpc-error';
import { mutate, type ServiceContext } from '../service-context';
import { StreamWriter } from '../stream-writer';
import { unary } from '../unary-handler';
import { preEncoded } from '../wire/pre-encoded';
import { encodeListPage, writeResultRaw } from '../wire/record-encoding';
import { resultToWire } from '../wire/result-wire';

/** Refuse uploads beyond this total: the simulator keeps data in memory. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export function resultsService(ctx: ServiceContext): ResultsHandlers {
  const { engine } = ctx;
  const getResult = (resultId: string) => {
    const result = engine.result(resultId);
    if (!result) throw new RpcError(status.NOT_FOUND, `Result ${resultId} not found`);
    return result;
  };
  return {
    ListResults: unary((request) => {
      const page = runList(ctx.lister, 'ListResultsRequest', request, RESULT_SCHEMA, resultSource(engine));
      return preEncoded<WireListResultsResponseInput>(encodeListPage(page.rows, writeResultRaw, request.page, request.pageSize, page.total));
    }),
    GetResult: unary((request) => ({ result: resultToWire(getResult(request.resultId)) })),
    GetOwnerTaskId: unary((request) => ({
      // Core's quirk (reference §11.9): `result_id` of each pair carries the result's *name*;
      // unknown IDs are silently omitted and `session_id` plays no part in the lookup.
      resultTask: request.resultId.flatMap((resultId) => {
        const result = engine.result(resultId);
        return result ? [{ resultId: result.name, taskId: result.ownerTaskId }] : [];
      }),
      sessionId: request.sessionId,
    })),
    CreateResultsMetaData: unary((request) => {
      const created = mutate(ctx, () =>
        engine.createResultsMetadata(
          request.sessionId,
          request.results.map((r) => ({ name: r.name, manualDeletion: r.manualDeletion })),
        ),
      );
      return { results: created.map(resultToWire) };
    }),
    CreateResults: unary((request) => {
      const created = mutate(ctx, () =>
        engine.createResults(
          request.sessionId,
          request.results.map((r) => ({ name: r.name, data: new Uint8Array(r.data), manualDeletion: r.manualDeletion })),
        ),
      );
      return { results: created.map(resultToWire) };
    }),
    DeleteResultsData: unary((request) => {
      const deleted = mutate(ctx, () => engine.deleteResultsData(request.sessionId, request.resultId));
      return { sessionId: request.sessionId, resultId: deleted };
    }),
    ImportResultsData: unary(() => {
      // Importing points results at data already in the object storage, which a simulated
      // control plane does not share with anyone: say so instead of faking a completion.
      throw new RpcError(status.UNIMPLEMENTED, 'ImportResultsData is not supported by the ArmoniK simulator: upload the data with UploadResultData or CreateResults instead');
    }),
    GetServiceConfiguration: unary(() => ({ dataChunkMaxSize: ctx.dataChunkMaxSize })),
    UploadResultData: (call, callback) => uploadResultData(ctx, call, callback),
    DownloadResultData: (call) => void downloadResultData(ctx, call),
    WatchResults: (call) => {
      // Core registers the RPC but does not implement it (reference §1).
      call.emit('error', { code: status.UNIMPLEMENTED, details: 'Method Results/WatchResults is unimplemented by the control plane; use Events/GetEvents' });
    },
  };
}

function uploadResultData(
  ctx: ServiceContext,
  call: ServerReadableStream<WireUploadResultDataRequest, WireUploadResultDataResponseInput>,
  callback: sendUnaryData<WireUploadResultDataResponseInput>,
): void {
  let target: { sessionId: string; resultId: string } | undefined;
  const chunks: Buffer[] = [];
  let received = 0;
  let settled = false;
  const fail = (error: unknown): void => {
    if (settled) return;
    settled = true;
    chunks.length = 0;
    callback(toServiceError(error), null);
  };
  call.on('data', (message: WireUploadResultDataRequest) => {
    if (settled) return;
    const kind = message.type ?? (message.id ? 'id' : message.dataChunk ? 'dataChunk' : undefined);
    if (target === undefined) {
      if (kind !== 'id' || !message.id) {
        fail(invalidArgument('The first message of UploadResultData must be the result identifier (id), not a data chunk'));
        return;
      }
      target = { sessionId: message.id.sessionId, resultId: message.id.resultId };
      return;
    }
    if (kind !== 'dataChunk') {
      fail(invalidArgument('UploadResultData takes one result identifier followed by data chunks only'));
      return;
    }
    const chunk = message.dataChunk ?? Buffer.alloc(0);
    if (chunk.length > ctx.dataChunkMaxSize) {
      // Core expects chunks of at most data_chunk_max_size (reference §11.9); the exact code of
      // an oversize chunk is not documented, so reject it as an invalid argument.
      fail(invalidArgument(`Data chunk of ${chunk.length} bytes exceeds data_chunk_max_size (${ctx.dataChunkMaxSize} bytes); split the upload into smaller chunks`));
      return;
    }
    received += chunk.length;
    if (received > MAX_UPLOAD_BYTES) {
      fail(new RpcError(status.RESOURCE_EXHAUSTED, `Upload exceeds the simulator's limit of ${MAX_UPLOAD_BYTES} bytes per result`));
      return;
    }
    chunks.push(chunk);
  });
  call.on('end', () => {
    if (settled) return;
    if (target === undefined) {
      fail(new RpcError(status.FAILED_PRECONDITION, 'UploadResultData received an empty stream: send the result identifier (id) first, then the data chunks'));
      return;
    }
    const { sessionId, resultId } = target;
    try {
      const data = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      const result = mutate(ctx, () => ctx.engine.uploadResultData(sessionId, resultId, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
      settled = true;
      callback(null, { result: resultToWire(result) });
    } catch (error) {
      fail(error);
    }
  });
  call.on('error', () => {
    // The client cancelled or the connection dropped: nothing to answer.
    settled = true;
  });
}

async function downloadResultData(
  ctx: ServiceContext,
  call: ServerWritableStream<WireDownloadResultDataRequest, WireDownloadResultDataResponseInput>,
): Promise<void> {
  const writer = new StreamWriter<WireDownloadResultDataResponseInput>(call);
  const { resultId } = call.request;
  const result = ctx.engine.result(resultId);
  // What Core does for a result without data is not confirmed (reference §11.12); the object
  // lookup failing, NOT_FOUND is the likely answer. `session_id` is not used for the lookup.
  const data = result ? ctx.engine.resultData(resultId) : undefined;
  if (!result || !data) {
    writer.fail(
      new RpcError(
        status.NOT_FOUND,
        result ? `Result ${resultId} has no data (status ${result.status}); only COMPLETED results can be downloaded` : `Result ${resultId} not found`,
      ),
    );
    return;
  }
  const size = ctx.dataChunkMaxSize;
  for (let offset = 0; offset < data.byteLength; offset += size) {
    const chunk = data.subarray(offset, Math.min(offset + size, data.byteLength));
    if (!(await writer.write({ dataChunk: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) }))) return;
  }
  writer.end();
}
