// Tells what an ID found in text is (task, result or session) and its current state. The kind
// cannot be read from a GUID, so each ID is looked up as a task and a result at once (then as a
// session if neither knows it); lookups made
// within a short window share one `byIds` call per kind, and answers are cached for a few
// seconds. No vscode here: the hover and link providers adapt it.

import type { ArmoniKClient } from '../../armonik/api';
import type { Result, Session, Task } from '../../armonik/model';
import { isRetryId } from '../../shared/armonik-ids';
import { MicroBatcher } from './micro-batcher';
import { TtlLruCache } from './ttl-lru-cache';

export type ResolvedId =
  | { kind: 'task'; id: string; task: Task }
  | { kind: 'result'; id: string; result: Result }
  | { kind: 'session'; id: string; session: Session }
  | { kind: 'unknown'; id: string };

export interface IdResolverOptions {
  /** Lookups requested within this window go out together (ms). Default 20. */
  batchWindowMs?: number;
  /** How long an answer stays fresh (ms). Default 5000. */
  ttlMs?: number;
  /** Cached answers kept at most. Default 1000. */
  maxEntries?: number;
  /** Deadline of each batched call (ms). Default 10000. */
  callTimeoutMs?: number;
  now?: () => number;
}

const MAX_BATCH = 100;

export class ArmoniKIdResolver {
  private readonly cache: TtlLruCache<string, ResolvedId>;
  private readonly tasks: MicroBatcher<string, Task>;
  private readonly results: MicroBatcher<string, Result>;
  private readonly sessions: MicroBatcher<string, Session>;
  /** One in-flight resolution per ID, so repeated hovers do not multiply requests. */
  private readonly inFlight = new Map<string, Promise<ResolvedId>>();

  constructor(
    private readonly getClient: () => Promise<ArmoniKClient>,
    options: IdResolverOptions = {},
  ) {
    const windowMs = options.batchWindowMs ?? 20;
    const timeoutMs = options.callTimeoutMs ?? 10_000;
    this.cache = new TtlLruCache({ ttlMs: options.ttlMs ?? 5000, maxEntries: options.maxEntries ?? 1000, now: options.now });
    const batch = { windowMs, maxBatch: MAX_BATCH };
    this.tasks = new MicroBatcher(async (ids) => {
      const client = await this.getClient();
      return new Map((await client.tasks.byIds(ids, { timeoutMs })).map((t) => [t.id, t]));
    }, batch);
    this.results = new MicroBatcher(async (ids) => {
      const client = await this.getClient();
      return new Map((await client.results.byIds(ids, { timeoutMs })).map((r) => [r.resultId, r]));
    }, batch);
    this.sessions = new MicroBatcher(async (ids) => {
      const client = await this.getClient();
      const page = await client.sessions.list({ where: { id: ids }, pageSize: ids.length }, { timeoutMs });
      return new Map(page.items.map((s) => [s.sessionId, s]));
    }, batch);
  }

  /** The cached answer, without asking the server. */
  peek(id: string): ResolvedId | undefined {
    return this.cache.get(id);
  }

  /** Looks `id` up (cached for a few seconds). Rejects with the client's error when the
   * control plane cannot be asked; an ID nobody knows resolves to `unknown`. */
  resolve(id: string): Promise<ResolvedId> {
    const cached = this.cache.get(id);
    if (cached) return Promise.resolve(cached);
    const running = this.inFlight.get(id);
    if (running) return running;
    const lookup = this.lookup(id).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, lookup);
    return lookup;
  }

  /** Forgets cached answers (all, or for some IDs), e.g. after an event said they changed. */
  invalidate(ids?: Iterable<string>): void {
    if (!ids) this.cache.clear();
    else for (const id of ids) this.cache.delete(id);
  }

  /** Batched calls made so far, per kind (for benchmarks). */
  get batchCounts(): { tasks: number; results: number; sessions: number } {
    return { tasks: this.tasks.batches, results: this.results.batches, sessions: this.sessions.batches };
  }

  dispose(): void {
    this.tasks.dispose();
    this.results.dispose();
    this.sessions.dispose();
    this.cache.clear();
  }

  private async lookup(id: string): Promise<ResolvedId> {
    let answer: ResolvedId;
    if (isRetryId(id)) {
      const task = await this.tasks.load(id);
      answer = task ? { kind: 'task', id, task } : { kind: 'unknown', id };
    } else {
      // Tasks and results at once (what logs are mostly about); sessions only when neither knows
      // the ID, which spares the control plane a third query per hover. GUIDs do not collide.
      const [task, result] = await Promise.all([this.tasks.load(id), this.results.load(id)]);
      if (task) answer = { kind: 'task', id, task };
      else if (result) answer = { kind: 'result', id, result };
      else {
        const session = await this.sessions.load(id);
        answer = session ? { kind: 'session', id, session } : { kind: 'unknown', id };
      }
    }
    this.cache.set(id, answer);
    return answer;
  }
}
