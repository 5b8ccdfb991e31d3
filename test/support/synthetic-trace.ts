// Synthetic ArmoniK-shaped cones for testing and benchmarking the graph view without a control
// plane. Shape follows the HTC-mock pattern (reference §11.5): a task splits its work into
// worker subtasks and an aggregator subtask, delegating its own output to the aggregator; the
// aggregator's inputs are the workers' outputs; workers split again, breadth first, until the
// requested number of tasks exists. Scenarios add what users trace for: a failed worker whose
// error cascades up (§11.6), a retried attempt, and work queued on a partition without workers.
//
// Plain TypeScript without Node APIs: the browser harness bundles it too.

import type { ResultStatus, TaskStatus } from '../../src/armonik/model';
import type {
  Blocker,
  CriticalPathStep,
  Diagnosis,
  EdgeKind,
  LiveTrace,
  ResultNode,
  RootCause,
  TaskNode,
  TraceChange,
  TraceEdge,
  TraceNode,
  Unsubscribe,
  Verdict,
} from '../../src/trace/types';

export type SyntheticScenario = 'failed' | 'blocked' | 'running' | 'completed';

export interface SyntheticTraceOptions {
  /** Approximate number of tasks in the cone (at least 2). */
  tasks: number;
  scenario?: SyntheticScenario;
  seed?: number;
  /** Subtasks per split; by default chosen for a depth of about 3 splits. */
  fanout?: number;
  /** Error text of the failed worker (scenario "failed"). */
  errorMessage?: string;
  /** Name of the traced result. */
  resultName?: string;
  /** Epoch ms used as "now". */
  now?: number;
}

export interface SyntheticTrace extends LiveTrace {
  readonly scenario: SyntheticScenario;
  /** The worker whose own failure caused the cascade (scenario "failed"). */
  readonly rootCauseId: string | undefined;
  /** A task that was retried (its failed attempt), when the scenario has one. */
  readonly retriedTaskId: string | undefined;
  /** Tasks that are still waiting in a queue. */
  queuedTaskIds(): string[];
  /**
   * Moves the work forward: up to `complete` running tasks finish (`spawn` of them split into
   * new subtasks instead, as HTC workers do), queued tasks start, ready aggregators get queued.
   * Notifies listeners with the change and returns it.
   */
  step(options?: { complete?: number; spawn?: number }): TraceChange;
  /** Simulates the live feed failing for good. */
  fail(error: Error): void;
  readonly closed: boolean;
}

const DEFAULT_ERROR =
  'System.InvalidOperationException: matrix block 17 is singular\n' +
  '   at HtcMock.Worker.ComputeBlock(Block b) in /src/Worker/Compute.cs:line 88\n' +
  '   at HtcMock.Worker.ProcessAsync(ITaskHandler handler) in /src/Worker/Worker.cs:line 41';

const SECOND = 1000;

