// The typed surface of the ArmoniK client that the trace engine, the CLI and the extension
// program against. The gRPC implementation lives in ./client.ts; tests may provide fakes.
// Every method accepts CallOptions so that callers can cancel (AbortSignal) and bound the
// call (deadline); read-only calls retry on UNAVAILABLE, writes never retry silently.

import type {
  Application,
  ArmoniKEvent,
  EventKind,
  Partition,
  Result,
  ResultStatus,
  ServiceHealth,
  Session,
  SessionStatus,
  Task,
  TaskOptions,
  TaskStatus,
  TaskSummary,
  User,
  Versions,
} from './model';

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's default deadline for this call. */
  timeoutMs?: number;
}

export type SortDirection = 'asc' | 'desc';

/** One page of a List* RPC. `total` counts every matching row, not just this page. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** A scalar or a list; a list means "any of" and expands into the OR-of-AND wire form. */
export type OneOrMany<T> = T | readonly T[];

/** Date range condition: both bounds are optional and inclusive. */
export interface DateRange {
  from?: Date;
  to?: Date;
}

/** Numeric range condition: both bounds are optional and inclusive. */
export interface NumberRange {
  min?: number;
  max?: number;
}

/** Duration range condition in milliseconds: both bounds are optional and inclusive. */
export interface DurationRange {
  minMs?: number;
  maxMs?: number;
}

// --- "where" clauses: what callers mean. All fields of one clause are ANDed; a list value is
// "any of"; an array of clauses is ORed. The filter builder turns them into wire Filters and
// splits long "any of" lists into batches so one request never grows unbounded.

export interface TaskWhere {
  id?: OneOrMany<string>;
  sessionId?: OneOrMany<string>;
  status?: OneOrMany<TaskStatus>;
  statusNot?: OneOrMany<TaskStatus>;
  initialTaskId?: OneOrMany<string>;
  createdBy?: OneOrMany<string>;
  payloadId?: OneOrMany<string>;
  ownerPodId?: OneOrMany<string>;
  podHostname?: OneOrMany<string>;
  partitionId?: OneOrMany<string>;
  /** Substring match on the error text. */
  errorContains?: string;
  createdAt?: DateRange;
  endedAt?: DateRange;
  /** Generic `TaskOptions.options` entries that must be equal. */
  options?: Record<string, string>;
  submittedAt?: DateRange;
  startedAt?: DateRange;
  /** `TaskOptions.priority`. */
  priority?: NumberRange;
  /** `TaskOptions.max_retries`. */
  maxRetries?: NumberRange;
  /** `TaskOptions.application_name`. */
  applicationName?: OneOrMany<string>;
  creationToEndMs?: DurationRange;
  processingToEndMs?: DurationRange;
}

export interface ResultWhere {
  id?: OneOrMany<string>;
  sessionId?: OneOrMany<string>;
  name?: OneOrMany<string>;
  nameContains?: string;
  status?: OneOrMany<ResultStatus>;
  statusNot?: OneOrMany<ResultStatus>;
  ownerTaskId?: OneOrMany<string>;
  createdBy?: OneOrMany<string>;
  createdAt?: DateRange;
  completedAt?: DateRange;
  /** Size of the data in bytes. */
  size?: NumberRange;
}

export interface SessionWhere {
  id?: OneOrMany<string>;
  status?: OneOrMany<SessionStatus>;
  statusNot?: OneOrMany<SessionStatus>;
  partitionId?: string;
  createdAt?: DateRange;
  applicationName?: OneOrMany<string>;
  closedAt?: DateRange;
  clientSubmission?: boolean;
  workerSubmission?: boolean;
  /** Closing time minus creation time; only closed sessions have one. */
  durationMs?: DurationRange;
  /** Generic default `TaskOptions.options` entries that must be equal. */
  options?: Record<string, string>;
}

export interface PartitionWhere {
  id?: OneOrMany<string>;
  /** Partitions whose `parent_partition_ids` contain this ID. */
  parentPartitionId?: string;
  podMax?: NumberRange;
  podReserved?: NumberRange;
  priority?: NumberRange;
}

