// The engine's state and the primitive changes every ArmoniK rule is built from: inserting rows,
// changing a status or an owner, completing or aborting a result, queueing a ready task. Each
// primitive emits exactly the event Core's database watchers would (reference §11.10), and only
// builds the event object when someone listens.

import { isFinalTaskStatus, newTaskEvent, type ArmoniKEvent, type TaskOptions, type TaskStatus } from '../../armonik/model';
import { BEHAVIOUR_OPTION_KEY, defaultBehaviour, parseBehaviourJson, type Behaviour, BehaviourError } from './behaviour';
import { DependencyIndex } from './dependency-index';
import { SeededRandom } from './random';
import { OptionsInterner } from './task-options';
import { TimerHeap } from './timer-heap';
import {
  SimError,
  type EngineListener,
  type EngineOptions,
  type PartitionRecord,
  type ResultRecord,
  type SessionRecord,
  type TaskRecord,
} from './types';
import { VirtualClock } from './virtual-clock';

export const JOB_POLL = 0;
export const JOB_START = 1;
export const JOB_FINISH = 2;
export const JOB_STOP = 3;
export const JOB_CALLBACK = 4;

/** A unit of scheduled work. Pod jobs carry the pod's token at scheduling time: when the pod
 * drops its task (pause, cancel, crash) the token changes and the stale job does nothing. */
export interface Job {
  kind: number;
  pod: Pod | undefined;
  token: number;
  run: (() => void) | undefined;
}

/** What the running attempt will do, decided when it starts processing. */
export type AttemptVerdict = 'success' | 'error' | 'infra' | 'timeout' | 'hang';

export interface Pod {
  readonly name: string;
  readonly ip: string;
  readonly partition: PartitionRuntime;
  task: TaskRecord | undefined;
  token: number;
  alive: boolean;
  polling: boolean;
  verdict: AttemptVerdict;
  behaviour: Behaviour | undefined;
  /** When the worker returned, before post-processing (virtual ms; 0 when not running). */
  processedAt: number;
}

export interface PartitionRuntime {
  readonly record: PartitionRecord;
  readonly pods: Pod[];
  /** Queue messages ordered by priority (highest first), then by push order. */
  readonly queue: TimerHeap<TaskRecord>;
  readonly replicaHash: string;
}

export interface SessionRuntime {
  readonly record: SessionRecord;
  readonly tasks: TaskRecord[];
  readonly results: ResultRecord[];
  /** Tasks not in a final status, for session-wide transitions (pause, cancel). */
  readonly active: Set<TaskRecord>;
  /** `parent_task_ids` of client-submitted tasks: `[session_id]`, shared by all of them. */
  readonly rootParents: string[];
}

export const EMPTY_IDS: string[] = Object.freeze([]) as unknown as string[];

export class EngineState {
  readonly clock: VirtualClock<Job>;
  readonly ids: SeededRandom;
  readonly timing: SeededRandom;
  readonly podRandom: SeededRandom;
  readonly tasks = new Map<string, TaskRecord>();
  readonly results = new Map<string, ResultRecord>();
  readonly sessions = new Map<string, SessionRuntime>();
  readonly partitions = new Map<string, PartitionRuntime>();
  /** Bytes given by clients or by behaviours; other completed results have synthesized data. */
  readonly data = new Map<string, Uint8Array>();
  readonly deps = new DependencyIndex();
  readonly podOfTask = new Map<TaskRecord, Pod>();
  /** PROCESSING tasks whose pod died; the next agent dequeuing them handles the crash. */
  readonly crashed = new Map<TaskRecord, string>();
  readonly interner = new OptionsInterner();
  readonly listeners: EngineListener[] = [];
  transitions = 0;
  /** Changes made from outside (RPCs, scenario actions, seeding), whether or not a task moved. */
  mutations = 0;
  /** Set by the executor: a partition has new queue messages. */
  wakePartition: (partition: PartitionRuntime) => void = () => undefined;
  private readonly behaviours = new WeakMap<object, Behaviour>();

