// SessionsApi over `armonik.api.grpc.v1.sessions.Sessions`.

import type { CallOptions, Page, SessionQuery, SessionsApi, SessionWhere } from '../api';
import { ArmoniKError } from '../errors';
import { batchFilters } from '../filters/or-of-and';
import { expandSessionWhere, sessionSortToWire } from '../filters/session-filters';
import type { Session, TaskOptions } from '../model';
import { BATCH_CONCURRENCY, checkPaging, iterateBatches, mapConcurrent, tooManyTermsForOnePage } from '../paging';
import { methodLabel, type RpcChannel, type RpcMethod } from '../rpc-channel';
import { sessionFromWire } from '../wire/session-codec';
import { taskOptionsToWire } from '../wire/task-options-codec';
import type { ArmoniKServiceDefinitions } from '../wire/load';
import type { WireListSessionsRequestSort, WireSessionFiltersInput, WireSessionRaw } from '../wire/types';
import { requireId } from './ids';

type Where = SessionWhere | readonly SessionWhere[] | undefined;

export class SessionsService implements SessionsApi {
  constructor(
    private readonly rpc: RpcChannel,
    private readonly defs: ArmoniKServiceDefinitions['sessions'],
  ) {}

  private async page(filters: WireSessionFiltersInput, sort: WireListSessionsRequestSort, page: number, pageSize: number, opts?: CallOptions): Promise<Page<Session>> {
    const response = await this.rpc.unary(
      this.defs.ListSessions,
      { page, pageSize, filters, sort, withTaskOptions: true },
      { idempotent: true, ...(opts ? { opts } : {}) },
    );
    return { items: response.sessions.map(sessionFromWire), page: response.page, pageSize: response.pageSize, total: response.total };
  }

  async list(query?: SessionQuery, opts?: CallOptions): Promise<Page<Session>> {
    const page = query?.page ?? 0;
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(page, pageSize);
    const sort = sessionSortToWire(query?.sort);
    const batches = batchFilters(expandSessionWhere(query?.where), this.rpc.options.maxFilterTerms);
    if (batches.length === 0) return { items: [], page, pageSize, total: 0 };
    if (batches.length > 1) throw tooManyTermsForOnePage('session', batches.length, this.rpc.options.maxFilterTerms);
    return this.page(batches[0]!, sort, page, pageSize, opts);
  }

  iterate(query?: Omit<SessionQuery, 'page'>, opts?: CallOptions): AsyncIterable<Session> {
    const pageSize = query?.pageSize ?? this.rpc.options.pageSize;
    checkPaging(0, pageSize);
    const sort = sessionSortToWire(query?.sort);
    const expansion = expandSessionWhere(query?.where);
    const batches = batchFilters(expansion, this.rpc.options.maxFilterTerms);
    return iterateBatches((f: WireSessionFiltersInput, p, n) => this.page(f, sort, p, n, opts), batches, pageSize, expansion.disjoint ? undefined : (s) => s.sessionId);
  }

  async count(where?: Where, opts?: CallOptions): Promise<number> {
    const expansion = expandSessionWhere(where);
    const batches = batchFilters(expansion, this.rpc.options.maxFilterTerms);
    if (batches.length === 0) return 0;
    const sort = sessionSortToWire(undefined);
    if (batches.length === 1 || expansion.disjoint) {
      const totals = await mapConcurrent(batches, BATCH_CONCURRENCY, async (filters) => (await this.page(filters, sort, 0, 0, opts)).total);
      return totals.reduce((a, b) => a + b, 0);
    }
    const ids = new Set<string>();
    for await (const s of iterateBatches((f: WireSessionFiltersInput, p, n) => this.page(f, sort, p, n, opts), batches, this.rpc.options.pageSize, undefined)) ids.add(s.sessionId);
    return ids.size;
  }

