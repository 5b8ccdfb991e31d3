// ResultsApi over `armonik.api.grpc.v1.results.Results`.

import type { CallOptions, Page, ResultQuery, ResultsApi, ResultWhere } from '../api';
import { ArmoniKError } from '../errors';
import { batchFilters } from '../filters/or-of-and';
import { expandResultWhere, resultSortToWire } from '../filters/result-filters';
import type { Result } from '../model';
import { BATCH_CONCURRENCY, checkPaging, fetchByIds, iterateBatches, mapConcurrent, tooManyTermsForOnePage } from '../paging';
import type { RpcChannel, RpcMethod } from '../rpc-channel';
import { idListRequestSerializer, type IdListRequest } from '../wire/id-list-request';
import { readListResultsResponse } from '../wire/list-page-reader';
import { resultFromWire } from '../wire/result-codec';
import type { ArmoniKServiceDefinitions } from '../wire/load';
import type { WireListResultsRequestInput, WireListResultsRequestSort, WireResultFiltersInput, WireUploadResultDataRequestInput } from '../wire/types';
import { requireId, requireIds } from './ids';

type Where = ResultWhere | readonly ResultWhere[] | undefined;

/** Core's default chunk size (reference §11.9), used only if the server reports none. */
const FALLBACK_CHUNK_SIZE = 2 * 1024 * 1024;

export class ResultsService implements ResultsApi {
  private chunkSize: Promise<{ dataChunkMaxSize: number }> | undefined;
  /** ListResults with its answer read straight into the model (list-page-reader.ts). */
  private readonly listPage: RpcMethod<WireListResultsRequestInput, Page<Result>>;
  /** The same for a list of IDs, the request a trace sends most (id-list-request.ts). */
  private readonly listByIds: RpcMethod<IdListRequest, Page<Result>>;

  constructor(
    private readonly rpc: RpcChannel,
    private readonly defs: ArmoniKServiceDefinitions['results'],
  ) {
    const method = defs.ListResults;
    this.listPage = { path: method.path, requestSerialize: method.requestSerialize, responseDeserialize: readListResultsResponse };
    this.listByIds = {
      path: method.path,
      requestSerialize: idListRequestSerializer('result', method.requestSerialize({ sort: resultSortToWire(undefined) })),
      responseDeserialize: readListResultsResponse,
    };
  }

  private get maxTerms(): number {
    return this.rpc.options.maxFilterTerms;
  }

  private page(filters: WireResultFiltersInput, sort: WireListResultsRequestSort, page: number, pageSize: number, opts?: CallOptions): Promise<Page<Result>> {
    return this.rpc.unary(this.listPage, { page, pageSize, filters, sort }, { idempotent: true, ...(opts ? { opts } : {}) });
  }

  async get(resultId: string, opts?: CallOptions): Promise<Result> {
    requireId(resultId, 'result');
    const response = await this.rpc.unary(this.defs.GetResult, { resultId }, { idempotent: true, subject: `result ${resultId}`, ...(opts ? { opts } : {}) });
    if (!response.result) throw new ArmoniKError('internal', `GetResult returned no result for ${resultId}`, { method: 'Results/GetResult', endpoint: this.rpc.endpoint.url });
    return resultFromWire(response.result);
  }

  async list(query?: ResultQuery, opts?: CallOptions): Promise<Page<Result>> {
    const page = query?.page ?? 0;
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(page, pageSize);
    const sort = resultSortToWire(query?.sort);
    const batches = batchFilters(expandResultWhere(query?.where), this.maxTerms);
    if (batches.length === 0) return { items: [], page, pageSize, total: 0 };
    if (batches.length > 1) throw tooManyTermsForOnePage('result', batches.length, this.maxTerms);
    return this.page(batches[0]!, sort, page, pageSize, opts);
  }

  iterate(query?: Omit<ResultQuery, 'page'>, opts?: CallOptions): AsyncIterable<Result> {
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(0, pageSize);
    const sort = resultSortToWire(query?.sort);
    const expansion = expandResultWhere(query?.where);
    const batches = batchFilters(expansion, this.maxTerms);
    return iterateBatches((f: WireResultFiltersInput, p, n) => this.page(f, sort, p, n, opts), batches, pageSize, expansion.disjoint ? undefined : (r) => r.resultId);
  }

  async byIds(ids: readonly string[], opts?: CallOptions): Promise<Result[]> {
    const unique = [...new Set(requireIds(ids, 'result'))];
    if (unique.length === 0) return [];
    const fetchPage = (batch: readonly string[], page: number, pageSize: number) =>
      this.rpc.unary(this.listByIds, { ids: batch, page, pageSize }, { idempotent: true, ...(opts ? { opts } : {}) });
    return fetchByIds(unique, this.maxTerms, fetchPage, (result) => result.resultId);
  }

  async count(where?: Where, opts?: CallOptions): Promise<number> {
    const expansion = expandResultWhere(where);
    const batches = batchFilters(expansion, this.maxTerms);
    if (batches.length === 0) return 0;
    const sort = resultSortToWire(undefined);
    if (batches.length === 1 || expansion.disjoint) {
      const totals = await mapConcurrent(batches, BATCH_CONCURRENCY, async (filters) => (await this.page(filters, sort, 0, 0, opts)).total);
      return totals.reduce((a, b) => a + b, 0);
    }
    const ids = new Set<string>();
    for await (const result of iterateBatches((f: WireResultFiltersInput, p, n) => this.page(f, sort, p, n, opts), batches, this.rpc.options.pageSize, undefined)) {
      ids.add(result.resultId);
    }
    return ids.size;
  }

