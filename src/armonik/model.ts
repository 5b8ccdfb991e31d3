// Domain model of ArmoniK objects as the rest of the product sees them: plain data,
// timestamps as Date, durations in milliseconds, enums as names without their wire prefix.
// The wire layer (src/armonik/wire) converts to and from protobuf shapes; nothing above it
// should ever see a protobuf object.

export const TASK_STATUSES = [
  'UNSPECIFIED',
  'CREATING',
  'SUBMITTED',
  'DISPATCHED',
  'COMPLETED',
  'ERROR',
  'TIMEOUT',
  'CANCELLING',
  'CANCELLED',
  'PROCESSING',
  'PROCESSED',
  'RETRIED',
  'PENDING',
  'PAUSED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const RESULT_STATUSES = ['UNSPECIFIED', 'CREATED', 'COMPLETED', 'ABORTED', 'DELETED', 'NOTFOUND'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const SESSION_STATUSES = ['UNSPECIFIED', 'RUNNING', 'CANCELLED', 'PAUSED', 'CLOSED', 'PURGED', 'DELETED'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const HEALTH_STATUSES = ['UNSPECIFIED', 'HEALTHY', 'DEGRADED', 'UNHEALTHY'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Core's list of final task statuses (reference §11.2). */
export const FINAL_TASK_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>([
  'COMPLETED',
  'CANCELLED',
  'ERROR',
  'RETRIED',
  'TIMEOUT',
]);

export function isFinalTaskStatus(status: TaskStatus): boolean {
  return FINAL_TASK_STATUSES.has(status);
}

export interface TaskOptions {
  /** Free-form key/value options (`TaskOptions.options`); simulator behaviours live here too. */
  options: Record<string, string>;
  maxDurationMs: number | undefined;
  maxRetries: number;
  priority: number;
  partitionId: string;
  applicationName: string;
  applicationVersion: string;
  applicationNamespace: string;
  applicationService: string;
  engineType: string;
}

export interface TaskOutput {
  success: boolean;
  error: string;
}

/** A task as `GetTask` / `ListTasksDetailed` describe it (wire `TaskDetailed`). */
export interface Task {
  id: string;
  sessionId: string;
  ownerPodId: string;
  initialTaskId: string;
  parentTaskIds: string[];
  dataDependencies: string[];
  expectedOutputIds: string[];
  retryOfIds: string[];
  status: TaskStatus;
  statusMessage: string;
  options: TaskOptions | undefined;
  createdAt: Date | undefined;
  submittedAt: Date | undefined;
  receivedAt: Date | undefined;
  acquiredAt: Date | undefined;
  fetchedAt: Date | undefined;
  startedAt: Date | undefined;
  processedAt: Date | undefined;
  endedAt: Date | undefined;
  podTtl: Date | undefined;
  creationToEndMs: number | undefined;
  processingToEndMs: number | undefined;
  receivedToEndMs: number | undefined;
  payloadId: string;
  createdBy: string;
  output: TaskOutput | undefined;
  podHostname: string;
}

/** A task as `ListTasks` describes it (wire `TaskSummary`): counts instead of lists. */
export interface TaskSummary {
  id: string;
  sessionId: string;
  ownerPodId: string;
  initialTaskId: string;
  countParentTaskIds: number;
  countDataDependencies: number;
  countExpectedOutputIds: number;
  countRetryOfIds: number;
  status: TaskStatus;
  statusMessage: string;
  options: TaskOptions | undefined;
  createdAt: Date | undefined;
  submittedAt: Date | undefined;
  receivedAt: Date | undefined;
  acquiredAt: Date | undefined;
  fetchedAt: Date | undefined;
  startedAt: Date | undefined;
  processedAt: Date | undefined;
  endedAt: Date | undefined;
  podTtl: Date | undefined;
  creationToEndMs: number | undefined;
  processingToEndMs: number | undefined;
  receivedToEndMs: number | undefined;
  payloadId: string;
  createdBy: string;
  error: string;
  podHostname: string;
}

/** Wire `ResultRaw`. */
export interface Result {
  resultId: string;
  sessionId: string;
  name: string;
  ownerTaskId: string;
  status: ResultStatus;
  createdAt: Date | undefined;
  completedAt: Date | undefined;
  size: number;
  createdBy: string;
  opaqueId: Uint8Array;
  manualDeletion: boolean;
}

/** Wire `SessionRaw`. */
export interface Session {
  sessionId: string;
  status: SessionStatus;
  clientSubmission: boolean;
  workerSubmission: boolean;
  partitionIds: string[];
  options: TaskOptions | undefined;
  createdAt: Date | undefined;
  cancelledAt: Date | undefined;
  closedAt: Date | undefined;
  purgedAt: Date | undefined;
  deletedAt: Date | undefined;
  durationMs: number | undefined;
}

/** Wire `PartitionRaw`. */
export interface Partition {
  id: string;
  parentPartitionIds: string[];
  podReserved: number;
  podMax: number;
  podConfiguration: Record<string, string>;
  preemptionPercentage: number;
  priority: number;
}

export interface Application {
  name: string;
  version: string;
  namespace: string;
  service: string;
}

export interface ServiceHealth {
  name: string;
  message: string;
  healthy: HealthStatus;
}

export interface Versions {
  core: string;
  api: string;
}

export interface User {
  username: string;
  roles: string[];
  permissions: string[];
}

export const EVENT_KINDS = [
  'newTask',
  'taskStatusUpdate',
  'newResult',
  'resultStatusUpdate',
  'resultOwnerUpdate',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One message of `Events.GetEvents`. Events are hints: they may repeat, be missed or arrive
 * out of order (reference §11.10); consumers reconcile with Get/List calls. */
export type ArmoniKEvent =
  | {
      kind: 'newTask';
      sessionId: string;
      taskId: string;
      payloadId: string;
      originTaskId: string;
      status: TaskStatus;
      expectedOutputKeys: string[];
      dataDependencies: string[];
      retryOfIds: string[];
      parentTaskIds: string[];
    }
  | { kind: 'taskStatusUpdate'; sessionId: string; taskId: string; status: TaskStatus }
  | { kind: 'newResult'; sessionId: string; resultId: string; ownerId: string; status: ResultStatus }
  | { kind: 'resultStatusUpdate'; sessionId: string; resultId: string; status: ResultStatus }
  | {
      kind: 'resultOwnerUpdate';
      sessionId: string;
      resultId: string;
      /** Always "" on a real control plane (reference §11.5); never rely on it. */
      previousOwnerId: string;
      currentOwnerId: string;
    };

/** The NewTask event Core sends for a task (a live creation or the replay of current state): its
 * origin is the initial task and its expected outputs are keys. It shares the task's arrays rather
 * than copying them per task: consumers read events, they do not keep or change them. */
export function newTaskEvent(
  task: Pick<Task, 'id' | 'sessionId' | 'payloadId' | 'initialTaskId' | 'status' | 'expectedOutputIds' | 'dataDependencies' | 'retryOfIds' | 'parentTaskIds'>,
): Extract<ArmoniKEvent, { kind: 'newTask' }> {
  return {
    kind: 'newTask',
    sessionId: task.sessionId,
    taskId: task.id,
    payloadId: task.payloadId,
    originTaskId: task.initialTaskId,
    status: task.status,
    expectedOutputKeys: task.expectedOutputIds,
    dataDependencies: task.dataDependencies,
    retryOfIds: task.retryOfIds,
    parentTaskIds: task.parentTaskIds,
  };
}

/** Retry IDs are `<initial task id>###<n>` (reference §11.1). */
export const RETRY_SEPARATOR = '###';
