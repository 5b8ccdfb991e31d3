// How a failed attempt ends (reference §11.6): a worker error or a timeout aborts the task and
// cascades downstream; an infrastructure failure is retried as `<initial>###<n>` while
// len(retry_of_ids) < max_retries, and aborts like an error once retries are exhausted.

import { newTaskRecord, type EngineState } from './engine-state';
import { finalizeTaskCreation } from './task-creation';
import { terminateTasksAndResults } from './termination';
import type { TaskRecord } from './types';
import { RETRY_SEPARATOR } from '../../armonik/model';

/** The worker returned an error output (no retry) or the call timed out. */
export function abortTask(state: EngineState, task: TaskRecord, status: 'ERROR' | 'TIMEOUT', message: string): void {
  const now = state.now();
  task.outputSuccess = false;
  task.outputError = message;
  task.endedAt = now;
  if (task.processedAt === undefined && task.startedAt !== undefined) task.processedAt = now;
  state.setTaskStatus(task, status);
  const verb = status === 'TIMEOUT' ? 'timed-out' : 'failed';
  terminateTasksAndResults(state, [task], [], `Task ${task.id} ${verb}:\n${message}`);
}

/** An exception or RPC failure between the agent and the worker, or a crashed agent. */
export function infrastructureFailure(state: EngineState, task: TaskRecord, message: string): void {
  if (task.retryOfIds.length >= task.options.maxRetries) {
    abortTask(state, task, 'ERROR', message);
    return;
  }
  const session = state.sessions.get(task.sessionId);
  if (!session) return;
  const now = state.now();

  // Steps 1–2 of Core's retry undo delegations and cancel unstarted subtasks. The simulator
  // commits subtasks and delegations only after a successful attempt, so a failed attempt
  // never has any; outputs still owned by it are simply handed to the retry below.
  task.outputSuccess = false;
  task.outputError = message;
  task.endedAt = now;
  if (task.processedAt === undefined && task.startedAt !== undefined) task.processedAt = now;
  state.setTaskStatus(task, 'RETRIED');

  const attempt = task.retryOfIds.length + 1;
  const retry = newTaskRecord({
    id: `${task.initialTaskId}${RETRY_SEPARATOR}${attempt}`,
    sessionId: task.sessionId,
    initialTaskId: task.initialTaskId,
    parentTaskIds: task.parentTaskIds,
    dataDependencies: task.dataDependencies,
    expectedOutputIds: task.expectedOutputIds,
    retryOfIds: task.retryOfIds.length === 0 ? [task.id] : [...task.retryOfIds, task.id],
    options: task.options,
    payloadId: task.payloadId,
    createdBy: task.id,
    createdAt: now,
    // A retry starts with success = false and an empty error (reference §11.1).
    outputSuccess: false,
  });
  state.insertTask(session, retry);
  for (const outputId of task.expectedOutputIds) {
    const result = state.results.get(outputId);
    if (result && result.ownerTaskId === task.id) state.setResultOwner(result, retry.id);
  }
  finalizeTaskCreation(state, undefined, [retry]);
}
