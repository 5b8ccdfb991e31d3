// Core's TerminateTasksAndResults (reference §11.6, ResultLifeCycleHelper): what happens
// downstream when tasks end without producing their outputs. Their CREATED outputs owned by them
// (or by nobody) become ABORTED; every task waiting on such a result while still CREATING or
// PENDING gets `status` with `reason` as its error; and so on recursively. Core passes the same
// reason down every level, so a task three levels up still reads "Task <root> failed: …",
// which points straight at the root cause.

import type { TaskStatus } from '../../armonik/model';
import type { EngineState } from './engine-state';
import type { TaskRecord } from './types';

/** Statuses Core looks for among the tasks to terminate. */
const SEEK: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['CREATING', 'PENDING', 'PAUSED', 'CANCELLED', 'CANCELLING', 'ERROR', 'TIMEOUT']);

export function terminateTasksAndResults(
  state: EngineState,
  rootTasks: Iterable<TaskRecord>,
  rootResultIds: Iterable<string>,
  reason: string,
  status: TaskStatus = 'ERROR',
): void {
  let tasks = new Set(rootTasks);
  let resultIds = new Set(rootResultIds);
  while (tasks.size > 0 || resultIds.size > 0) {
    const now = state.now();
    const taskIds = new Set<string>();
    for (const task of tasks) taskIds.add(task.id);
    for (const task of tasks) {
      if (!SEEK.has(task.status)) continue;
      if (task.status === 'CREATING' || task.status === 'PENDING') {
        task.outputSuccess = false;
        task.outputError = reason;
        task.endedAt = now;
        state.setTaskStatus(task, status);
      }
      for (const id of task.expectedOutputIds) resultIds.add(id);
    }
    const next = new Set<TaskRecord>();
    for (const id of resultIds) {
      const result = state.results.get(id);
      if (!result || result.status !== 'CREATED') continue;
      if (result.ownerTaskId !== '' && !taskIds.has(result.ownerTaskId)) continue;
      state.abortResult(result, true);
      // The reference (§11.6 step 3) cascades from every aborted result, ownerless ones included;
      // whether Core's loop skips the ownerless ones is not confirmed, and cascading is the safe
      // side: a dependent left PENDING on an ABORTED input would wait forever.
      for (const dependent of state.deps.dependentsOf(id)) next.add(dependent);
    }
    tasks = next;
    resultIds = new Set();
  }
}
