// An in-memory ArmoniKClient for trace tests: a small store of sessions, tasks, results and
// partitions that honours the `where` clauses the trace uses ("any of" lists included), counts
// every call, and feeds event subscriptions the way Core does (filters per session, replay of
// current state for NEW_* kinds, onResync after a reconnect, UNIMPLEMENTED when asked).

import type {
  ArmoniKClient,
  CallOptions,
  ClientStats,
  EventSubscription,
  EventSubscriptionOptions,
  OneOrMany,
  Page,
  ResultQuery,
  ResultWhere,
  SessionQuery,
  SessionWhere,
  TaskQuery,
  TaskWhere,
} from '../../src/armonik/api';
import { ArmoniKError } from '../../src/armonik/errors';
import { newTaskEvent, type ArmoniKEvent, type EventKind, type Partition, type Result, type Session, type Task, type TaskOptions, type TaskSummary } from '../../src/armonik/model';

export interface FakeCall {
  method: string;
  /** IDs asked for (byIds) or the where clause (list/count), for assertions. */
  ids?: readonly string[];
  where?: unknown;
  /** When the call was made and when it was answered, on one counter of calls and answers. */
  issued?: number;
  answered?: number;
}

export interface FakeSubscription {
  sessionId: string;
  options: EventSubscriptionOptions;
  closed: boolean;
}

export function taskOptions(partial: Partial<TaskOptions> = {}): TaskOptions {
  return {
    options: {},
    maxDurationMs: 60_000,
    maxRetries: 2,
    priority: 1,
    partitionId: 'default',
    applicationName: '',
    applicationVersion: '',
    applicationNamespace: '',
    applicationService: '',
    engineType: '',
    ...partial,
  };
}

export type TaskSeed = Partial<Omit<Task, 'id' | 'options'>> & { id: string; options?: Partial<TaskOptions>; error?: string };
export type ResultSeed = Partial<Result> & { resultId: string };

function toList<T>(value: OneOrMany<T> | undefined): readonly T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function clauses<W>(where: W | readonly W[] | undefined): readonly W[] {
  if (where === undefined) return [];
  return Array.isArray(where) ? (where as readonly W[]) : [where as W];
}

function anyOf<T>(value: T, allowed: OneOrMany<T> | undefined): boolean {
  const list = toList(allowed);
  return list === undefined || list.includes(value);
}

function noneOf<T>(value: T, excluded: OneOrMany<T> | undefined): boolean {
  const list = toList(excluded);
  return list === undefined || !list.includes(value);
}

export function taskMatches(task: Task, where: TaskWhere): boolean {
  return (
    anyOf(task.id, where.id) &&
    anyOf(task.sessionId, where.sessionId) &&
    anyOf(task.status, where.status) &&
    noneOf(task.status, where.statusNot) &&
    anyOf(task.initialTaskId, where.initialTaskId) &&
    anyOf(task.createdBy, where.createdBy) &&
    anyOf(task.payloadId, where.payloadId) &&
    anyOf(task.ownerPodId, where.ownerPodId) &&
    anyOf(task.podHostname, where.podHostname) &&
    anyOf(task.options?.partitionId ?? '', where.partitionId) &&
    (where.errorContains === undefined || (task.output?.error ?? '').includes(where.errorContains)) &&
    Object.entries(where.options ?? {}).every(([key, value]) => task.options?.options[key] === value)
  );
}

export function resultMatches(result: Result, where: ResultWhere): boolean {
  return (
    anyOf(result.resultId, where.id) &&
    anyOf(result.sessionId, where.sessionId) &&
    anyOf(result.name, where.name) &&
    (where.nameContains === undefined || result.name.includes(where.nameContains)) &&
    anyOf(result.status, where.status) &&
    noneOf(result.status, where.statusNot) &&
    anyOf(result.ownerTaskId, where.ownerTaskId) &&
    anyOf(result.createdBy, where.createdBy)
  );
}

function matchesAny<T, W>(item: T, where: W | readonly W[] | undefined, test: (item: T, where: W) => boolean): boolean {
  const list = clauses(where);
  return list.length === 0 || list.some((clause) => test(item, clause));
}