  async get(sessionId: string, opts?: CallOptions): Promise<Session> {
    requireId(sessionId, 'session');
    const response = await this.rpc.unary(this.defs.GetSession, { sessionId }, { idempotent: true, subject: `session ${sessionId}`, ...(opts ? { opts } : {}) });
    return this.decode(response.session, 'Sessions/GetSession', sessionId);
  }

  async create(request: { defaultTaskOptions: TaskOptions; partitionIds?: string[] }, opts?: CallOptions): Promise<string> {
    const o = request.defaultTaskOptions;
    // Core's validator (reference §10), checked here to name the field that is wrong.
    if (!o) throw new ArmoniKError('invalid-argument', 'cannot create a session: defaultTaskOptions is required');
    if (!(o.maxRetries >= 1)) throw new ArmoniKError('invalid-argument', `cannot create a session: defaultTaskOptions.maxRetries must be ≥ 1, got ${o.maxRetries}`);
    if (!(o.priority >= 1 && o.priority <= 99)) throw new ArmoniKError('invalid-argument', `cannot create a session: defaultTaskOptions.priority must be within 1..99, got ${o.priority}`);
    if (o.maxDurationMs === undefined) throw new ArmoniKError('invalid-argument', 'cannot create a session: defaultTaskOptions.maxDurationMs is required');
    const response = await this.rpc.unary(
      this.defs.CreateSession,
      { defaultTaskOption: taskOptionsToWire(o), partitionIds: [...(request.partitionIds ?? [])] },
      { idempotent: false, subject: `partition ${(request.partitionIds ?? []).join(', ') || '(default)'}`, action: 'create a session', ...(opts ? { opts } : {}) },
    );
    return response.sessionId;
  }

  private decode(wire: WireSessionRaw | null | undefined, method: string, sessionId: string): Session {
    if (!wire) throw new ArmoniKError('internal', `${method} returned no session for ${sessionId}`, { method, endpoint: this.rpc.endpoint.url });
    return sessionFromWire(wire);
  }

  private async transition(
    method: RpcMethod<{ sessionId?: string }, { session: WireSessionRaw | null }>,
    verb: string,
    sessionId: string,
    opts: CallOptions | undefined,
  ): Promise<Session> {
    requireId(sessionId, 'session');
    const response = await this.rpc.unary(method, { sessionId }, {
      idempotent: false,
      subject: `session ${sessionId}`,
      action: `${verb} session ${sessionId}`,
      ...(opts ? { opts } : {}),
    });
    return this.decode(response.session, methodLabel(method.path), sessionId);
  }

  cancel(sessionId: string, opts?: CallOptions): Promise<Session> {
    return this.transition(this.defs.CancelSession, 'cancel', sessionId, opts);
  }
  pause(sessionId: string, opts?: CallOptions): Promise<Session> {
    return this.transition(this.defs.PauseSession, 'pause', sessionId, opts);
  }
  resume(sessionId: string, opts?: CallOptions): Promise<Session> {
    return this.transition(this.defs.ResumeSession, 'resume', sessionId, opts);
  }
  close(sessionId: string, opts?: CallOptions): Promise<Session> {
    return this.transition(this.defs.CloseSession, 'close', sessionId, opts);
  }
  purge(sessionId: string, opts?: CallOptions): Promise<Session> {
    return this.transition(this.defs.PurgeSession, 'purge', sessionId, opts);
  }
  delete(sessionId: string, opts?: CallOptions): Promise<Session> {
    return this.transition(this.defs.DeleteSession, 'delete', sessionId, opts);
  }

  async stopSubmission(sessionId: string, sides: { client: boolean; worker: boolean }, opts?: CallOptions): Promise<Session> {
    requireId(sessionId, 'session');
    const response = await this.rpc.unary(
      this.defs.StopSubmission,
      { sessionId, client: sides.client, worker: sides.worker },
      { idempotent: false, subject: `session ${sessionId}`, action: `stop submissions to session ${sessionId}`, ...(opts ? { opts } : {}) },
    );
    return this.decode(response.session, 'Sessions/StopSubmission', sessionId);
  }
}