export type TaskSortField =
  | 'id'
  | 'sessionId'
  | 'status'
  | 'createdAt'
  | 'submittedAt'
  | 'startedAt'
  | 'endedAt'
  | 'creationToEndDuration'
  | 'processingToEndDuration'
  | 'partitionId'
  | 'priority';
export type ResultSortField = 'id' | 'name' | 'status' | 'createdAt' | 'completedAt' | 'size' | 'ownerTaskId';
export type SessionSortField = 'id' | 'status' | 'createdAt' | 'cancelledAt' | 'closedAt' | 'duration';

export interface Query<W, S extends string> {
  /** One clause or several ORed clauses; absent means everything. */
  where?: W | readonly W[];
  sort?: { field: S; direction: SortDirection };
  /** 0-based page index; default 0. */
  page?: number;
  /** Default: the client's configured page size. */
  pageSize?: number;
}

export type TaskQuery = Query<TaskWhere, TaskSortField>;
export type ResultQuery = Query<ResultWhere, ResultSortField>;
export type SessionQuery = Query<SessionWhere, SessionSortField>;

export interface SessionsApi {
  list(query?: SessionQuery, opts?: CallOptions): Promise<Page<Session>>;
  /** Every page, lazily. */
  iterate(query?: Omit<SessionQuery, 'page'>, opts?: CallOptions): AsyncIterable<Session>;
  count(where?: SessionWhere | readonly SessionWhere[], opts?: CallOptions): Promise<number>;
  get(sessionId: string, opts?: CallOptions): Promise<Session>;
  create(request: { defaultTaskOptions: TaskOptions; partitionIds?: string[] }, opts?: CallOptions): Promise<string>;
  cancel(sessionId: string, opts?: CallOptions): Promise<Session>;
  pause(sessionId: string, opts?: CallOptions): Promise<Session>;
  resume(sessionId: string, opts?: CallOptions): Promise<Session>;
  close(sessionId: string, opts?: CallOptions): Promise<Session>;
  purge(sessionId: string, opts?: CallOptions): Promise<Session>;
  delete(sessionId: string, opts?: CallOptions): Promise<Session>;
  stopSubmission(sessionId: string, sides: { client: boolean; worker: boolean }, opts?: CallOptions): Promise<Session>;
}

export interface TaskCreation {
  expectedOutputIds: string[];
  dataDependencies?: string[];
  payloadId: string;
  options?: Partial<TaskOptions>;
}

export interface SubmittedTask {
  taskId: string;
  expectedOutputIds: string[];
  dataDependencies: string[];
  payloadId: string;
}

export interface TasksApi {
  get(taskId: string, opts?: CallOptions): Promise<Task>;
  list(query?: TaskQuery, opts?: CallOptions): Promise<Page<TaskSummary>>;
  listDetailed(query?: TaskQuery, opts?: CallOptions): Promise<Page<Task>>;
  iterate(query?: Omit<TaskQuery, 'page'>, opts?: CallOptions): AsyncIterable<TaskSummary>;
  iterateDetailed(query?: Omit<TaskQuery, 'page'>, opts?: CallOptions): AsyncIterable<Task>;
  /** Detailed tasks for these IDs, batched into OR filters; unknown IDs are simply absent. */
  byIds(ids: readonly string[], opts?: CallOptions): Promise<Task[]>;
  /** `page_size = 0`: the server's count of matching tasks, no rows transferred. */
  count(where?: TaskWhere | readonly TaskWhere[], opts?: CallOptions): Promise<number>;
  /** Only statuses actually present appear (Core groups by status). */
  countByStatus(where?: TaskWhere | readonly TaskWhere[], opts?: CallOptions): Promise<Partial<Record<TaskStatus, number>>>;
  cancel(taskIds: readonly string[], opts?: CallOptions): Promise<TaskSummary[]>;
  resultIds(taskIds: readonly string[], opts?: CallOptions): Promise<Map<string, string[]>>;
  submit(
    request: { sessionId: string; options?: Partial<TaskOptions>; tasks: TaskCreation[] },
    opts?: CallOptions,
  ): Promise<SubmittedTask[]>;
}