function page<T>(items: T[], query: { page?: number; pageSize?: number } | undefined, defaultPageSize: number): Page<T> {
  const pageSize = query?.pageSize ?? defaultPageSize;
  const index = query?.page ?? 0;
  const rows = pageSize === 0 ? [] : items.slice(index * pageSize, (index + 1) * pageSize);
  return { items: rows, page: index, pageSize, total: items.length };
}

function summary(task: Task): TaskSummary {
  const { parentTaskIds, dataDependencies, expectedOutputIds, retryOfIds, output, ...rest } = task;
  return {
    ...rest,
    countParentTaskIds: parentTaskIds.length,
    countDataDependencies: dataDependencies.length,
    countExpectedOutputIds: expectedOutputIds.length,
    countRetryOfIds: retryOfIds.length,
    error: output?.error ?? '',
  };
}

/** Rough wire size, so benchmarks and stats see bytes grow with what is transferred. */
function sizeOf(value: unknown): number {
  return JSON.stringify(value).length;
}

class FakeEventSubscription implements EventSubscription {
  private readonly queue: ArmoniKEvent[] = [];
  private waiting: ((result: IteratorResult<ArmoniKEvent>) => void) | undefined;
  private failure: Error | undefined;
  private failWaiting: ((error: Error) => void) | undefined;
  closed = false;

  constructor(
    readonly record: FakeSubscription,
    private readonly onClose: () => void,
  ) {
    record.options.signal?.addEventListener('abort', () => this.close(), { once: true });
  }

