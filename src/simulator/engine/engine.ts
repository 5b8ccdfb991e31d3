// The simulator engine: an in-memory ArmoniK control plane (reference §11) driven by a virtual
// clock. This class is the public face; each rule lives in the module named after it.

import { EngineState, JOB_CALLBACK, type Job, type PartitionRuntime } from './engine-state';
import { SeededRandom } from './random';
import { TimerHeap } from './timer-heap';
import { createResults, createResultsMetadata, deleteResultsData, resultData, uploadResultData } from './result-operations';
import { seedTask } from './seeding';
import {
  cancelSession,
  closeSession,
  createSession,
  deleteSession,
  pauseSession,
  purgeSession,
  resumeSession,
  stopSubmission,
} from './session-lifecycle';
import { cancelTasks, submitTasks } from './task-operations';
import {
  SimError,
  type EngineListener,
  type EngineOptions,
  type PartitionRecord,
  type ResultRecord,
  type SeedTaskSpec,
  type SessionRecord,
  type SimulatorEngine,
  type TaskCreationInput,
  type TaskOptionsInput,
  type TaskRecord,
} from './types';
import { WorkerPods } from './worker-pods';

const NO_TASKS: readonly TaskRecord[] = Object.freeze([]);
const NO_RESULTS: readonly ResultRecord[] = Object.freeze([]);

export function createEngine(options: EngineOptions): SimulatorEngine {
  return new Engine(options);
}

class Engine implements SimulatorEngine {
  private readonly state: EngineState;
  private readonly pods: WorkerPods;

  constructor(readonly options: EngineOptions) {
    if (!Number.isFinite(options.seed)) throw new SimError('invalid-argument', `seed must be a number, got ${String(options.seed)}`);
    const clock = options.clock;
    if (clock.kind === 'realtime' && !(clock.speed > 0)) {
      throw new SimError('invalid-argument', `realtime clock speed must be above 0, got ${String(clock.speed)}`);
    }
    // Scenario actions are plain callbacks; everything else is a pod's work.
    this.state = new EngineState(options, (job: Job) => (job.kind === JOB_CALLBACK ? job.run?.() : this.pods.run(job)));
    this.pods = new WorkerPods(this.state);
  }

  /** In realtime mode, runs what is due before an outside change. */
  private sync(): void {
    this.state.clock.sync();
  }

  /** An outside change (an RPC, a scenario action): runs what is due first, then `apply`, and
   * counts it. Session changes, uploads and purges need not move any task, so listings that
   * cache by state version (server/state-version.ts) must see them through `mutations`. */
  private change<T>(apply: () => T): T {
    this.sync();
    try {
      return apply();
    } finally {
      this.state.mutations++;
    }
  }

  now(): number {
    return this.state.now();
  }

  // --- time

  advance(ms: number): void {
    this.state.clock.advance(ms);
  }

  runUntilIdle(maxVirtualMs?: number): number {
    return this.state.clock.runUntilIdle(maxVirtualMs);
  }

  start(): void {
    this.state.clock.start();
  }

  stop(): void {
    this.state.clock.stop();
  }

  scheduleAt(time: number, action: () => void): void {
    this.state.clock.schedule(time, { kind: JOB_CALLBACK, pod: undefined, token: 0, run: action });
  }

  // --- partitions

  addPartition(partition: Omit<PartitionRecord, 'workers'> & { workers?: number }): PartitionRecord {
    if (!partition.id) throw new SimError('invalid-argument', 'A partition needs a non-empty id');
    if (this.state.partitions.has(partition.id)) throw new SimError('invalid-argument', `Partition ${partition.id} already exists`);
    const workers = partition.workers ?? 1;
    checkWorkers(partition.id, workers);
    const record: PartitionRecord = {
      id: partition.id,
      parentPartitionIds: [...partition.parentPartitionIds],
      podReserved: partition.podReserved,
      podMax: partition.podMax,
      podConfiguration: { ...partition.podConfiguration },
      preemptionPercentage: partition.preemptionPercentage,
      priority: partition.priority,
      workers: 0,
    };
    const rnd = SeededRandom.derive(this.options.seed, `replica:${partition.id}`);
    const runtime: PartitionRuntime = { record, pods: [], queue: new TimerHeap<TaskRecord>(), replicaHash: rnd.alnum(10) };
    this.state.partitions.set(partition.id, runtime);
    this.pods.setWorkers(runtime, workers);
    this.state.mutations++;
    return record;
  }

  setWorkers(partitionId: string, workers: number): void {
    this.change(() => {
      const runtime = this.state.partitions.get(partitionId);
      if (!runtime) throw new SimError('not-found', `Partition ${partitionId} not found`);
      checkWorkers(partitionId, workers);
      this.pods.setWorkers(runtime, workers);
    });
  }

  // --- sessions