  constructor(
    readonly options: EngineOptions,
    runJob: (job: Job) => void,
  ) {
    const start = options.startTime ?? Date.now();
    this.clock = new VirtualClock<Job>(options.clock, start, runJob, (error) => {
      console.error('[simulator] internal error while running scheduled work:', error);
    });
    this.ids = SeededRandom.derive(options.seed, 'ids');
    this.timing = SeededRandom.derive(options.seed, 'timing');
    this.podRandom = SeededRandom.derive(options.seed, 'pods');
  }

  now(): number {
    return this.clock.now();
  }

  schedule(delayMs: number, kind: number, pod: Pod | undefined, run?: () => void): void {
    const job: Job = { kind, pod, token: pod ? pod.token : 0, run };
    this.clock.schedule(this.clock.now() + Math.max(0, Math.round(delayMs)), job);
  }

  newId(): string {
    return this.ids.uuid();
  }

  session(sessionId: string): SessionRuntime {
    const s = this.sessions.get(sessionId);
    if (!s) throw new SimError('not-found', `Session ${sessionId} not found`);
    return s;
  }

  get listening(): boolean {
    return this.listeners.length > 0;
  }

  emit(event: ArmoniKEvent): void {
    for (const listener of this.listeners.slice()) {
      try {
        listener(event);
      } catch (error) {
        console.error('[simulator] event listener failed:', error);
      }
    }
  }

  // --- rows

  insertTask(session: SessionRuntime, task: TaskRecord): void {
    this.tasks.set(task.id, task);
    session.tasks.push(task);
    if (!isFinalTaskStatus(task.status)) session.active.add(task);
    if (this.listening) this.emit(newTaskEvent(task));
  }

  insertResult(session: SessionRuntime, result: ResultRecord): void {
    this.results.set(result.resultId, result);
    session.results.push(result);
    if (this.listening) {
      this.emit({ kind: 'newResult', sessionId: result.sessionId, resultId: result.resultId, ownerId: result.ownerTaskId, status: result.status });
    }
  }

  setTaskStatus(task: TaskRecord, status: TaskStatus): void {
    task.status = status;
    this.transitions++;
    if (isFinalTaskStatus(status)) {
      this.sessions.get(task.sessionId)?.active.delete(task);
      this.deps.forgetTask(task);
    }
    if (this.listening) this.emit({ kind: 'taskStatusUpdate', sessionId: task.sessionId, taskId: task.id, status });
  }

  setResultOwner(result: ResultRecord, ownerTaskId: string): void {
    result.ownerTaskId = ownerTaskId;
    if (this.listening) {
      // Core's watchers always send an empty previous owner (reference §11.5).
      this.emit({ kind: 'resultOwnerUpdate', sessionId: result.sessionId, resultId: result.resultId, previousOwnerId: '', currentOwnerId: ownerTaskId });
    }
  }

  completeResult(result: ResultRecord, size: number, opaqueId: string): void {
    result.status = 'COMPLETED';
    result.completedAt = this.now();
    result.size = size;
    result.opaqueId = opaqueId;
    if (this.listening) this.emit({ kind: 'resultStatusUpdate', sessionId: result.sessionId, resultId: result.resultId, status: 'COMPLETED' });
  }

  /** `withCompletionDate`: the task path sets completed_at, session cancellation does not. */
  abortResult(result: ResultRecord, withCompletionDate: boolean): void {
    result.status = 'ABORTED';
    if (withCompletionDate) result.completedAt = this.now();
    if (this.listening) this.emit({ kind: 'resultStatusUpdate', sessionId: result.sessionId, resultId: result.resultId, status: 'ABORTED' });
  }

  markResultDeleted(result: ResultRecord): void {
    result.opaqueId = '';
    this.data.delete(result.resultId);
    if (result.status === 'DELETED') return;
    result.status = 'DELETED';
    if (this.listening) this.emit({ kind: 'resultStatusUpdate', sessionId: result.sessionId, resultId: result.resultId, status: 'DELETED' });
  }

  // --- readiness

  /** Completion of results: every dependent left with nothing missing is queued (§11.3). */
  resolveDependents(resultIds: Iterable<string>): void {
    for (const id of resultIds) {
      for (const task of this.deps.resolve(id)) {
        if (task.status === 'PENDING') this.makeReady(task);
      }
    }
  }