  push(event: ArmoniKEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      resolve({ value: event, done: false });
    } else this.queue.push(event);
  }

  fail(error: Error): void {
    this.failure = error;
    if (this.failWaiting) {
      const reject = this.failWaiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      reject(error);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.record.closed = true;
    this.onClose();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      this.failWaiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<ArmoniKEvent> {
    return {
      next: () => {
        if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
        if (this.failure) return Promise.reject(this.failure);
        if (this.closed) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
        });
      },
      return: () => {
        this.close();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

export interface FakeArmoniKOptions {
  endpoint?: string;
  /** IDs per RPC when `byIds` splits a long list, like the real client does. */
  clientBatchSize?: number;
  defaultPageSize?: number;
  /** `unimplemented`: GetEvents fails as on a control plane without the Events service. */
  events?: 'events' | 'unimplemented';
  /** Artificial latency per RPC, in ms (0 = resolve on the next microtask), or per call: a
   * latency, or a promise the answer waits for (e.g. one slow batch among fast ones). */
  latencyMs?: number | ((method: string, ids: readonly string[] | undefined) => number | Promise<void>);
  /** Epoch ms used for timestamps set by the mutators. */
  now?: () => number;
}

export class FakeArmoniK implements ArmoniKClient {
  readonly endpoint: string;
  readonly taskStore = new Map<string, Task>();
  readonly resultStore = new Map<string, Result>();
  readonly sessionStore = new Map<string, Session>();
  readonly partitionStore = new Map<string, Partition>();
  readonly calls: FakeCall[] = [];
  readonly subscriptions: FakeSubscription[] = [];
  readonly stats: ClientStats;
  eventsMode: 'events' | 'unimplemented';
  /** While false, emitted events are lost (a broken stream). */
  connected = true;
  private readonly open = new Set<FakeEventSubscription>();
  private readonly clientBatchSize: number;
  private readonly defaultPageSize: number;
  private readonly latencyMs: (method: string, ids: readonly string[] | undefined) => number | Promise<void>;
  private readonly now: () => number;
  private sequence = 0;

  constructor(options: FakeArmoniKOptions = {}) {
    this.endpoint = options.endpoint ?? 'fake://armonik';
    this.clientBatchSize = options.clientBatchSize ?? 1000;
    this.defaultPageSize = options.defaultPageSize ?? 100;
    this.eventsMode = options.events ?? 'events';
    const latency = options.latencyMs ?? 0;
    this.latencyMs = typeof latency === 'number' ? () => latency : latency;
    this.now = options.now ?? (() => Date.now());
    const stats = { rpcs: 0, bytesReceived: 0, reset: () => {
      stats.rpcs = 0;
      stats.bytesReceived = 0;
    } };
    this.stats = stats;
  }

  // --- seeding and mutation ---------------------------------------------------------------

  addSession(sessionId: string, partial: Partial<Session> = {}): Session {
    const session: Session = {
      sessionId,
      status: 'RUNNING',
      clientSubmission: true,
      workerSubmission: true,
      partitionIds: ['default'],
      options: taskOptions(),
      createdAt: new Date(this.now()),
      cancelledAt: undefined,
      closedAt: undefined,
      purgedAt: undefined,
      deletedAt: undefined,
      durationMs: undefined,
      ...partial,
    };
    this.sessionStore.set(sessionId, session);
    return session;
  }

  addPartition(id: string, podMax: number, podReserved = 0): Partition {
    const partition: Partition = { id, parentPartitionIds: [], podReserved, podMax, podConfiguration: {}, preemptionPercentage: 0, priority: 1 };
    this.partitionStore.set(id, partition);
    return partition;
  }

  addResult(seed: ResultSeed, emit = true): Result {
    const result: Result = {
      sessionId: 'session',
      name: seed.resultId,
      ownerTaskId: '',
      status: 'CREATED',
      createdAt: new Date(this.now()),
      completedAt: undefined,
      size: 0,
      createdBy: '',
      opaqueId: new Uint8Array(),
      manualDeletion: false,
      ...seed,
    };
    this.resultStore.set(result.resultId, result);
    if (!this.sessionStore.has(result.sessionId)) this.addSession(result.sessionId);
    if (emit) this.emit({ kind: 'newResult', sessionId: result.sessionId, resultId: result.resultId, ownerId: result.ownerTaskId, status: result.status });
    return result;
  }

  addTask(seed: TaskSeed, emit = true): Task {
    const { error, options, ...rest } = seed;
    const sessionId = seed.sessionId ?? 'session';
    const task: Task = {
      sessionId,
      ownerPodId: '',
      initialTaskId: seed.id,
      parentTaskIds: [sessionId],
      dataDependencies: [],
      expectedOutputIds: [],
      retryOfIds: [],
      status: 'PENDING',
      statusMessage: '',
      options: taskOptions(options),
      createdAt: new Date(this.now()),
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
      output: { success: error === undefined, error: error ?? '' },
      podHostname: '',
      ...rest,
    };
    this.taskStore.set(task.id, task);
    if (!this.sessionStore.has(sessionId)) this.addSession(sessionId);
    if (emit) this.emit(newTaskEvent(task));
    return task;
  }

  /** Changes a task; emits a status update when the status changed (unless `emit` is false,
   * which simulates a missed event). */
  updateTask(id: string, patch: Partial<Task> & { error?: string }, emit = true): Task {
    const task = this.taskStore.get(id);
    if (!task) throw new Error(`fake: no task ${id}`);
    const { error, ...rest } = patch;
    const before = task.status;
    Object.assign(task, rest);
    if (error !== undefined) task.output = { success: false, error };
    if (emit && task.status !== before) this.emit({ kind: 'taskStatusUpdate', sessionId: task.sessionId, taskId: id, status: task.status });
    return task;
  }

  updateResult(id: string, patch: Partial<Result>, emit = true): Result {
    const result = this.resultStore.get(id);
    if (!result) throw new Error(`fake: no result ${id}`);
    const before = { status: result.status, owner: result.ownerTaskId };
    Object.assign(result, patch);
    if (emit && result.ownerTaskId !== before.owner) {
      this.emit({ kind: 'resultOwnerUpdate', sessionId: result.sessionId, resultId: id, previousOwnerId: '', currentOwnerId: result.ownerTaskId });
    }
    if (emit && result.status !== before.status) this.emit({ kind: 'resultStatusUpdate', sessionId: result.sessionId, resultId: id, status: result.status });
    return result;
  }

  /** Sends an event to every open subscription whose session, kinds and filters match. */
  emit(event: ArmoniKEvent): void {
    if (!this.connected) return;
    for (const subscription of this.open) {
      if (this.accepts(subscription.record, event)) subscription.push(event);
    }
  }

  /** Simulates a lost stream: events are dropped until `reconnect()`. */
  disconnect(): void {
    this.connected = false;
  }

  /** The stream came back: every open subscription is told to reconcile, as the real client does. */
  reconnect(): void {
    this.connected = true;
    for (const subscription of this.open) subscription.record.options.onResync?.();
  }

  /** Makes every open stream fail for good with this error. */
  failStreams(error: Error): void {
    for (const subscription of this.open) subscription.fail(error);
  }

  openSubscriptions(): FakeSubscription[] {
    return this.subscriptions.filter((s) => !s.closed);
  }

  callsOf(method: string): FakeCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  resetCalls(): void {
    this.calls.length = 0;
    this.stats.reset();
  }

  private accepts(record: FakeSubscription, event: ArmoniKEvent): boolean {
    if (record.closed || event.sessionId !== record.sessionId) return false;
    const kinds = record.options.kinds;
    if (kinds !== undefined && kinds.length > 0 && !kinds.includes(event.kind)) return false;
    if (event.kind === 'newTask' || event.kind === 'taskStatusUpdate') {
      const task = this.taskStore.get(event.taskId);
      return task !== undefined && matchesAny(task, record.options.tasks, taskMatches);
    }
    const result = this.resultStore.get(event.resultId);
    return result !== undefined && matchesAny(result, record.options.results, resultMatches);
  }

  // --- the client surface -----------------------------------------------------------------

  private async rpc<T>(method: string, call: Omit<FakeCall, 'method'>, opts: CallOptions | undefined, produce: () => T, count = 1): Promise<T> {
    const record: FakeCall = { method, ...call, issued: ++this.sequence };
    this.calls.push(record);
    this.stats.rpcs += count;
    const latency = this.latencyMs(method, call.ids);
    if (typeof latency !== 'number') await latency;
    else if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    else await Promise.resolve();
    if (opts?.signal?.aborted) throw new ArmoniKError('cancelled', `${method} was cancelled`);
    const value = produce();
    record.answered = ++this.sequence;
    this.stats.bytesReceived += sizeOf(value);
    return value;
  }

  private batches(ids: readonly string[]): number {
    return Math.max(1, Math.ceil(ids.length / this.clientBatchSize));
  }

  private notFound(what: string, id: string): ArmoniKError {
    return new ArmoniKError('not-found', `${what} ${id} not found on ${this.endpoint}`, { endpoint: this.endpoint });
  }

  // Answers are copies, as from a real client, so a test that mutates one cannot change the store.
  private copyOf<T>(store: ReadonlyMap<string, T>, what: string, id: string): T {
    const item = store.get(id);
    if (item === undefined) throw this.notFound(what, id);
    return structuredClone(item);
  }

  /** Copies of the stored items among `ids`; unknown IDs are absent, as with the real client. */
  private copiesOf<T>(store: ReadonlyMap<string, T>, ids: readonly string[]): T[] {
    return ids.flatMap((id) => {
      const item = store.get(id);
      return item === undefined ? [] : [structuredClone(item)];
    });
  }

  private filteredTasks(where: TaskWhere | readonly TaskWhere[] | undefined): Task[] {
    return [...this.taskStore.values()].filter((task) => matchesAny(task, where, taskMatches));
  }

  private filteredResults(where: ResultWhere | readonly ResultWhere[] | undefined): Result[] {
    return [...this.resultStore.values()].filter((result) => matchesAny(result, where, resultMatches));
  }

  private filteredSessions(where: SessionWhere | readonly SessionWhere[] | undefined): Session[] {
    return [...this.sessionStore.values()].filter((session) =>
      matchesAny(session, where, (s, w) => anyOf(s.sessionId, w.id) && anyOf(s.status, w.status) && noneOf(s.status, w.statusNot)),
    );
  }

  readonly tasks: ArmoniKClient['tasks'] = {
    get: (taskId, opts) =>
      this.rpc('tasks.get', { ids: [taskId] }, opts, () => this.copyOf(this.taskStore, 'task', taskId)),
    list: (query?: TaskQuery, opts?: CallOptions) =>
      this.rpc('tasks.list', { where: query?.where }, opts, () => page(this.filteredTasks(query?.where).map(summary), query, this.defaultPageSize)),
    listDetailed: (query?: TaskQuery, opts?: CallOptions) =>
      this.rpc('tasks.listDetailed', { where: query?.where }, opts, () => page(this.filteredTasks(query?.where).map((t) => structuredClone(t)), query, this.defaultPageSize)),
    iterate: (query, opts) => this.iteratePages(query, opts, (q, o) => this.tasks.list(q, o)),
    iterateDetailed: (query, opts) => this.iteratePages(query, opts, (q, o) => this.tasks.listDetailed(q, o)),
    byIds: (ids, opts) =>
      this.rpc('tasks.byIds', { ids }, opts, () => this.copiesOf(this.taskStore, ids), this.batches(ids)),
    count: (where, opts) => this.rpc('tasks.count', { where }, opts, () => this.filteredTasks(where).length),
    countByStatus: (where, opts) =>
      this.rpc('tasks.countByStatus', { where }, opts, () => {
        const counts: Partial<Record<Task['status'], number>> = {};
        for (const task of this.filteredTasks(where)) counts[task.status] = (counts[task.status] ?? 0) + 1;
        return counts;
      }),
    cancel: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: tasks.cancel is not supported')),
    resultIds: (taskIds, opts) =>
      this.rpc('tasks.resultIds', { ids: taskIds }, opts, () => {
        const map = new Map<string, string[]>();
        for (const id of taskIds) {
          const task = this.taskStore.get(id);
          if (task) map.set(id, [...task.expectedOutputIds]);
        }
        return map;
      }),
    submit: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: tasks.submit is not supported')),
  };

  private async *iteratePages<Q extends object, T>(
    query: Q | undefined,
    opts: CallOptions | undefined,
    list: (query: Q & { page: number }, opts?: CallOptions) => Promise<Page<T>>,
  ): AsyncIterable<T> {
    for (let index = 0; ; index++) {
      const pageOf = await list({ ...query, page: index } as Q & { page: number }, opts);
      yield* pageOf.items;
      if ((index + 1) * pageOf.pageSize >= pageOf.total || pageOf.items.length === 0) return;
    }
  }

  readonly results: ArmoniKClient['results'] = {
    get: (resultId, opts) =>
      this.rpc('results.get', { ids: [resultId] }, opts, () => this.copyOf(this.resultStore, 'result', resultId)),
    list: (query?: ResultQuery, opts?: CallOptions) =>
      this.rpc('results.list', { where: query?.where }, opts, () => page(this.filteredResults(query?.where).map((r) => structuredClone(r)), query, this.defaultPageSize)),
    iterate: (query, opts) => this.iteratePages(query, opts, (q, o) => this.results.list(q, o)),
    byIds: (ids, opts) =>
      this.rpc('results.byIds', { ids }, opts, () => this.copiesOf(this.resultStore, ids), this.batches(ids)),
    count: (where, opts) => this.rpc('results.count', { where }, opts, () => this.filteredResults(where).length),
    ownerTaskIds: (_sessionId, resultIds, opts) =>
      this.rpc('results.ownerTaskIds', { ids: resultIds }, opts, () =>
        // Core's quirk (reference §11.9): the "result id" of each pair is the result's name.
        resultIds.flatMap((id) => {
          const result = this.resultStore.get(id);
          return result ? [{ resultName: result.name, taskId: result.ownerTaskId }] : [];
        }),
      ),
    createMetadata: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported')),
    create: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported')),
    upload: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported')),
    download: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported')),
    deleteData: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported')),
    serviceConfiguration: (opts) => this.rpc('results.serviceConfiguration', {}, opts, () => ({ dataChunkMaxSize: 81920 })),
  };

  private sessionMutation(method: string, status: Session['status']) {
    return (sessionId: string, opts?: CallOptions) =>
      this.rpc(method, { ids: [sessionId] }, opts, () => {
        const session = this.sessionStore.get(sessionId);
        if (!session) throw this.notFound('session', sessionId);
        session.status = status;
        return structuredClone(session);
      });
  }

  readonly sessions: ArmoniKClient['sessions'] = {
    list: (query?: SessionQuery, opts?: CallOptions) =>
      this.rpc('sessions.list', { where: query?.where }, opts, () => page(this.filteredSessions(query?.where).map((s) => structuredClone(s)), query, this.defaultPageSize)),
    iterate: (query, opts) => this.iteratePages(query, opts, (q, o) => this.sessions.list(q, o)),
    count: (where, opts) => this.rpc('sessions.count', { where }, opts, () => this.filteredSessions(where).length),
    get: (sessionId, opts) =>
      this.rpc('sessions.get', { ids: [sessionId] }, opts, () => this.copyOf(this.sessionStore, 'session', sessionId)),
    create: () => Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported')),
    cancel: this.sessionMutation('sessions.cancel', 'CANCELLED'),
    pause: this.sessionMutation('sessions.pause', 'PAUSED'),
    resume: this.sessionMutation('sessions.resume', 'RUNNING'),
    close: this.sessionMutation('sessions.close', 'CLOSED'),
    purge: this.sessionMutation('sessions.purge', 'PURGED'),
    delete: this.sessionMutation('sessions.delete', 'DELETED'),
    stopSubmission: (sessionId, _sides, opts) => this.sessionMutation('sessions.stopSubmission', this.sessionStore.get(sessionId)?.status ?? 'RUNNING')(sessionId, opts),
  };

  readonly partitions: ArmoniKClient['partitions'] = {
    list: (query, opts) =>
      this.rpc('partitions.list', { where: query?.where }, opts, () =>
        page([...this.partitionStore.values()].filter((p) => anyOf(p.id, query?.where?.id)).map((p) => structuredClone(p)), query, this.defaultPageSize),
      ),
    get: (id, opts) =>
      this.rpc('partitions.get', { ids: [id] }, opts, () => this.copyOf(this.partitionStore, 'partition', id)),
  };

  readonly events: ArmoniKClient['events'] = {
    subscribe: (sessionId: string, options: EventSubscriptionOptions = {}): EventSubscription => {
      this.calls.push({ method: 'events.subscribe', where: { tasks: options.tasks, results: options.results, kinds: options.kinds } });
      this.stats.rpcs += 1;
      const record: FakeSubscription = { sessionId, options, closed: false };
      this.subscriptions.push(record);
      const subscription = new FakeEventSubscription(record, () => this.open.delete(subscription));
      if (this.eventsMode === 'unimplemented') {
        subscription.fail(new ArmoniKError('unimplemented', `the control plane at ${this.endpoint} does not implement Events/GetEvents`, { method: 'Events/GetEvents' }));
        return subscription;
      }
      this.open.add(subscription);
      // Core replays current state for NEW_* kinds (reference §11.10), after its watchers are up.
      const kinds: readonly EventKind[] = options.kinds ?? [];
      const all = kinds.length === 0;
      queueMicrotask(() => {
        if (subscription.closed) return;
        if (all || kinds.includes('newTask')) {
          for (const task of this.taskStore.values()) {
            if (task.sessionId !== sessionId || !matchesAny(task, options.tasks, taskMatches)) continue;
            subscription.push(newTaskEvent(task));
          }
        }
        if (all || kinds.includes('newResult')) {
          for (const result of this.resultStore.values()) {
            if (result.sessionId !== sessionId || !matchesAny(result, options.results, resultMatches)) continue;
            subscription.push({ kind: 'newResult', sessionId, resultId: result.resultId, ownerId: result.ownerTaskId, status: result.status });
          }
        }
      });
      return subscription;
    },
  };

  applications(): Promise<never> {
    return Promise.reject(new ArmoniKError('unimplemented', 'fake: not supported'));
  }
  versions(opts?: CallOptions) {
    return this.rpc('versions', {}, opts, () => ({ core: 'fake', api: 'fake' }));
  }
  health(opts?: CallOptions) {
    return this.rpc('health', {}, opts, () => [{ name: 'fake', message: '', healthy: 'HEALTHY' as const }]);
  }
  currentUser(opts?: CallOptions) {
    return this.rpc('currentUser', {}, opts, () => ({ username: 'fake', roles: [], permissions: [] }));
  }
  close(): void {
    for (const subscription of [...this.open]) subscription.close();
  }
}
