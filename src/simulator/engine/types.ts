// Contract between the simulator's engine (state + ArmoniK semantics, reference §11) and the
// layers that serve it (gRPC handlers, scenario runner, CLI, benchmarks). Records are the
// engine's own compact storage: times are epoch milliseconds of the *virtual* clock, never Date,
// because the `large` scenario keeps a million of them in memory.

import type { ArmoniKEvent, ResultStatus, SessionStatus, TaskOptions, TaskStatus } from '../../armonik/model';

export interface TaskRecord {
  id: string;
  sessionId: string;
  ownerPodId: string;
  initialTaskId: string;
  parentTaskIds: string[];
  dataDependencies: string[];
  expectedOutputIds: string[];
  retryOfIds: string[];
  status: TaskStatus;
  /** Frozen and shared between tasks submitted with the same options. */
  options: Readonly<TaskOptions>;
  createdAt: number | undefined;
  submittedAt: number | undefined;
  receivedAt: number | undefined;
  acquiredAt: number | undefined;
  fetchedAt: number | undefined;
  startedAt: number | undefined;
  processedAt: number | undefined;
  endedAt: number | undefined;
  podTtl: number | undefined;
  payloadId: string;
  createdBy: string;
  outputSuccess: boolean;
  outputError: string;
  podHostname: string;
}

export interface ResultRecord {
  resultId: string;
  sessionId: string;
  name: string;
  ownerTaskId: string;
  status: ResultStatus;
  createdAt: number | undefined;
  completedAt: number | undefined;
  size: number;
  createdBy: string;
  /** Object-storage key; empty until data exists, emptied again by purge. */
  opaqueId: string;
  manualDeletion: boolean;
}

export interface SessionRecord {
  sessionId: string;
  status: SessionStatus;
  clientSubmission: boolean;
  workerSubmission: boolean;
  partitionIds: string[];
  options: Readonly<TaskOptions>;
  createdAt: number | undefined;
  cancelledAt: number | undefined;
  closedAt: number | undefined;
  purgedAt: number | undefined;
  deletedAt: number | undefined;
  durationMs: number | undefined;
}

export interface PartitionRecord {
  id: string;
  parentPartitionIds: string[];
  podReserved: number;
  podMax: number;
  podConfiguration: Record<string, string>;
  preemptionPercentage: number;
  priority: number;
  /** Simulated worker pods currently serving this partition (0 means tasks stay SUBMITTED). */
  workers: number;
}

/** Errors the engine raises; the gRPC layer maps `code` to the status Core would return
 * (reference §10). */
export type SimErrorCode = 'not-found' | 'failed-precondition' | 'invalid-argument' | 'unknown' | 'internal';

export class SimError extends Error {
  override readonly name = 'SimError';
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** How virtual time relates to wall time. */
export type ClockMode =
  /** Time only moves when a test calls `advance()` / `runUntilIdle()`. */
  | { kind: 'manual' }
  /** Every scheduled event runs as soon as possible, in virtual-time order. */
  | { kind: 'instant' }
  /** Virtual time runs `speed` times faster than wall time (1 = real time). */
  | { kind: 'realtime'; speed: number };

export interface EngineOptions {
  clock: ClockMode;
  /** Seed of the deterministic random source (durations, IDs, host names). */
  seed: number;
  /** Virtual epoch ms at start; defaults to wall time at creation. */
  startTime?: number;
  /** Duration of a task without a behaviour (reference: "well under a second"). */
  defaultTaskDurationMs?: number;
  /** Partition used by CreateSession when the request names none (default "default"). */
  defaultPartitionId?: string;
}

/** A task that already ran, written directly in its final state (bulk history, `seedTask`). */
export interface SeedTaskSpec {
  /** Existing results of the session; they must be COMPLETED for a COMPLETED task. */
  dataDependencies?: string[];
  /** One output result is created per name, COMPLETED (or ABORTED) by this task. */
  outputNames: string[];
  /** An existing payload result; when absent a COMPLETED payload is created. */
  payloadId?: string;
  payloadName?: string;
  /** Merged with the session's options (Core rules); absent = the session's options. */
  options?: TaskOptionsInput;
  /** Final status; default COMPLETED. */
  status?: 'COMPLETED' | 'ERROR' | 'CANCELLED';
  /** `output.error` of a task that did not complete. */
  error?: string;
  /** Virtual epoch ms of creation; the other timestamps follow from it. */
  createdAt: number;
  durationMs: number;
  /** Time spent queued before a pod took it (default 5 ms). */
  queueMs?: number;
  /** Which of the partition's pods ran it (any integer). */
  podIndex?: number;
}

/** Options fields that a request left at their proto3 zero value are "not set" and do not
 * override the defaults when merging (reference §11.4). */
export type TaskOptionsInput = Partial<TaskOptions>;

export interface TaskCreationInput {
  expectedOutputIds: string[];
  dataDependencies: string[];
  payloadId: string;
  options?: TaskOptionsInput;
}

export interface ReadableState {
  task(id: string): TaskRecord | undefined;
  result(id: string): ResultRecord | undefined;
  session(id: string): SessionRecord | undefined;
  partition(id: string): PartitionRecord | undefined;
  /** All tasks, or those of one session, in insertion order. */
  tasks(sessionId?: string): Iterable<TaskRecord>;
  results(sessionId?: string): Iterable<ResultRecord>;
  sessions(): Iterable<SessionRecord>;
  partitions(): Iterable<PartitionRecord>;
  taskCount(sessionId?: string): number;
  resultCount(sessionId?: string): number;
  /** Stored bytes of a COMPLETED result (undefined when there are none). */
  resultData(id: string): Uint8Array | undefined;
}

export type EngineListener = (event: ArmoniKEvent) => void;

export interface SimulatorEngine extends ReadableState {
  readonly options: EngineOptions;
  /** Current virtual time (epoch ms). */
  now(): number;

