// TasksApi over `armonik.api.grpc.v1.tasks.Tasks`. Together with the other services/ modules this
// is the client's edge with the wire: requests are built here, answers leave as model objects.

import type { CallOptions, Page, SubmittedTask, TaskCreation, TaskQuery, TasksApi, TaskWhere } from '../api';
import { ArmoniKError } from '../errors';
import { expandTaskWhere, taskSortToWire } from '../filters/task-filters';
import { batchFilters } from '../filters/or-of-and';
import type { Task, TaskOptions, TaskStatus, TaskSummary } from '../model';
import { BATCH_CONCURRENCY, checkPaging, fetchByIds, iterateBatches, mapConcurrent, splitIntoBatches, tooManyTermsForOnePage } from '../paging';
import type { RpcChannel, RpcMethod } from '../rpc-channel';
import { idListRequestSerializer, type IdListRequest } from '../wire/id-list-request';
import { readListTasksDetailedResponse } from '../wire/list-page-reader';
import { taskStatusFromWire } from '../wire/status-codec';
import { taskFromWire, taskSummaryFromWire } from '../wire/task-codec';
import { partialTaskOptionsToWire } from '../wire/task-options-codec';
import type { ArmoniKServiceDefinitions } from '../wire/load';
import type { WireListTasksRequestInput, WireListTasksRequestSort, WireTaskFiltersInput } from '../wire/types';
import { requireId, requireIds } from './ids';

type Where = TaskWhere | readonly TaskWhere[] | undefined;

export class TasksService implements TasksApi {
  /** ListTasksDetailed with its answer read straight into the model (list-page-reader.ts). */
  private readonly detailed: RpcMethod<WireListTasksRequestInput, Page<Task>>;
  /** The same for a list of IDs, the request a trace sends most (id-list-request.ts). */
  private readonly detailedByIds: RpcMethod<IdListRequest, Page<Task>>;

  constructor(
    private readonly rpc: RpcChannel,
    private readonly defs: ArmoniKServiceDefinitions['tasks'],
  ) {
    const method = defs.ListTasksDetailed;
    this.detailed = { path: method.path, requestSerialize: method.requestSerialize, responseDeserialize: readListTasksDetailedResponse };
    this.detailedByIds = {
      path: method.path,
      requestSerialize: idListRequestSerializer('task', method.requestSerialize({ sort: taskSortToWire(undefined), withErrors: true })),
      responseDeserialize: readListTasksDetailedResponse,
    };
  }

  private get maxTerms(): number {
    return this.rpc.options.maxFilterTerms;
  }

  private async summaryPage(filters: WireTaskFiltersInput, sort: WireListTasksRequestSort, page: number, pageSize: number, opts?: CallOptions): Promise<Page<TaskSummary>> {
    const response = await this.rpc.unary(
      this.defs.ListTasks,
      { page, pageSize, filters, sort, withErrors: true },
      { idempotent: true, ...(opts ? { opts } : {}) },
    );
    return { items: response.tasks.map(taskSummaryFromWire), page: response.page, pageSize: response.pageSize, total: response.total };
  }

  private detailedPage(filters: WireTaskFiltersInput, sort: WireListTasksRequestSort, page: number, pageSize: number, opts?: CallOptions): Promise<Page<Task>> {
    return this.rpc.unary(this.detailed, { page, pageSize, filters, sort, withErrors: true }, { idempotent: true, ...(opts ? { opts } : {}) });
  }

  private async onePage<T>(
    query: TaskQuery | undefined,
    fetch: (filters: WireTaskFiltersInput, sort: WireListTasksRequestSort, page: number, pageSize: number) => Promise<Page<T>>,
  ): Promise<Page<T>> {
    const page = query?.page ?? 0;
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(page, pageSize);
    const sort = taskSortToWire(query?.sort);
    const batches = batchFilters(expandTaskWhere(query?.where), this.maxTerms);
    if (batches.length === 0) return { items: [], page, pageSize, total: 0 };
    if (batches.length > 1) throw tooManyTermsForOnePage('task', batches.length, this.maxTerms);
    return fetch(batches[0]!, sort, page, pageSize);
  }

