// Converts the client's domain objects into the plain, JSON-friendly trace nodes that cross to
// renderers. Kept separate from the graph so the conversion rules (what counts as a duration, an
// error, an attempt) live in one place.

import type { Result, Task } from '../armonik/model';
import type { ResultNode, TaskNode } from './types';

function epoch(date: Date | undefined): number | undefined {
  return date === undefined ? undefined : date.getTime();
}

export function taskNodeFromTask(task: Task): TaskNode {
  const startedAt = epoch(task.startedAt);
  const endedAt = epoch(task.endedAt);
  // Core fills processingToEnd only when the task ends; fall back to timestamps so that a task
  // recorded by an older Core (or a simulator that omits durations) still gets one.
  let durationMs = task.processingToEndMs;
  if (durationMs === undefined && startedAt !== undefined && endedAt !== undefined) durationMs = Math.max(0, endedAt - startedAt);
  const error = task.output?.error;
  return {
    kind: 'task',
    id: task.id,
    sessionId: task.sessionId,
    status: task.status,
    partitionId: task.options?.partitionId ?? '',
    podHostname: task.podHostname,
    initialTaskId: task.initialTaskId,
    createdBy: task.createdBy,
    // The arrays are the client's fresh copies: kept as they are, not copied again.
    parentTaskIds: task.parentTaskIds,
    retryOfIds: task.retryOfIds,
    attempt: task.retryOfIds.length + 1,
    maxRetries: task.options?.maxRetries ?? 0,
    maxDurationMs: task.options?.maxDurationMs,
    payloadId: task.payloadId,
    dataDependencies: task.dataDependencies,
    expectedOutputIds: task.expectedOutputIds,
    createdAt: epoch(task.createdAt),
    submittedAt: epoch(task.submittedAt),
    startedAt,
    endedAt,
    durationMs,
    // A fresh retry starts with success=false and an empty error (reference §11.1): only a
    // non-empty text is an error.
    error: error !== undefined && error !== '' ? error : undefined,
  };
}

export function resultNodeFromResult(result: Result): ResultNode {
  return {
    kind: 'result',
    id: result.resultId,
    sessionId: result.sessionId,
    name: result.name,
    status: result.status,
    ownerTaskId: result.ownerTaskId,
    createdBy: result.createdBy,
    size: result.size,
    createdAt: epoch(result.createdAt),
    completedAt: epoch(result.completedAt),
    missing: false,
  };
}

/** A result that some task references but the server does not know. */
export function missingResultNode(id: string, sessionId: string): ResultNode {
  return {
    kind: 'result',
    id,
    sessionId,
    name: '',
    status: 'NOTFOUND',
    ownerTaskId: '',
    createdBy: '',
    size: 0,
    createdAt: undefined,
    completedAt: undefined,
    missing: true,
  };
}

/** Whether two nodes differ in anything a renderer or the diagnosis would notice. */
export function sameNode(a: TaskNode | ResultNode, b: TaskNode | ResultNode): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
