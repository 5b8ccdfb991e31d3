// Reconstruction of the upstream cone: results lead to their owner tasks, tasks to their inputs
// (and to the parents and attempts that explain them), and every ID met is read in batched OR
// filters (results → their owner tasks → those tasks' inputs → …), so the number of round trips
// follows the cone's depth, never its width, and nothing outside the cone is ever listed.
//
// Reading is pipelined rather than level by level: each answer is folded into the graph as soon
// as it arrives, and the IDs it brings go out in the next free request slot. The control plane
// then works on the next batches while we process the last one, instead of both waiting in turn
// at the end of every level.

import type { ArmoniKClient } from '../armonik/api';
import type { Result, Task } from '../armonik/model';
import type { BatchPolicy } from './batch-policy';
import { parseCascadeError } from './cascade-error';
import type { ConeGraph } from './cone-graph';
import type { NodeRole } from './cone-view';
import { missingResultNode, resultNodeFromResult, taskNodeFromTask } from './node-from-model';
import { delegatesTo, ownerTaskIdOf, parentTaskIdOf } from './task-relations';
import type { TaskNode } from './types';

export interface FetchCounters {
  /** Sequential round trips: the longest chain of requests each of which could only be sent
   * once an earlier one had answered (for its IDs or for its request slot). */
  roundTrips: number;
  /** `byIds` requests this trace issued (one per batch). */
  requests: number;
}

export interface ExpansionRequest {
  /** Results to read, even if already in the graph (a re-read). */
  results?: Iterable<string>;
  /** Tasks to read, even if already in the graph, with the role they play. */
  tasks?: Iterable<readonly [string, NodeRole]>;
}

export interface ExpansionProgress {
  /** Round trips of this expansion so far. */
  roundTrips: number;
  tasks: number;
  results: number;
}

export interface ExpanderOptions {
  batch: BatchPolicy;
  /** When the cone holds at most this many tasks, payloads of tasks past waiting are read too. */
  payloadDetailLimit: number;
  signal?: AbortSignal;
  /** Called after each answer has been folded into the graph. */
  onProgress?: (progress: ExpansionProgress) => void;
}

export interface ExpansionOutcome {
  roundTrips: number;
}

export class ConeExpander {
  readonly counters: FetchCounters = { roundTrips: 0, requests: 0 };
  /** `result|owner` pairs already re-read to confirm an orphaned output (see `confirmOrphans`). */
  private readonly orphanConfirmed = new Set<string>();
  /** Earlier attempts of cone tasks: their creator (the parent) is followed too. */
  private readonly retryPredecessors = new Set<string>();
  /** Creator ID → tasks that asked for it, to tell a delegating parent once it arrives. */
  private readonly childrenOf = new Map<string, string[]>();
  /** Payloads of cone tasks past waiting, not read yet (see followTask). */
  private deferredPayloads: string[] = [];

  constructor(
    private readonly client: ArmoniKClient,
    private readonly graph: ConeGraph,
    private readonly sessionId: () => string,
    private readonly options: ExpanderOptions,
  ) {}

  /** Reads the requested IDs, then keeps reading whatever they bring into the cone. */
  async expand(request: ExpansionRequest): Promise<ExpansionOutcome> {
    this.options.signal?.throwIfAborted();
    const run = new Expansion(this, this.client, this.graph, this.options);
    for (const id of request.results ?? []) run.requestResult(id, true);
    for (const [id, role] of request.tasks ?? []) run.requestTask(id, role, true);
    const roundTrips = await run.finished();
    this.counters.roundTrips += roundTrips;
    this.counters.requests += run.requests;
    return { roundTrips };
  }

  /** Folds one answer of results into the graph and says which owners to read. */
  takeResults(requested: readonly string[], results: readonly Result[], run: Expansion): void {
    const readResults = new Set<string>();
    for (const result of results) {
      readResults.add(result.resultId);
      const node = resultNodeFromResult(result);
      this.graph.upsert(node);
      const owner = ownerTaskIdOf(node);
      if (owner !== undefined) run.requestTask(owner, 'cone');
    }
    for (const id of requested) {
      if (readResults.has(id)) continue;
      const known = this.graph.node(id);
      if (known === undefined || known.kind === 'result') {
        this.graph.upsert(missingResultNode(id, known?.sessionId ?? this.sessionId()));
      }
    }
  }

  /** Folds one answer of tasks into the graph and says what they bring into the cone. */
  takeTasks(requested: readonly string[], tasks: readonly Task[], run: Expansion): void {
    const readTasks = new Set<string>();
    for (const task of tasks) {
      readTasks.add(task.id);
      // The role as asked for until now: maybe raised to `cone` meanwhile, even by a task of this
      // same answer.
      const role = run.roleOf(task.id) ?? 'context';
      const node = taskNodeFromTask(task);
      this.graph.upsert(node, role);
      this.followTask(node, this.graph.roleOf(node.id) ?? role, run);
    }
    for (const id of requested) if (!readTasks.has(id) && !this.graph.has(id)) this.graph.missingTaskIds.add(id);
    this.confirmOrphans(tasks, run);
  }