  list(query?: TaskQuery, opts?: CallOptions): Promise<Page<TaskSummary>> {
    return this.onePage(query, (f, s, p, n) => this.summaryPage(f, s, p, n, opts));
  }

  listDetailed(query?: TaskQuery, opts?: CallOptions): Promise<Page<Task>> {
    return this.onePage(query, (f, s, p, n) => this.detailedPage(f, s, p, n, opts));
  }

  iterate(query?: Omit<TaskQuery, 'page'>, opts?: CallOptions): AsyncIterable<TaskSummary> {
    return this.iterateWith(query, (f, s, p, n) => this.summaryPage(f, s, p, n, opts));
  }

  iterateDetailed(query?: Omit<TaskQuery, 'page'>, opts?: CallOptions): AsyncIterable<Task> {
    return this.iterateWith(query, (f, s, p, n) => this.detailedPage(f, s, p, n, opts));
  }

  private iterateWith<T extends { id: string }>(
    query: Omit<TaskQuery, 'page'> | undefined,
    fetch: (filters: WireTaskFiltersInput, sort: WireListTasksRequestSort, page: number, pageSize: number) => Promise<Page<T>>,
  ): AsyncIterable<T> {
    // Validate now, so that a bad query fails at the call, not at the first `next()`.
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(0, pageSize);
    const sort = taskSortToWire(query?.sort);
    const expansion = expandTaskWhere(query?.where);
    const batches = batchFilters(expansion, this.maxTerms);
    return iterateBatches((f: WireTaskFiltersInput, p, n) => fetch(f, sort, p, n), batches, pageSize, expansion.disjoint ? undefined : (t) => t.id);
  }

  async byIds(ids: readonly string[], opts?: CallOptions): Promise<Task[]> {
    const unique = [...new Set(requireIds(ids, 'task'))];
    if (unique.length === 0) return [];
    const fetchPage = (batch: readonly string[], page: number, pageSize: number) =>
      this.rpc.unary(this.detailedByIds, { ids: batch, page, pageSize }, { idempotent: true, ...(opts ? { opts } : {}) });
    return fetchByIds(unique, this.maxTerms, fetchPage, (task) => task.id);
  }

  async count(where?: Where, opts?: CallOptions): Promise<number> {
    const expansion = expandTaskWhere(where);
    const batches = batchFilters(expansion, this.maxTerms);
    if (batches.length === 0) return 0;
    const sort = taskSortToWire(undefined);
    if (batches.length === 1 || expansion.disjoint) {
      const totals = await mapConcurrent(batches, BATCH_CONCURRENCY, async (filters) => (await this.summaryPage(filters, sort, 0, 0, opts)).total);
      return totals.reduce((a, b) => a + b, 0);
    }
    // Overlapping clauses: only the union of IDs gives an exact count.
    const ids = new Set<string>();
    for await (const task of iterateBatches((f: WireTaskFiltersInput, p, n) => this.summaryPage(f, sort, p, n, opts), batches, this.rpc.options.pageSize, undefined)) ids.add(task.id);
    return ids.size;
  }

  async countByStatus(where?: Where, opts?: CallOptions): Promise<Partial<Record<TaskStatus, number>>> {
    const expansion = expandTaskWhere(where);
    const batches = batchFilters(expansion, this.maxTerms);
    const counts: Partial<Record<TaskStatus, number>> = {};
    if (batches.length === 0) return counts;
    if (batches.length === 1 || expansion.disjoint) {
      const answers = await mapConcurrent(batches, BATCH_CONCURRENCY, (filters) =>
        this.rpc.unary(this.defs.CountTasksByStatus, { filters }, { idempotent: true, ...(opts ? { opts } : {}) }),
      );
      for (const answer of answers) {
        for (const entry of answer.status) {
          const status = taskStatusFromWire(entry.status);
          counts[status] = (counts[status] ?? 0) + entry.count;
        }
      }
      return counts;
    }
    const sort = taskSortToWire(undefined);
    for await (const task of iterateBatches((f: WireTaskFiltersInput, p, n) => this.summaryPage(f, sort, p, n, opts), batches, this.rpc.options.pageSize, (t) => t.id)) {
      counts[task.status] = (counts[task.status] ?? 0) + 1;
    }
    return counts;
  }