  createSession(defaultTaskOptions: TaskOptionsInput, partitionIds: string[]): SessionRecord {
    return this.change(() => createSession(this.state, defaultTaskOptions, partitionIds, this.options.defaultPartitionId ?? 'default'));
  }

  pauseSession(sessionId: string): SessionRecord {
    return this.change(() => pauseSession(this.state, this.pods, sessionId));
  }

  resumeSession(sessionId: string): SessionRecord {
    return this.change(() => resumeSession(this.state, sessionId));
  }

  closeSession(sessionId: string): SessionRecord {
    return this.change(() => closeSession(this.state, sessionId));
  }

  cancelSession(sessionId: string): SessionRecord {
    return this.change(() => cancelSession(this.state, this.pods, sessionId));
  }

  purgeSession(sessionId: string): SessionRecord {
    return this.change(() => purgeSession(this.state, sessionId));
  }

  deleteSession(sessionId: string): SessionRecord {
    return this.change(() => deleteSession(this.state, this.pods, sessionId));
  }

  stopSubmission(sessionId: string, client: boolean, worker: boolean): SessionRecord {
    return this.change(() => stopSubmission(this.state, sessionId, client, worker));
  }

  // --- results

  createResultsMetadata(sessionId: string, results: Array<{ name: string; manualDeletion: boolean }>): ResultRecord[] {
    return this.change(() => createResultsMetadata(this.state, sessionId, results));
  }

  createResults(sessionId: string, results: Array<{ name: string; data: Uint8Array; manualDeletion: boolean }>): ResultRecord[] {
    return this.change(() => createResults(this.state, sessionId, results));
  }

  uploadResultData(sessionId: string, resultId: string, data: Uint8Array): ResultRecord {
    return this.change(() => uploadResultData(this.state, sessionId, resultId, data));
  }

  deleteResultsData(sessionId: string, resultIds: string[]): string[] {
    return this.change(() => deleteResultsData(this.state, sessionId, resultIds));
  }

  // --- tasks

  submitTasks(sessionId: string, requestOptions: TaskOptionsInput | undefined, tasks: TaskCreationInput[]): TaskRecord[] {
    return this.change(() => submitTasks(this.state, sessionId, requestOptions, tasks));
  }

  cancelTasks(taskIds: string[]): TaskRecord[] {
    return this.change(() => cancelTasks(this.state, this.pods, taskIds));
  }

  seedTask(sessionId: string, spec: SeedTaskSpec): TaskRecord {
    this.state.mutations++;
    return seedTask(this.state, sessionId, spec);
  }

  // --- reading

  task(id: string): TaskRecord | undefined {
    return this.state.tasks.get(id);
  }

  result(id: string): ResultRecord | undefined {
    return this.state.results.get(id);
  }

  session(id: string): SessionRecord | undefined {
    return this.state.sessions.get(id)?.record;
  }

  partition(id: string): PartitionRecord | undefined {
    return this.state.partitions.get(id)?.record;
  }

  tasks(sessionId?: string): Iterable<TaskRecord> {
    if (sessionId === undefined) return this.state.tasks.values();
    return this.state.sessions.get(sessionId)?.tasks ?? NO_TASKS;
  }

  results(sessionId?: string): Iterable<ResultRecord> {
    if (sessionId === undefined) return this.state.results.values();
    return this.state.sessions.get(sessionId)?.results ?? NO_RESULTS;
  }

  *sessions(): Iterable<SessionRecord> {
    for (const s of this.state.sessions.values()) yield s.record;
  }

  *partitions(): Iterable<PartitionRecord> {
    for (const p of this.state.partitions.values()) yield p.record;
  }

  taskCount(sessionId?: string): number {
    if (sessionId === undefined) return this.state.tasks.size;
    return this.state.sessions.get(sessionId)?.tasks.length ?? 0;
  }

  resultCount(sessionId?: string): number {
    if (sessionId === undefined) return this.state.results.size;
    return this.state.sessions.get(sessionId)?.results.length ?? 0;
  }

  resultData(id: string): Uint8Array | undefined {
    return resultData(this.state, id);
  }

  // --- observation

  onEvent(listener: EngineListener): () => void {
    this.state.listeners.push(listener);
    return () => {
      const i = this.state.listeners.indexOf(listener);
      if (i >= 0) this.state.listeners.splice(i, 1);
    };
  }

  stats(): { transitions: number; tasks: number; results: number; scheduled: number; mutations: number } {
    return {
      mutations: this.state.mutations,
      transitions: this.state.transitions,
      tasks: this.state.tasks.size,
      results: this.state.results.size,
      scheduled: this.state.clock.pending,
    };
  }
}

function checkWorkers(partitionId: string, workers: number): void {
  if (!Number.isInteger(workers) || workers < 0 || workers > 100_000) {
    throw new SimError('invalid-argument', `Partition ${partitionId}: workers must be a whole number between 0 and 100000, got ${workers}`);
  }
}