  /** Once everything else is read: the deferred payloads to read, all of them while the cone
   * holds at most `payloadDetailLimit` tasks, none beyond, so that the same cone always shows
   * the same nodes whatever order the answers came in. */
  takeDeferredPayloads(): string[] {
    const payloads = this.deferredPayloads;
    this.deferredPayloads = [];
    return this.graph.taskCount <= this.options.payloadDetailLimit ? payloads : [];
  }

  /** A task met again with a stronger role: a task first met as context (e.g. a parent) turns
   * out to produce something the cone needs, so its inputs are followed now, from data we hold. */
  promote(id: string, run: Expansion): void {
    this.graph.setRole(id, 'cone');
    const node = this.graph.node(id);
    if (node?.kind === 'task') this.followTask(node, 'cone', run);
  }

  /** Schedules what a freshly read task brings into the cone. */
  private followTask(node: TaskNode, role: NodeRole, run: Expansion): void {
    if (role === 'cone') {
      // A task that got queued had its payload complete (Core counts it as a dependency), so
      // the payload cannot block anything: it is read now only when the task still waits for
      // it, and otherwise once the cone is known, if it is small enough for the extra nodes to
      // be free (see takeDeferredPayloads).
      const waiting = node.status === 'CREATING' || node.status === 'PENDING' || node.status === 'UNSPECIFIED';
      for (const input of node.dataDependencies) run.requestResult(input);
      if (node.payloadId !== '' && !node.dataDependencies.includes(node.payloadId)) {
        if (waiting) run.requestResult(node.payloadId);
        else this.deferredPayloads.push(node.payloadId);
      }
      for (const attempt of node.retryOfIds) {
        this.retryPredecessors.add(attempt);
        run.requestTask(attempt, 'context');
      }
    }
    // Follow the creator of cone tasks, of earlier attempts, and of parents that handed their own
    // outputs down (a delegation chain), so the graph shows how the work was split; stop at the
    // first creator that merely spawned the task.
    if (node.createdBy !== '') {
      const isRetryPredecessor = this.retryPredecessors.has(node.id);
      const isDelegator = (this.childrenOf.get(node.id) ?? []).some((childId) => {
        const child = this.graph.node(childId);
        return child?.kind === 'task' && parentTaskIdOf(child) === node.id && delegatesTo(node, child);
      });
      if (role === 'cone' || isRetryPredecessor || isDelegator) {
        let children = this.childrenOf.get(node.createdBy);
        if (!children) this.childrenOf.set(node.createdBy, (children = []));
        children.push(node.id);
        run.requestTask(node.createdBy, 'context');
      }
    }
    const cascade = parseCascadeError(node.error);
    if (cascade?.kind === 'upstream-failure' && (node.status === 'ERROR' || node.status === 'TIMEOUT')) {
      for (const upstream of cascade.upstreamTaskIds) run.requestTask(upstream, 'context');
    }
  }

  /**
   * A COMPLETED owner with a CREATED output means the output was orphaned (§11.5), unless we read
   * the result before the owner finished delegating it: Core moves ownership before completing
   * the parent, so only a result read *after* its owner is trustworthy. Requests run
   * concurrently, so re-read each such pair once, in a request sent from now on.
   */
  private confirmOrphans(tasks: readonly Task[], run: Expansion): void {
    for (const task of tasks) {
      if (task.status !== 'COMPLETED') continue;
      // The results this task owns are among its expected outputs (ownership only ever moves to
      // a task that expects the result): read from node data, without deriving any edge.
      for (const output of task.expectedOutputIds) {
        const result = this.graph.node(output);
        if (result?.kind !== 'result' || result.status !== 'CREATED' || result.ownerTaskId !== task.id) continue;
        const pair = `${output}|${task.id}`;
        if (this.orphanConfirmed.has(pair)) continue;
        this.orphanConfirmed.add(pair);
        run.requestResult(output, true);
      }
    }
  }
}

/**
 * One call of `expand`: the IDs waiting to be read, the requests in flight, and the round trips
 * they chain. At most `concurrency` requests are in flight; whenever one answers, the IDs waiting
 * longest go out, up to `batchSize` per request, results and tasks in separate requests.
 *
 * Round trips are counted as levels: what the caller asked for is met at level 0, and a request
 * sent when an answer of level L arrives is of level L + 1, whether it carries IDs that answer
 * brought or only took the slot it freed. A short batch waits for the other requests of the
 * level its IDs were met at, which may bring it more IDs: the cone is then read in as few
 * requests as level by level, while full batches and the processing of answers overlap.
 */
class Expansion {
  requests = 0;
  /** IDs waiting for a request slot → the level they were met at, in the order they were met. */
  private readonly pendingResults = new Map<string, number>();
  private readonly pendingTasks = new Map<string, number>();
  /** Results waiting or in flight: met again meanwhile, they are not asked for twice. */
  private readonly requestedResults = new Set<string>();
  /** Tasks waiting or in flight → the role they will get (`cone` wins over `context`). */
  private readonly requestedTasks = new Map<string, NodeRole>();
  /** Requests in flight, by level. */
  private readonly inFlightAt: number[] = [];
  private inFlight = 0;
  /** The level of the answer being folded in (0 before any). */
  private level = 0;
  private roundTrips = 0;
  private failed = false;
  private settle: { resolve: (roundTrips: number) => void; reject: (error: unknown) => void } | undefined;

