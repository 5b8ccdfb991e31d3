// A partial in-memory ArmoniKClient for unit tests of extension code that does not need the
// network. Only what the tests touch is implemented; anything else throws so that a test never
// passes by accident on an unimplemented call.

import type { ArmoniKClient, Page, ResultQuery, SessionQuery, TaskQuery } from '../../../src/armonik/api';
import type { Result, Session, Task, TaskSummary } from '../../../src/armonik/model';

export interface FakeData {
  tasks?: Task[];
  results?: Result[];
  sessions?: Session[];
}

export interface FakeClient {
  client: ArmoniKClient;
  calls: string[];
  /** IDs asked in each sessions.list call with an ID filter. */
  sessionQueries: string[][];
  fail: Error | undefined;
}

function ids(where: unknown, key: 'id'): string[] | undefined {
  if (!where || typeof where !== 'object' || Array.isArray(where)) return undefined;
  const v = (where as Record<string, unknown>)[key];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? (v as string[]) : [v as string];
}

export function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id, sessionId: 'sess', ownerPodId: '', initialTaskId: id, parentTaskIds: [], dataDependencies: [], expectedOutputIds: [],
    retryOfIds: [], status: 'COMPLETED', statusMessage: '', options: undefined, createdAt: undefined, submittedAt: undefined,
    receivedAt: undefined, acquiredAt: undefined, fetchedAt: undefined, startedAt: undefined, processedAt: undefined,
    endedAt: undefined, podTtl: undefined, creationToEndMs: undefined, processingToEndMs: undefined, receivedToEndMs: undefined,
    payloadId: '', createdBy: '', output: undefined, podHostname: '', ...over,
  };
}

export function result(resultId: string, over: Partial<Result> = {}): Result {
  return {
    resultId, sessionId: 'sess', name: resultId, ownerTaskId: '', status: 'CREATED', createdAt: undefined, completedAt: undefined,
    size: 0, createdBy: '', opaqueId: new Uint8Array(), manualDeletion: false, ...over,
  };
}

export function session(sessionId: string, over: Partial<Session> = {}): Session {
  return {
    sessionId, status: 'RUNNING', clientSubmission: true, workerSubmission: true, partitionIds: [], options: undefined,
    createdAt: undefined, cancelledAt: undefined, closedAt: undefined, purgedAt: undefined, deletedAt: undefined,
    durationMs: undefined, ...over,
  };
}

function page<T>(items: T[], q: { page?: number; pageSize?: number } | undefined): Page<T> {
  const size = q?.pageSize ?? 100;
  const p = q?.page ?? 0;
  return { items: items.slice(p * size, (p + 1) * size), page: p, pageSize: size, total: items.length };
}

export function fakeClient(data: FakeData): FakeClient {
  const state: FakeClient = { client: undefined as unknown as ArmoniKClient, calls: [], sessionQueries: [], fail: undefined };
  const guard = (name: string): void => {
    state.calls.push(name);
    if (state.fail) throw state.fail;
  };
  const impl = {
    endpoint: 'http://fake:5001',
    tasks: {
      async byIds(list: readonly string[]) {
        guard(`tasks.byIds(${list.length})`);
        return (data.tasks ?? []).filter((t) => list.includes(t.id));
      },
      async get(id: string) {
        guard('tasks.get');
        const t = (data.tasks ?? []).find((x) => x.id === id);
        if (!t) throw new Error(`task ${id} not found`);
        return t;
      },
      async list(q?: TaskQuery): Promise<Page<TaskSummary>> {
        guard('tasks.list');
        const wanted = ids(q?.where, 'id');
        const items = (data.tasks ?? []).filter((t) => !wanted || wanted.includes(t.id));
        return page(items.map((t) => ({ ...t, countParentTaskIds: 0, countDataDependencies: 0, countExpectedOutputIds: 0, countRetryOfIds: 0, error: t.output?.error ?? '' }) as unknown as TaskSummary), q);
      },
    },
    results: {
      async byIds(list: readonly string[]) {
        guard(`results.byIds(${list.length})`);
        return (data.results ?? []).filter((r) => list.includes(r.resultId));
      },
      async list(q?: ResultQuery) {
        guard('results.list');
        const wanted = ids(q?.where, 'id');
        return page((data.results ?? []).filter((r) => !wanted || wanted.includes(r.resultId)), q);
      },
    },
    sessions: {
      async list(q?: SessionQuery) {
        guard(`sessions.list`);
        const wanted = ids(q?.where, 'id');
        if (wanted) state.sessionQueries.push(wanted);
        return page((data.sessions ?? []).filter((s) => !wanted || wanted.includes(s.sessionId)), q);
      },
    },
  };
  state.client = new Proxy(impl, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      if (prop === 'then') return undefined;
      throw new Error(`fake client: ${String(prop)} is not implemented`);
    },
  }) as unknown as ArmoniKClient;
  return state;
}