export interface ResultsApi {
  get(resultId: string, opts?: CallOptions): Promise<Result>;
  list(query?: ResultQuery, opts?: CallOptions): Promise<Page<Result>>;
  iterate(query?: Omit<ResultQuery, 'page'>, opts?: CallOptions): AsyncIterable<Result>;
  /** Results for these IDs, batched into OR filters; unknown IDs are simply absent. */
  byIds(ids: readonly string[], opts?: CallOptions): Promise<Result[]>;
  count(where?: ResultWhere | readonly ResultWhere[], opts?: CallOptions): Promise<number>;
  /** Raw `GetOwnerTaskId`. Core fills each pair's `result_id` with the result's **name**, not its
   * ID (reference §11.9), so the pair says `resultName`: match on names, or prefer `byIds`. */
  ownerTaskIds(sessionId: string, resultIds: readonly string[], opts?: CallOptions): Promise<Array<{ resultName: string; taskId: string }>>;
  createMetadata(
    sessionId: string,
    results: Array<{ name: string; manualDeletion?: boolean }>,
    opts?: CallOptions,
  ): Promise<Result[]>;
  create(
    sessionId: string,
    results: Array<{ name: string; data: Uint8Array; manualDeletion?: boolean }>,
    opts?: CallOptions,
  ): Promise<Result[]>;
  upload(sessionId: string, resultId: string, data: Uint8Array, opts?: CallOptions): Promise<Result>;
  download(sessionId: string, resultId: string, opts?: CallOptions): Promise<Uint8Array>;
  deleteData(sessionId: string, resultIds: readonly string[], opts?: CallOptions): Promise<string[]>;
  serviceConfiguration(opts?: CallOptions): Promise<{ dataChunkMaxSize: number }>;
}

export interface EventSubscriptionOptions {
  /** Empty or absent means every kind (and therefore a replay of current state). */
  kinds?: readonly EventKind[];
  tasks?: TaskWhere | readonly TaskWhere[];
  results?: ResultWhere | readonly ResultWhere[];
  /** Called after the stream was lost and re-opened: events may have been missed, so the
   * consumer should reconcile with Get/List calls. Not called for the first connection. */
  onResync?: () => void;
  signal?: AbortSignal;
}

/** A live, auto-resubscribing `GetEvents` stream for one session. Iteration ends when
 * `close()` is called or the signal aborts; it throws an ArmoniKError when the stream cannot be
 * (re)opened for a reason retrying will not fix (e.g. UNIMPLEMENTED). */
export interface EventSubscription extends AsyncIterable<ArmoniKEvent> {
  close(): void;
  readonly closed: boolean;
}

export interface EventsApi {
  subscribe(sessionId: string, options?: EventSubscriptionOptions): EventSubscription;
}

export interface PartitionsApi {
  list(query?: { where?: PartitionWhere; page?: number; pageSize?: number }, opts?: CallOptions): Promise<Page<Partition>>;
  get(id: string, opts?: CallOptions): Promise<Partition>;
}

export interface ArmoniKClient {
  /** The endpoint string this client was created from, for messages. */
  readonly endpoint: string;
  readonly sessions: SessionsApi;
  readonly tasks: TasksApi;
  readonly results: ResultsApi;
  readonly events: EventsApi;
  readonly partitions: PartitionsApi;
  applications(opts?: CallOptions): Promise<Application[]>;
  versions(opts?: CallOptions): Promise<Versions>;
  health(opts?: CallOptions): Promise<ServiceHealth[]>;
  currentUser(opts?: CallOptions): Promise<User>;
  /** RPC accounting for benchmarks and `stats` in trace reports. */
  readonly stats: ClientStats;
  close(): void;
}

export interface ClientStats {
  /** Unary and streaming calls started. */
  rpcs: number;
  /** Serialized bytes received from the server (responses and stream messages). */
  bytesReceived: number;
  reset(): void;
}