  async ownerTaskIds(sessionId: string, resultIds: readonly string[], opts?: CallOptions): Promise<Array<{ resultName: string; taskId: string }>> {
    requireIds(resultIds, 'result');
    if (resultIds.length === 0) return [];
    const response = await this.rpc.unary(
      this.defs.GetOwnerTaskId,
      { sessionId, resultId: [...resultIds] },
      { idempotent: true, ...(opts ? { opts } : {}) },
    );
    return response.resultTask.map((pair) => ({ resultName: pair.resultId, taskId: pair.taskId }));
  }

  async createMetadata(sessionId: string, results: Array<{ name: string; manualDeletion?: boolean }>, opts?: CallOptions): Promise<Result[]> {
    requireId(sessionId, 'session');
    if (results.length === 0) return [];
    const response = await this.rpc.unary(
      this.defs.CreateResultsMetaData,
      { sessionId, results: results.map((r) => ({ name: r.name, manualDeletion: r.manualDeletion ?? false })) },
      { idempotent: false, subject: `session ${sessionId}`, action: `create results in session ${sessionId}`, ...(opts ? { opts } : {}) },
    );
    return response.results.map(resultFromWire);
  }

  async create(sessionId: string, results: Array<{ name: string; data: Uint8Array; manualDeletion?: boolean }>, opts?: CallOptions): Promise<Result[]> {
    requireId(sessionId, 'session');
    if (results.length === 0) return [];
    const response = await this.rpc.unary(
      this.defs.CreateResults,
      { sessionId, results: results.map((r) => ({ name: r.name, data: Buffer.from(r.data), manualDeletion: r.manualDeletion ?? false })) },
      { idempotent: false, subject: `session ${sessionId}`, action: `create results in session ${sessionId}`, ...(opts ? { opts } : {}) },
    );
    return response.results.map(resultFromWire);
  }

  serviceConfiguration(opts?: CallOptions): Promise<{ dataChunkMaxSize: number }> {
    // Cached for the client's lifetime: it is a deployment setting. A failure is not cached.
    if (!this.chunkSize) {
      this.chunkSize = this.rpc
        .unary(this.defs.GetServiceConfiguration, {}, { idempotent: true, ...(opts ? { opts } : {}) })
        .then((r) => ({ dataChunkMaxSize: r.dataChunkMaxSize > 0 ? r.dataChunkMaxSize : FALLBACK_CHUNK_SIZE }));
      this.chunkSize.catch(() => {
        this.chunkSize = undefined;
      });
    }
    return this.chunkSize;
  }

  async upload(sessionId: string, resultId: string, data: Uint8Array, opts?: CallOptions): Promise<Result> {
    requireId(sessionId, 'session');
    requireId(resultId, 'result');
    const { dataChunkMaxSize } = await this.serviceConfiguration(opts);
    function* messages(): Generator<WireUploadResultDataRequestInput> {
      yield { id: { sessionId, resultId } };
      // Core expects at least the identifier; an empty payload still gets one (empty) chunk.
      if (data.length === 0) yield { dataChunk: Buffer.alloc(0) };
      for (let offset = 0; offset < data.length; offset += dataChunkMaxSize) {
        yield { dataChunk: Buffer.from(data.buffer, data.byteOffset + offset, Math.min(dataChunkMaxSize, data.length - offset)) };
      }
    }
    const response = await this.rpc.clientStream(this.defs.UploadResultData, messages(), {
      idempotent: false,
      subject: `result ${resultId}`,
      action: `upload data to result ${resultId}`,
      ...(opts ? { opts } : {}),
    });
    if (!response.result) throw new ArmoniKError('internal', `UploadResultData returned no result for ${resultId}`, { method: 'Results/UploadResultData', endpoint: this.rpc.endpoint.url });
    return resultFromWire(response.result);
  }

  async download(sessionId: string, resultId: string, opts?: CallOptions): Promise<Uint8Array> {
    requireId(sessionId, 'session');
    requireId(resultId, 'result');
    const chunks = await this.rpc.collectStream(this.defs.DownloadResultData, { sessionId, resultId }, {
      idempotent: true,
      subject: `data of result ${resultId}`,
      action: `download result ${resultId}`,
      ...(opts ? { opts } : {}),
    });
    return new Uint8Array(Buffer.concat(chunks.map((c) => c.dataChunk)));
  }

  async deleteData(sessionId: string, resultIds: readonly string[], opts?: CallOptions): Promise<string[]> {
    requireId(sessionId, 'session');
    requireIds(resultIds, 'result');
    if (resultIds.length === 0) return [];
    const response = await this.rpc.unary(
      this.defs.DeleteResultsData,
      { sessionId, resultId: [...resultIds] },
      { idempotent: false, action: `delete the data of ${resultIds.length === 1 ? `result ${resultIds[0]}` : `${resultIds.length} results`}`, subject: `result data`, ...(opts ? { opts } : {}) },
    );
    return [...response.resultId];
  }
}