/** Small deterministic PRNG (mulberry32) so every run draws the same cone. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Split {
  aggregator: TaskNode;
  workers: TaskNode[];
}

class SyntheticLiveTrace implements SyntheticTrace {
  readonly resultId: string;
  readonly sessionId: string;
  readonly scenario: SyntheticScenario;
  rootCauseId: string | undefined;
  retriedTaskId: string | undefined;
  closed = false;

  private readonly rand: () => number;
  private readonly now: number;
  private readonly nodeMap = new Map<string, TraceNode>();
  private readonly edgeMap = new Map<string, TraceEdge>();
  private readonly outMap = new Map<string, TraceEdge[]>();
  private readonly inMap = new Map<string, TraceEdge[]>();
  private readonly changeListeners = new Set<(change: TraceChange) => void>();
  private readonly failListeners = new Set<(error: Error) => void>();
  private readonly splits = new Map<string, Split>();
  private current: Diagnosis;
  private clock: number;
  // Collected while a change is being made.
  private pending: { added: Map<string, TraceNode>; updated: Map<string, TraceNode>; addedEdges: TraceEdge[]; removedEdgeIds: string[] } | undefined;

  constructor(private readonly options: SyntheticTraceOptions) {
    this.scenario = options.scenario ?? 'failed';
    this.rand = random(options.seed ?? 7);
    this.now = options.now ?? 1_760_000_000_000;
    this.clock = this.now;
    this.sessionId = this.guid();
    this.resultId = this.build();
    this.current = this.analyse();
  }

  // ------------------------------------------------------------------ LiveTrace

  nodes(): Iterable<TraceNode> {
    return this.nodeMap.values();
  }
  node(id: string): TraceNode | undefined {
    return this.nodeMap.get(id);
  }
  edges(): Iterable<TraceEdge> {
    return this.edgeMap.values();
  }
  outEdges(id: string): TraceEdge[] {
    return this.outMap.get(id) ?? [];
  }
  inEdges(id: string): TraceEdge[] {
    return this.inMap.get(id) ?? [];
  }
  diagnosis(): Diagnosis {
    return this.current;
  }
  onDidChange(listener: (change: TraceChange) => void): Unsubscribe {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }
  onDidFail(listener: (error: Error) => void): Unsubscribe {
    this.failListeners.add(listener);
    return () => this.failListeners.delete(listener);
  }
  async refresh(): Promise<void> {
    // Nothing to re-read: the synthetic cone is its own source of truth.
  }
  close(): void {
    this.closed = true;
    this.changeListeners.clear();
    this.failListeners.clear();
  }

  // ------------------------------------------------------------------ controls

  queuedTaskIds(): string[] {
    const ids: string[] = [];
    for (const node of this.nodeMap.values()) if (node.kind === 'task' && node.status === 'SUBMITTED') ids.push(node.id);
    return ids;
  }

  fail(error: Error): void {
    for (const listener of [...this.failListeners]) listener(error);
  }

  step(options: { complete?: number; spawn?: number } = {}): TraceChange {
    const complete = options.complete ?? 3;
    let spawn = options.spawn ?? 0;
    this.clock += 5 * SECOND;
    this.pending = { added: new Map(), updated: new Map(), addedEdges: [], removedEdgeIds: [] };
    const tasks = [...this.nodeMap.values()].filter((n): n is TaskNode => n.kind === 'task');
    let finished = 0;
    for (const task of tasks) {
      if (finished >= complete) break;
      if (task.status !== 'PROCESSING') continue;
      finished++;
      const output = task.expectedOutputIds.map((id) => this.nodeMap.get(id)).find((r): r is ResultNode => r?.kind === 'result' && r.ownerTaskId === task.id);
      if (spawn > 0 && output) {
        spawn--;
        this.split(task, output, 3, 'SUBMITTED');
        this.setTask(task, 'COMPLETED');
      } else {
        this.setTask(task, 'COMPLETED');
        for (const id of task.expectedOutputIds) {
          const result = this.nodeMap.get(id);
          if (result?.kind === 'result' && result.ownerTaskId === task.id) this.setResult(result, 'COMPLETED');
        }
      }
    }
    for (const task of tasks) {
      if (task.status === 'DISPATCHED') this.setTask(task, 'PROCESSING');
      else if (task.status === 'SUBMITTED' && task.partitionId !== 'gpu' && this.rand() < 0.5) this.setTask(task, 'DISPATCHED');
      else if (task.status === 'PENDING' && this.inputsReady(task)) this.setTask(task, 'SUBMITTED');
    }
    const change: TraceChange = {
      addedNodes: [...this.pending.added.values()],
      updatedNodes: [...this.pending.updated.values()].filter((n) => !this.pending!.added.has(n.id)),
      addedEdges: this.pending.addedEdges,
      removedEdgeIds: this.pending.removedEdgeIds,
      diagnosis: (this.current = this.analyse()),
    };
    this.pending = undefined;
    for (const listener of [...this.changeListeners]) listener(change);
    return change;
  }

  // ------------------------------------------------------------------ construction

  private guid(): string {
    const word = () => Math.floor(this.rand() * 0x100000000).toString(16).padStart(8, '0');
    const a = word();
    const b = word();
    const c = word();
    const d = word();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-a${c.slice(0, 3)}-${c.slice(3, 7)}${d}`;
  }

  private build(): string {
    const total = Math.max(2, Math.floor(this.options.tasks));
    const fanout = this.options.fanout ?? Math.min(60, Math.max(2, Math.ceil(Math.cbrt(total))));
    const target = this.addResult({ name: this.options.resultName ?? 'final-result', createdBy: '' });
    const root = this.addTask({ outputs: [target], inputs: [], createdBy: '', parents: [this.sessionId], status: 'COMPLETED' });
    // Breadth-first splitting keeps the tree balanced, like HTC mock's recursive decomposition.
    const queue: { task: TaskNode; output: ResultNode }[] = [{ task: root, output: target }];
    let count = 1;
    const leaves: TaskNode[] = [];
    for (let head = 0; head < queue.length; head++) {
      const { task, output } = queue[head]!;
      const remaining = total - count;
      if (remaining < 2) {
        leaves.push(task);
        continue;
      }
      const split = this.split(task, output, Math.min(fanout, remaining - 1), 'COMPLETED');
      count += split.workers.length + 1;
      for (const worker of split.workers) {
        const workerOutput = this.nodeMap.get(worker.expectedOutputIds[0]!) as ResultNode;
        queue.push({ task: worker, output: workerOutput });
      }
    }
    this.settle(leaves);
    return target.id;
  }

  /** Makes `task` create workers and an aggregator taking over `output`. */
  private split(task: TaskNode, output: ResultNode, workers: number, initial: TaskStatus): Split {
    const parents = [...task.parentTaskIds, task.id];
    const made: TaskNode[] = [];
    for (let i = 0; i < workers; i++) {
      const result = this.addResult({ name: `${output.name || 'part'}.${i}`, createdBy: task.id });
      made.push(this.addTask({ outputs: [result], inputs: [], createdBy: task.id, parents, status: initial }));
    }
    const inputs = made.map((w) => this.nodeMap.get(w.expectedOutputIds[0]!) as ResultNode);
    const aggregator = this.addTask({
      outputs: [],
      inputs,
      createdBy: task.id,
      parents,
      status: initial === 'COMPLETED' ? 'COMPLETED' : 'PENDING',
    });
    // Delegation (§11.5 step 5): the parent's output is now owned by the aggregator.
    aggregator.expectedOutputIds.push(output.id);
    this.removeEdge(`output:${output.id}->${task.id}`);
    this.updateResultOwner(output, aggregator.id);
    this.addEdge('output', output.id, aggregator.id);
    this.addEdge('delegated-to', task.id, aggregator.id);
    const split = { aggregator, workers: made };
    this.splits.set(task.id, split);
    return split;
  }

  /** Gives leaves their scenario statuses and propagates them up through the aggregators. */
  private settle(leaves: TaskNode[]): void {
    const n = leaves.length;
    const failedIndex = this.scenario === 'failed' ? Math.floor(n * 0.4) : -1;
    const retriedIndex = this.scenario === 'failed' || this.scenario === 'blocked' ? Math.floor(n * 0.7) : -1;
    leaves.forEach((leaf, i) => {
      let status: TaskStatus = 'COMPLETED';
      if (this.scenario !== 'completed') {
        const r = this.rand();
        if (this.scenario === 'blocked' && i >= Math.floor(n * 0.8)) status = 'SUBMITTED';
        else if (r < 0.6) status = 'COMPLETED';
        else if (r < 0.75) status = 'PROCESSING';
        else if (r < 0.8) status = 'DISPATCHED';
        else status = 'SUBMITTED';
      }
      if (this.scenario === 'blocked' && status === 'SUBMITTED') {
        leaf.partitionId = 'gpu';
      }
      if (i === failedIndex) {
        status = 'ERROR';
        leaf.error = this.options.errorMessage ?? DEFAULT_ERROR;
        this.rootCauseId = leaf.id;
      }
      this.finishLeaf(leaf, status);
      if (i === retriedIndex && n > 2) this.retry(leaf);
    });
    this.propagate();
  }

  private finishLeaf(leaf: TaskNode, status: TaskStatus): void {
    leaf.status = status;
    if (status !== 'SUBMITTED') {
      leaf.startedAt = this.now - (30 + Math.floor(this.rand() * 300)) * SECOND;
      leaf.podHostname = `htcmock-worker-${Math.floor(this.rand() * 40)}`;
    }
    if (status === 'COMPLETED' || status === 'ERROR') {
      leaf.durationMs = Math.floor((2 + this.rand() * 60) * SECOND);
      leaf.endedAt = leaf.startedAt! + leaf.durationMs;
    }
    for (const id of leaf.expectedOutputIds) {
      const result = this.nodeMap.get(id) as ResultNode;
      if (status === 'COMPLETED') {
        result.status = 'COMPLETED';
        result.completedAt = leaf.endedAt;
        result.size = 1024 + Math.floor(this.rand() * 65536);
      } else if (status === 'ERROR') {
        result.status = 'ABORTED';
        result.completedAt = leaf.endedAt;
      }
    }
  }

  /** The attempt failed on an infrastructure error and a new attempt took over (§11.6). */
  private retry(failed: TaskNode): void {
    if (failed.status === 'ERROR') return;
    const outputs = failed.expectedOutputIds.map((id) => this.nodeMap.get(id) as ResultNode);
    failed.status = 'RETRIED';
    failed.error = 'Grpc.Core.RpcException: Status(StatusCode="Unavailable", Detail="worker pod evicted")';
    failed.endedAt = this.now - 60 * SECOND;
    failed.startedAt = failed.endedAt - 20 * SECOND;
    const retry = this.addTask({
      id: `${failed.id}###1`,
      outputs: [],
      inputs: [],
      createdBy: failed.id,
      parents: failed.parentTaskIds,
      status: 'PROCESSING',
      initialTaskId: failed.id,
      attempt: 2,
      retryOf: [failed.id],
      payloadId: failed.payloadId,
    });
    retry.startedAt = this.now - 40 * SECOND;
    retry.podHostname = 'htcmock-worker-7';
    for (const output of outputs) {
      output.status = 'CREATED';
      output.completedAt = undefined;
      retry.expectedOutputIds.push(output.id);
      this.removeEdge(`output:${output.id}->${failed.id}`);
      this.updateResultOwner(output, retry.id);
      this.addEdge('output', output.id, retry.id);
    }
    this.addEdge('retry-of', retry.id, failed.id);
    this.retriedTaskId = failed.id;
  }

  /** Aggregators: COMPLETED when every input is, ERROR (cascade) when one was aborted. */
  private propagate(): void {
    const order = [...this.splits.values()].reverse(); // deepest splits were made last
    for (const { aggregator } of order) {
      const inputs = aggregator.dataDependencies.map((id) => this.nodeMap.get(id) as ResultNode);
      const aborted = inputs.find((r) => r.status === 'ABORTED');
      const outputs = aggregator.expectedOutputIds.map((id) => this.nodeMap.get(id) as ResultNode);
      if (aborted) {
        aggregator.status = 'ERROR';
        const cause = this.nodeMap.get(aborted.ownerTaskId) as TaskNode;
        aggregator.error = `Task ${cause.id} failed:\n${(cause.error ?? '').split('\n')[0]}`;
        aggregator.endedAt = this.now - 10 * SECOND;
        for (const r of outputs) r.status = 'ABORTED';
      } else if (inputs.every((r) => r.status === 'COMPLETED')) {
        aggregator.status = this.scenario === 'completed' ? 'COMPLETED' : 'PROCESSING';
        aggregator.startedAt = this.now - 5 * SECOND;
        aggregator.podHostname = 'htcmock-worker-1';
        if (aggregator.status === 'COMPLETED') {
          aggregator.durationMs = 3 * SECOND;
          aggregator.endedAt = aggregator.startedAt + aggregator.durationMs;
          for (const r of outputs) {
            r.status = 'COMPLETED';
            r.completedAt = aggregator.endedAt;
          }
        }
      } else {
        aggregator.status = 'PENDING';
      }
    }
  }

  private addResult(init: { name: string; createdBy: string }): ResultNode {
    const node: ResultNode = {
      kind: 'result',
      id: this.guid(),
      sessionId: this.sessionId,
      name: init.name,
      status: 'CREATED',
      ownerTaskId: '',
      createdBy: init.createdBy,
      size: 0,
      createdAt: this.clock - 600 * SECOND,
      completedAt: undefined,
      missing: false,
    };
    this.addNode(node);
    return node;
  }

  private addTask(init: {
    id?: string;
    outputs: ResultNode[];
    inputs: ResultNode[];
    createdBy: string;
    parents: string[];
    status: TaskStatus;
    initialTaskId?: string;
    attempt?: number;
    retryOf?: string[];
    payloadId?: string;
  }): TaskNode {
    const id = init.id ?? this.guid();
    let payloadId = init.payloadId;
    if (!payloadId) {
      const payload = this.addResult({ name: '', createdBy: init.createdBy });
      payload.status = 'COMPLETED';
      payload.size = 512;
      payload.completedAt = payload.createdAt;
      payload.ownerTaskId = this.sessionId;
      payloadId = payload.id;
    }
    const node: TaskNode = {
      kind: 'task',
      id,
      sessionId: this.sessionId,
      status: init.status,
      partitionId: 'default',
      podHostname: '',
      initialTaskId: init.initialTaskId ?? id,
      createdBy: init.createdBy,
      parentTaskIds: init.parents,
      retryOfIds: init.retryOf ?? [],
      attempt: init.attempt ?? 1,
      maxRetries: 3,
      maxDurationMs: undefined,
      payloadId,
      dataDependencies: init.inputs.map((r) => r.id),
      expectedOutputIds: init.outputs.map((r) => r.id),
      createdAt: this.clock - 500 * SECOND,
      submittedAt: this.clock - 480 * SECOND,
      startedAt: undefined,
      endedAt: undefined,
      durationMs: undefined,
      error: undefined,
    };
    this.addNode(node);
    for (const output of init.outputs) {
      this.updateResultOwner(output, id);
      this.addEdge('output', output.id, id);
    }
    for (const input of init.inputs) this.addEdge('input', id, input.id);
    this.addEdge('payload', id, payloadId);
    if (init.createdBy && init.retryOf === undefined) this.addEdge('subtask-of', id, init.createdBy);
    return node;
  }

  private addNode(node: TraceNode): void {
    this.nodeMap.set(node.id, node);
    this.pending?.added.set(node.id, node);
  }

  private addEdge(kind: EdgeKind, source: string, target: string): void {
    const id = `${kind}:${source}->${target}`;
    if (this.edgeMap.has(id)) return;
    const edge: TraceEdge = { id, kind, source, target };
    this.edgeMap.set(id, edge);
    (this.outMap.get(source) ?? this.outMap.set(source, []).get(source)!).push(edge);
    (this.inMap.get(target) ?? this.inMap.set(target, []).get(target)!).push(edge);
    this.pending?.addedEdges.push(edge);
  }

  private removeEdge(id: string): void {
    const edge = this.edgeMap.get(id);
    if (!edge) return;
    this.edgeMap.delete(id);
    const out = this.outMap.get(edge.source);
    if (out) out.splice(out.indexOf(edge), 1);
    const inc = this.inMap.get(edge.target);
    if (inc) inc.splice(inc.indexOf(edge), 1);
    if (this.pending) {
      const added = this.pending.addedEdges.findIndex((e) => e.id === id);
      if (added >= 0) this.pending.addedEdges.splice(added, 1);
      else this.pending.removedEdgeIds.push(id);
    }
  }

  private updateResultOwner(result: ResultNode, owner: string): void {
    result.ownerTaskId = owner;
    this.pending?.updated.set(result.id, result);
  }

  private setTask(task: TaskNode, status: TaskStatus): void {
    task.status = status;
    if (status === 'PROCESSING') {
      task.startedAt = this.clock;
      task.podHostname ||= `htcmock-worker-${Math.floor(this.rand() * 40)}`;
    }
    if (status === 'COMPLETED') {
      task.endedAt = this.clock;
      task.durationMs = task.startedAt === undefined ? undefined : this.clock - task.startedAt;
    }
    this.pending?.updated.set(task.id, task);
  }

  private setResult(result: ResultNode, status: ResultStatus): void {
    result.status = status;
    if (status === 'COMPLETED') result.completedAt = this.clock;
    this.pending?.updated.set(result.id, result);
  }

  private inputsReady(task: TaskNode): boolean {
    return task.dataDependencies.every((id) => this.nodeMap.get(id)?.status === 'COMPLETED');
  }

  // ------------------------------------------------------------------ diagnosis

  /** A plain analysis in the spirit of the trace engine's, enough to drive the view. */
  private analyse(): Diagnosis {
    const target = this.nodeMap.get(this.resultId) as ResultNode;
    let tasks = 0;
    let done = 0;
    let results = 0;
    const blockers: Blocker[] = [];
    const cascade: TaskNode[] = [];
    for (const node of this.nodeMap.values()) {
      if (node.kind === 'result') {
        results++;
        continue;
      }
      tasks++;
      if (node.status === 'COMPLETED') done++;
      const age = node.startedAt === undefined ? undefined : this.clock - node.startedAt;
      if (node.id === this.rootCauseId) continue;
      if (node.status === 'ERROR') cascade.push(node);
      else if (node.status === 'SUBMITTED') {
        const noWorkers = node.partitionId === 'gpu';
        blockers.push(
          this.blocker(node, 'queued', noWorkers ? `Queued on partition "${node.partitionId}", which has no workers.` : `Queued on partition "${node.partitionId}".`, noWorkers ? 'Add workers to the partition or move the task to another partition.' : 'Wait for a worker to pick it up.', 1, node.submittedAt === undefined ? undefined : this.clock - node.submittedAt, { partitionId: node.partitionId, ...(noWorkers ? { partitionWorkers: 0 } : {}) }),
        );
      } else if (node.status === 'PROCESSING' || node.status === 'DISPATCHED') {
        const reason = node.attempt > 1 ? 'retrying' : 'running';
        blockers.push(this.blocker(node, reason, reason === 'retrying' ? `Attempt ${node.attempt} of ${node.maxRetries + 1} is running after an infrastructure failure.` : 'Still running.', 'Wait for it to finish.', 1, age, { attempt: node.attempt, maxAttempts: node.maxRetries + 1 }));
      }
    }
    const rootCauses: RootCause[] = [];
    const chains: string[][] = [];
    if (this.rootCauseId) {
      const root = this.nodeMap.get(this.rootCauseId) as TaskNode;
      blockers.push(this.blocker(root, 'failed', 'The worker returned an error; ArmoniK does not retry worker errors.', 'Read the error, fix the worker, and resubmit.', cascade.length + 1, root.endedAt === undefined ? undefined : this.clock - root.endedAt, {}, root.error));
      for (const task of cascade) {
        blockers.push(this.blocker(task, 'cascade', `Failed because task ${task.id.slice(0, 8)} failed before it.`, 'Fix the root cause.', 1, undefined, { rootCauseTaskId: root.id }, task.error));
      }
      rootCauses.push({ id: root.id, kind: 'task', status: root.status, reason: 'failed', error: root.error });
      chains.push(this.pathTo(root.id));
    }
    const queuedOnEmpty = blockers.filter((b) => b.reason === 'queued' && b.facts.partitionWorkers === 0);
    for (const b of queuedOnEmpty) b.impact = 2;
    blockers.sort((a, b) => b.impact - a.impact || (b.ageMs ?? 0) - (a.ageMs ?? 0) || a.id.localeCompare(b.id));
    let verdict: Verdict = 'in-progress';
    if (target.status === 'COMPLETED') verdict = 'completed';
    else if (target.status === 'ABORTED') verdict = 'failed';
    else if (queuedOnEmpty.length > 0) verdict = 'blocked';
    const headline = {
      completed: `Result ${target.name} is completed.`,
      failed: `Result ${target.name} will never be produced: task ${this.rootCauseId?.slice(0, 8)} failed and the failure cascaded.`,
      blocked: `Result ${target.name} is blocked: ${queuedOnEmpty.length} tasks wait on partition "gpu", which has no workers.`,
      'in-progress': `Result ${target.name} is in progress: ${done} of ${tasks} tasks done.`,
    }[verdict];
    const criticalPath = this.criticalPath();
    const remaining = criticalPath.filter((s) => s.estimated).reduce((sum, s) => sum + s.durationMs, 0);
    const never = verdict === 'failed' || verdict === 'blocked';
    return {
      target: { id: target.id, sessionId: this.sessionId, name: target.name, status: target.status, ownerTaskId: target.ownerTaskId },
      verdict,
      headline,
      progress: { done, total: tasks },
      blockers,
      rootCauses,
      chains,
      criticalPath,
      eta: {
        remainingMs: verdict === 'completed' ? 0 : never ? undefined : remaining,
        at: verdict === 'completed' ? target.completedAt : never ? undefined : this.clock + remaining,
        assumptions: never ? [] : ['remaining tasks take as long as finished tasks of the same kind did'],
      },
      cone: { tasks, results, depth: this.depth() },
      stats: { rpcs: 0, roundTrips: 0, ms: 0, bytesReceived: 0 },
      computedAt: this.clock,
    };
  }

  private blocker(node: TaskNode, reason: Blocker['reason'], explanation: string, nextStep: string, impact: number, ageMs: number | undefined, facts: Blocker['facts'], error?: string): Blocker {
    return { id: node.id, kind: 'task', status: node.status, reason, explanation, nextStep, impact, ageMs, facts, ...(error === undefined ? {} : { error }) };
  }

  /** Node IDs from the target down to `id`, following owners and inputs. */
  private pathTo(id: string): string[] {
    const parent = new Map<string, string>();
    const queue = [this.resultId];
    parent.set(this.resultId, '');
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i]!;
      if (at === id) break;
      for (const edge of this.outEdges(at)) {
        if ((edge.kind === 'output' || edge.kind === 'input') && !parent.has(edge.target)) {
          parent.set(edge.target, at);
          queue.push(edge.target);
        }
      }
    }
    const path: string[] = [];
    for (let at: string | undefined = id; at; at = parent.get(at)) path.unshift(at);
    return path;
  }

  /** The chain of owners and inputs with the largest total duration. */
  private criticalPath(): CriticalPathStep[] {
    const memo = new Map<string, { total: number; next: string | undefined }>();
    const duration = (task: TaskNode) => task.durationMs ?? (task.startedAt === undefined ? 30 * SECOND : Math.max(SECOND, this.clock - task.startedAt));
    const visit = (taskId: string): { total: number; next: string | undefined } => {
      const known = memo.get(taskId);
      if (known) return known;
      const task = this.nodeMap.get(taskId) as TaskNode;
      let best: { total: number; next: string | undefined } = { total: 0, next: undefined };
      for (const input of task.dataDependencies) {
        const owner = (this.nodeMap.get(input) as ResultNode).ownerTaskId;
        if (!this.nodeMap.has(owner)) continue;
        const sub = visit(owner);
        if (sub.total > best.total) best = { total: sub.total, next: input };
      }
      const entry = { total: best.total + duration(task), next: best.next };
      memo.set(taskId, entry);
      return entry;
    };
    const steps: CriticalPathStep[] = [];
    const target = this.nodeMap.get(this.resultId) as ResultNode;
    steps.push({ id: target.id, kind: 'result', status: target.status, durationMs: 0, estimated: false });
    let taskId: string | undefined = target.ownerTaskId;
    while (taskId && this.nodeMap.has(taskId)) {
      const task = this.nodeMap.get(taskId) as TaskNode;
      const { next } = visit(taskId);
      steps.push({ id: task.id, kind: 'task', status: task.status, durationMs: duration(task), estimated: task.durationMs === undefined });
      if (!next) break;
      const result = this.nodeMap.get(next) as ResultNode;
      steps.push({ id: result.id, kind: 'result', status: result.status, durationMs: 0, estimated: false });
      taskId = result.ownerTaskId;
    }
    return steps;
  }

  private depth(): number {
    let depth = 0;
    const level = new Map<string, number>([[this.resultId, 0]]);
    const queue = [this.resultId];
    for (let i = 0; i < queue.length; i++) {
      const at = queue[i]!;
      const d = level.get(at)!;
      depth = Math.max(depth, d);
      for (const edge of this.outEdges(at)) {
        if (!level.has(edge.target)) {
          level.set(edge.target, d + 1);
          queue.push(edge.target);
        }
      }
    }
    return depth;
  }
}

export function createSyntheticTrace(options: SyntheticTraceOptions): SyntheticTrace {
  return new SyntheticLiveTrace(options);
}