  /** All inputs are there: SUBMITTED and queued, or PAUSED in a paused session (§11.2). */
  makeReady(task: TaskRecord): void {
    const session = this.sessions.get(task.sessionId);
    task.submittedAt = this.now();
    if (session && session.record.status === 'PAUSED') {
      this.setTaskStatus(task, 'PAUSED');
      return;
    }
    this.setTaskStatus(task, 'SUBMITTED');
    this.pushMessage(task);
  }

  pushMessage(task: TaskRecord): void {
    const partition = this.partitions.get(task.options.partitionId);
    // A session can only use existing partitions, so this holds unless the partition was
    // never added; then the task simply stays queued, as on a cluster without that queue.
    if (!partition) return;
    partition.queue.push(-task.options.priority, task);
    this.wakePartition(partition);
  }

  // --- behaviours

  behaviourOf(options: Readonly<TaskOptions>): Behaviour {
    const cached = this.behaviours.get(options);
    if (cached) return cached;
    const json = options.options[BEHAVIOUR_OPTION_KEY];
    const behaviour = json === undefined ? defaultBehaviour() : parseBehaviourJson(json);
    this.behaviours.set(options, behaviour);
    return behaviour;
  }

  /** Parses the behaviour of submitted options, turning mistakes into a client error. */
  checkBehaviour(options: Readonly<TaskOptions>): void {
    try {
      this.behaviourOf(options);
    } catch (error) {
      if (error instanceof BehaviourError) {
        throw new SimError('invalid-argument', `task_options.options["${BEHAVIOUR_OPTION_KEY}"] is not a valid simulator behaviour: ${error.message}`);
      }
      throw error;
    }
  }
}

/** Data a simulated worker writes when its behaviour gives no text: a few bytes naming the
 * task, so a client's hello-world downloads something meaningful. */
export function synthesizedOutput(result: ResultRecord): string {
  return `ArmoniK simulator: output of task ${result.ownerTaskId}\n`;
}

export function newResultRecord(
  sessionId: string,
  resultId: string,
  name: string,
  ownerTaskId: string,
  createdBy: string,
  createdAt: number,
  manualDeletion: boolean,
): ResultRecord {
  return {
    resultId,
    sessionId,
    name,
    ownerTaskId,
    status: 'CREATED',
    createdAt,
    completedAt: undefined,
    size: 0,
    createdBy,
    opaqueId: '',
    manualDeletion,
  };
}

export interface NewTaskFields {
  id: string;
  sessionId: string;
  initialTaskId: string;
  parentTaskIds: string[];
  dataDependencies: string[];
  expectedOutputIds: string[];
  retryOfIds: string[];
  options: Readonly<TaskOptions>;
  payloadId: string;
  createdBy: string;
  createdAt: number;
  outputSuccess: boolean;
}

/** Every task row is built here, with its fields always in the same order, so V8 gives all of
 * them one compact shape. */
export function newTaskRecord(f: NewTaskFields): TaskRecord {
  return {
    id: f.id,
    sessionId: f.sessionId,
    ownerPodId: '',
    initialTaskId: f.initialTaskId,
    parentTaskIds: f.parentTaskIds,
    dataDependencies: f.dataDependencies,
    expectedOutputIds: f.expectedOutputIds,
    retryOfIds: f.retryOfIds,
    status: 'CREATING',
    options: f.options,
    createdAt: f.createdAt,
    submittedAt: undefined,
    receivedAt: undefined,
    acquiredAt: undefined,
    fetchedAt: undefined,
    startedAt: undefined,
    processedAt: undefined,
    endedAt: undefined,
    podTtl: undefined,
    payloadId: f.payloadId,
    createdBy: f.createdBy,
    outputSuccess: f.outputSuccess,
    outputError: '',
    podHostname: '',
  };
}

export function newSessionRecord(sessionId: string, partitionIds: string[], options: Readonly<TaskOptions>, createdAt: number): SessionRecord {
  return {
    sessionId,
    status: 'RUNNING',
    clientSubmission: true,
    workerSubmission: true,
    partitionIds,
    options,
    createdAt,
    cancelledAt: undefined,
    closedAt: undefined,
    purgedAt: undefined,
    deletedAt: undefined,
    durationMs: undefined,
  };
}