  // --- time
  /** Moves virtual time forward by `ms`, running everything scheduled up to then. */
  advance(ms: number): void;
  /** Runs scheduled work until nothing is left or `maxVirtualMs` has elapsed; returns elapsed. */
  runUntilIdle(maxVirtualMs?: number): number;
  /** Starts/stops driving the clock by wall time (realtime and instant modes). */
  start(): void;
  stop(): void;

  // --- partitions and workers
  addPartition(partition: Omit<PartitionRecord, 'workers'> & { workers?: number }): PartitionRecord;
  setWorkers(partitionId: string, workers: number): void;

  // --- sessions (reference §11.8)
  createSession(defaultTaskOptions: TaskOptionsInput, partitionIds: string[]): SessionRecord;
  pauseSession(sessionId: string): SessionRecord;
  resumeSession(sessionId: string): SessionRecord;
  closeSession(sessionId: string): SessionRecord;
  cancelSession(sessionId: string): SessionRecord;
  purgeSession(sessionId: string): SessionRecord;
  deleteSession(sessionId: string): SessionRecord;
  stopSubmission(sessionId: string, client: boolean, worker: boolean): SessionRecord;

  // --- results (reference §11.3)
  createResultsMetadata(sessionId: string, results: Array<{ name: string; manualDeletion: boolean }>): ResultRecord[];
  createResults(sessionId: string, results: Array<{ name: string; data: Uint8Array; manualDeletion: boolean }>): ResultRecord[];
  uploadResultData(sessionId: string, resultId: string, data: Uint8Array): ResultRecord;
  deleteResultsData(sessionId: string, resultIds: string[]): string[];

  // --- tasks (reference §11.2, §11.4–§11.7)
  submitTasks(sessionId: string, requestOptions: TaskOptionsInput | undefined, tasks: TaskCreationInput[]): TaskRecord[];
  cancelTasks(taskIds: string[]): TaskRecord[];

  // --- scenarios and history (additive)
  /** Runs `action` when virtual time reaches `time` (epoch ms), in order with the engine's own
   * work. Used for scenarios' timed actions. */
  scheduleAt(time: number, action: () => void): void;
  /** Writes a task that already ran, in its final state, without events (bulk history). */
  seedTask(sessionId: string, spec: SeedTaskSpec): TaskRecord;

  // --- observation
  /** Every state change as the ArmoniK event it would produce (all sessions). */
  onEvent(listener: EngineListener): () => void;
  /** Counters for benchmarks. `mutations` counts changes made from outside the engine's own
   * scheduled work (RPCs, scenario actions, seeding); with `transitions` it tells whether any
   * state may have changed. */
  stats(): { transitions: number; tasks: number; results: number; scheduled: number; mutations: number };
}
