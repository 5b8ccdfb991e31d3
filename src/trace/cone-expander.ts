// Reconstruction of the upstream cone, level by level: each wave fetches, in batched OR filters,
// every ID the previous wave discovered (results → their owner tasks → those tasks' inputs → …),
// so the number of round trips follows the cone's depth, never its width, and nothing outside
// the cone is ever listed.

import type { ArmoniKClient } from '../armonik/api';
import type { Result, Task } from '../armonik/model';
import { fetchBatched, type BatchPolicy } from './batched-fetch';
import { parseCascadeError } from './cascade-error';
import type { ConeGraph } from './cone-graph';
import type { NodeRole } from './cone-view';
import { missingResultNode, resultNodeFromResult, taskNodeFromTask } from './node-from-model';
import { delegatesTo, ownerTaskIdOf, parentTaskIdOf, taskInputIds } from './task-relations';
import type { ResultNode, TaskNode } from './types';

export interface FetchCounters {
  /** Sequential waves of requests. */
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
  waves: number;
  tasks: number;
  results: number;
}

export interface ExpanderOptions {
  batch: BatchPolicy;
  /** Up to this many tasks in the cone, payloads of tasks past waiting are read too. */
  payloadDetailLimit: number;
  signal?: AbortSignal;
  onWave?: (progress: ExpansionProgress) => void;
}

export interface ExpansionOutcome {
  waves: number;
}

export class ConeExpander {
  readonly counters: FetchCounters = { roundTrips: 0, requests: 0 };
  /** `result|owner` pairs already re-read to confirm an orphaned output (see `confirmOrphans`). */
  private readonly orphanConfirmed = new Set<string>();
  /** Earlier attempts of cone tasks: their creator (the parent) is followed too. */
  private readonly retryPredecessors = new Set<string>();
  /** Creator ID → tasks that asked for it, to tell a delegating parent once it arrives. */
  private readonly childrenOf = new Map<string, string[]>();

  constructor(
    private readonly client: ArmoniKClient,
    private readonly graph: ConeGraph,
    private readonly sessionId: () => string,
    private readonly options: ExpanderOptions,
  ) {}

  /** Reads the requested IDs, then keeps reading whatever they bring into the cone. */
  async expand(request: ExpansionRequest): Promise<ExpansionOutcome> {
    const pendingResults = new Set<string>(request.results ?? []);
    const pendingTasks = new Map<string, NodeRole>();
    for (const [id, role] of request.tasks ?? []) pendingTasks.set(id, role);
    let waves = 0;

    while (pendingResults.size > 0 || pendingTasks.size > 0) {
      this.options.signal?.throwIfAborted();
      const resultIds = [...pendingResults];
      const taskRoles = new Map(pendingTasks);
      pendingResults.clear();
      pendingTasks.clear();

      const opts = this.options.signal ? { signal: this.options.signal } : {};
      const [results, tasks] = await Promise.all([
        fetchBatched<Result>(resultIds, (ids) => this.client.results.byIds(ids, opts), this.options.batch),
        fetchBatched<Task>([...taskRoles.keys()], (ids) => this.client.tasks.byIds(ids, opts), this.options.batch),
      ]);
      waves += 1;
      this.counters.roundTrips += Math.max(results.waves, tasks.waves);
      this.counters.requests += results.requests + tasks.requests;

      const scheduleTask = (id: string, role: NodeRole): void => {
        const known = this.graph.roleOf(id);
        if (known === undefined) {
          if (this.graph.missingTaskIds.has(id)) return;
          if (role === 'cone' || !pendingTasks.has(id)) pendingTasks.set(id, role);
          return;
        }
        if (role === 'cone' && known === 'context') {
          // A task first met as context (e.g. a parent) turns out to produce something the
          // cone needs: follow its inputs now, from data we already hold.
          this.graph.setRole(id, 'cone');
          const node = this.graph.node(id);
          if (node?.kind === 'task') this.followTask(node, 'cone', pendingResults, scheduleTask);
        }
      };

      const readResults = new Set<string>();
      for (const result of results.items) {
        readResults.add(result.resultId);
        const node = resultNodeFromResult(result);
        this.graph.upsert(node);
        const owner = ownerTaskIdOf(node);
        if (owner !== undefined) scheduleTask(owner, 'cone');
      }
      for (const id of resultIds) {
        if (readResults.has(id)) continue;
        const known = this.graph.node(id);
        if (known === undefined || known.kind === 'result') {
          this.graph.upsert(missingResultNode(id, known?.sessionId ?? this.sessionId()));
        }
      }

      const readTasks = new Set<string>();
      for (const task of tasks.items) {
        readTasks.add(task.id);
        const role = taskRoles.get(task.id) ?? 'context';
        const node = taskNodeFromTask(task);
        this.graph.upsert(node, role);
        this.followTask(node, this.graph.roleOf(node.id) ?? role, pendingResults, scheduleTask);
      }
      for (const id of taskRoles.keys()) if (!readTasks.has(id) && !this.graph.has(id)) this.graph.missingTaskIds.add(id);

      this.confirmOrphans(tasks.items, pendingResults);
      this.options.onWave?.({ waves, tasks: this.graph.taskCount, results: this.graph.resultCount });
    }
    return { waves };
  }

  /** Schedules what a freshly read task brings into the cone. */
  private followTask(
    node: TaskNode,
    role: NodeRole,
    pendingResults: Set<string>,
    scheduleTask: (id: string, role: NodeRole) => void,
  ): void {
    if (role === 'cone') {
      // A task that got queued had its payload complete (Core counts it as a dependency), so
      // the payload cannot block anything: it is read only while the cone is small enough for
      // the extra nodes to be free, or when the task still waits for it.
      const waiting = node.status === 'CREATING' || node.status === 'PENDING' || node.status === 'UNSPECIFIED';
      const inputs = waiting || this.graph.taskCount <= this.options.payloadDetailLimit ? taskInputIds(node) : node.dataDependencies;
      for (const input of inputs) if (!this.graph.has(input)) pendingResults.add(input);
      for (const attempt of node.retryOfIds) {
        this.retryPredecessors.add(attempt);
        scheduleTask(attempt, 'context');
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
        scheduleTask(node.createdBy, 'context');
      }
    }
    const cascade = parseCascadeError(node.error);
    if (cascade?.kind === 'upstream-failure' && (node.status === 'ERROR' || node.status === 'TIMEOUT')) {
      for (const upstream of cascade.upstreamTaskIds) scheduleTask(upstream, 'context');
    }
  }

  /**
   * A COMPLETED owner with a CREATED output means the output was orphaned (§11.5), unless we read
   * the result before the owner finished delegating it: Core moves ownership before completing
   * the parent, so only a result read *after* its owner is trustworthy. Requests of one wave run
   * concurrently, so re-read each such pair once.
   */
  private confirmOrphans(tasks: readonly Task[], pendingResults: Set<string>): void {
    for (const task of tasks) {
      if (task.status !== 'COMPLETED') continue;
      for (const edge of this.graph.inEdges(task.id)) {
        if (edge.kind !== 'output') continue;
        const result = this.graph.node(edge.source) as ResultNode | undefined;
        const pair = `${edge.source}|${task.id}`;
        if (result?.status !== 'CREATED' || this.orphanConfirmed.has(pair)) continue;
        this.orphanConfirmed.add(pair);
        pendingResults.add(result.id);
      }
    }
  }
}
