// How ArmoniK encodes who made what (reference §11.1, §11.5, §11.6), in one place: a result's
// owner can be nobody, the client, or a task; a task's `createdBy` is either its parent (a
// subtask) or the failed attempt it replaces (a retry).

import type { ResultNode, TaskNode } from './types';

export type ResultOwner =
  /** `""`: metadata created but no task was ever submitted to produce it. */
  | { kind: 'none' }
  /** The session ID: the client provides the data itself (CreateResults / UploadResultData). */
  | { kind: 'client' }
  | { kind: 'task'; taskId: string };

export function resultOwner(result: Pick<ResultNode, 'ownerTaskId' | 'sessionId'>): ResultOwner {
  if (result.ownerTaskId === '') return { kind: 'none' };
  if (result.ownerTaskId === result.sessionId) return { kind: 'client' };
  return { kind: 'task', taskId: result.ownerTaskId };
}

/** The task that owns the result, if a task does (`resultOwner` without the allocation: this is
 * called for every result of every analysis). */
export function ownerTaskIdOf(result: Pick<ResultNode, 'ownerTaskId' | 'sessionId'>): string | undefined {
  const owner = result.ownerTaskId;
  return owner === '' || owner === result.sessionId ? undefined : owner;
}

/** The attempt this task retries, when it is a retry. */
export function previousAttemptId(task: Pick<TaskNode, 'retryOfIds'>): string | undefined {
  return task.retryOfIds.length > 0 ? task.retryOfIds[task.retryOfIds.length - 1] : undefined;
}

/** The task that created this one as a subtask. A retry's `createdBy` is the failed attempt, not
 * a parent (Core tells them apart the same way). */
export function parentTaskIdOf(task: Pick<TaskNode, 'createdBy' | 'retryOfIds'>): string | undefined {
  if (task.createdBy === '') return undefined;
  if (task.retryOfIds.includes(task.createdBy)) return undefined;
  return task.createdBy;
}

/** The inputs a task needs before it can run: its data dependencies plus its payload, which
 * Core counts as a dependency too (reference §11.1). */
export function taskInputIds(task: Pick<TaskNode, 'dataDependencies' | 'payloadId'>): string[] {
  if (task.payloadId === '' || task.dataDependencies.includes(task.payloadId)) return task.dataDependencies;
  return [...task.dataDependencies, task.payloadId];
}

/** Whether the parent handed at least one of its own expected outputs to the subtask. */
export function delegatesTo(parent: Pick<TaskNode, 'expectedOutputIds'>, child: Pick<TaskNode, 'expectedOutputIds'>): boolean {
  if (parent.expectedOutputIds.length === 0 || child.expectedOutputIds.length === 0) return false;
  const parentOutputs = new Set(parent.expectedOutputIds);
  return child.expectedOutputIds.some((id) => parentOutputs.has(id));
}