  constructor(
    private readonly expander: ConeExpander,
    private readonly client: ArmoniKClient,
    private readonly graph: ConeGraph,
    private readonly options: ExpanderOptions,
  ) {}

  /** Asks for a result unless the graph holds it or it is already asked for; `force` re-reads. */
  requestResult(id: string, force = false): void {
    if (!force && (this.graph.has(id) || this.requestedResults.has(id))) return;
    this.requestedResults.add(id);
    if (!this.pendingResults.has(id)) this.pendingResults.set(id, this.level);
  }

  /** Asks for a task unless the graph holds it (then only its role may grow), it does not exist,
   * or it is already asked for; `force` re-reads. */
  requestTask(id: string, role: NodeRole, force = false): void {
    const requested = this.requestedTasks.get(id);
    if (!force) {
      const known = this.graph.roleOf(id);
      if (known !== undefined) {
        if (role === 'cone' && known === 'context') this.expander.promote(id, this);
        return;
      }
      if (this.graph.missingTaskIds.has(id)) return;
      if (requested !== undefined) {
        if (role === 'cone') this.requestedTasks.set(id, 'cone');
        return;
      }
    }
    this.requestedTasks.set(id, requested === 'cone' ? 'cone' : role);
    if (!this.pendingTasks.has(id)) this.pendingTasks.set(id, this.level);
  }

  /** The role a task asked for in this expansion will get. */
  roleOf(id: string): NodeRole | undefined {
    return this.requestedTasks.get(id);
  }

  finished(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
      this.pump(0);
    });
  }

  /** Sends what waits while slots are free; `answered` is the level of the answer just folded in. */
  private pump(answered: number): void {
    if (this.failed || this.settle === undefined) return;
    const batchSize = Math.max(1, this.options.batch.batchSize);
    const concurrency = Math.max(1, this.options.batch.concurrency);
    while (this.inFlight < concurrency && (this.pendingResults.size > 0 || this.pendingTasks.size > 0)) {
      // The IDs met at the lowest level go first, so that no level of the cone lags behind.
      const results = this.pendingResults.size > 0 && (this.pendingTasks.size === 0 || firstLevel(this.pendingResults) <= firstLevel(this.pendingTasks));
      const pending = results ? this.pendingResults : this.pendingTasks;
      if (pending.size < batchSize && this.inFlightUpTo(firstLevel(pending))) break;
      this.send(results ? 'results' : 'tasks', take(pending, batchSize), answered + 1);
    }
    if (this.inFlight > 0) return;
    const payloads = this.expander.takeDeferredPayloads();
    if (payloads.length === 0) return this.settle.resolve(this.roundTrips);
    this.level = answered;
    for (const id of payloads) this.requestResult(id);
    this.pump(answered);
  }

  /** Whether a request of this level or below is in flight (its answer may bring more IDs). */
  private inFlightUpTo(level: number): boolean {
    for (let l = 0; l <= level && l < this.inFlightAt.length; l++) if ((this.inFlightAt[l] ?? 0) > 0) return true;
    return false;
  }

  private send(kind: 'results' | 'tasks', ids: string[], level: number): void {
    this.inFlight += 1;
    this.inFlightAt[level] = (this.inFlightAt[level] ?? 0) + 1;
    this.requests += 1;
    this.roundTrips = Math.max(this.roundTrips, level);
    const opts = this.options.signal ? { signal: this.options.signal } : {};
    const answered =
      kind === 'results'
        ? this.client.results.byIds(ids, opts).then((results) => {
            if (this.failed) return;
            this.level = level;
            for (const id of ids) this.requestedResults.delete(id);
            this.expander.takeResults(ids, results, this);
          })
        : this.client.tasks.byIds(ids, opts).then((tasks) => {
            if (this.failed) return;
            this.level = level;
            this.expander.takeTasks(ids, tasks, this);
            for (const id of ids) this.requestedTasks.delete(id);
          });
    answered.then(
      () => {
        this.inFlight -= 1;
        this.inFlightAt[level]! -= 1;
        if (this.failed) return;
        this.options.onProgress?.({ roundTrips: this.roundTrips, tasks: this.graph.taskCount, results: this.graph.resultCount });
        this.pump(level);
      },
      (error: unknown) => {
        this.inFlight -= 1;
        this.inFlightAt[level]! -= 1;
        if (this.failed) return;
        this.failed = true;
        this.settle?.reject(error);
      },
    );
  }
}

function firstLevel(pending: ReadonlyMap<string, number>): number {
  for (const level of pending.values()) return level;
  return Number.POSITIVE_INFINITY;
}

/** Removes and returns up to `count` IDs, in the order they were met. */
function take(pending: Map<string, number>, count: number): string[] {
  const ids: string[] = [];
  for (const id of pending.keys()) {
    if (ids.length === count) break;
    ids.push(id);
  }
  for (const id of ids) pending.delete(id);
  return ids;
}