  async get(taskId: string, opts?: CallOptions): Promise<Task> {
    requireId(taskId, 'task');
    const response = await this.rpc.unary(this.defs.GetTask, { taskId }, { idempotent: true, subject: `task ${taskId}`, ...(opts ? { opts } : {}) });
    if (!response.task) throw new ArmoniKError('internal', `GetTask returned no task for ${taskId}`, { method: 'Tasks/GetTask', endpoint: this.rpc.endpoint.url });
    return taskFromWire(response.task);
  }

  async cancel(taskIds: readonly string[], opts?: CallOptions): Promise<TaskSummary[]> {
    const ids = requireIds(taskIds, 'task');
    if (ids.length === 0) return [];
    const response = await this.rpc.unary(
      this.defs.CancelTasks,
      { taskIds: [...ids] },
      { idempotent: false, action: `cancel ${ids.length === 1 ? `task ${ids[0]}` : `${ids.length} tasks`}`, ...(opts ? { opts } : {}) },
    );
    return response.tasks.map(taskSummaryFromWire);
  }

  async resultIds(taskIds: readonly string[], opts?: CallOptions): Promise<Map<string, string[]>> {
    const unique = [...new Set(requireIds(taskIds, 'task'))];
    const out = new Map<string, string[]>();
    if (unique.length === 0) return out;
    const answers = await mapConcurrent(splitIntoBatches(unique, this.maxTerms), BATCH_CONCURRENCY, (chunk) =>
      this.rpc.unary(this.defs.GetResultIds, { taskId: chunk }, { idempotent: true, ...(opts ? { opts } : {}) }),
    );
    for (const answer of answers) for (const entry of answer.taskResults) out.set(entry.taskId, [...entry.resultIds]);
    return out;
  }

  async submit(
    request: { sessionId: string; options?: Partial<TaskOptions>; tasks: TaskCreation[] },
    opts?: CallOptions,
  ): Promise<SubmittedTask[]> {
    requireId(request.sessionId, 'session');
    if (!Array.isArray(request.tasks) || request.tasks.length === 0) {
      throw new ArmoniKError('invalid-argument', 'cannot submit tasks: the list of tasks is empty (Core rejects an empty submission)');
    }
    const taskCreations = request.tasks.map((task, i) => {
      if (!Array.isArray(task.expectedOutputIds)) throw new ArmoniKError('invalid-argument', `task #${i}: expectedOutputIds must be a list of result IDs`);
      if (typeof task.payloadId !== 'string' || task.payloadId === '') throw new ArmoniKError('invalid-argument', `task #${i}: payloadId is required (a result ID)`);
      return {
        expectedOutputKeys: [...task.expectedOutputIds],
        dataDependencies: [...(task.dataDependencies ?? [])],
        payloadId: task.payloadId,
        taskOptions: partialTaskOptionsToWire(task.options),
      };
    });
    const response = await this.rpc.unary(
      this.defs.SubmitTasks,
      { sessionId: request.sessionId, taskOptions: partialTaskOptionsToWire(request.options), taskCreations },
      { idempotent: false, action: `submit tasks to session ${request.sessionId}`, subject: `session ${request.sessionId} or one of the submitted tasks' results`, ...(opts ? { opts } : {}) },
    );
    return response.taskInfos.map((info) => ({
      taskId: info.taskId,
      expectedOutputIds: [...info.expectedOutputIds],
      dataDependencies: [...info.dataDependencies],
      payloadId: info.payloadId,
    }));
  }
}
