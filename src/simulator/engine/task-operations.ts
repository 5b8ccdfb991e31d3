// Tasks service writes: SubmitTasks (reference §11.4) and CancelTasks (§11.7).

import { isFinalTaskStatus, type TaskOptions } from '../../armonik/model';
import type { EngineState } from './engine-state';
import { checkClientOptions, checkInput, checkOutput } from './submission-checks';
import { finalizeTaskCreation, insertTasks, type TaskSpec } from './task-creation';
import { mergeTaskOptions } from './task-options';
import { terminateTasksAndResults } from './termination';
import { SimError, type TaskCreationInput, type TaskOptionsInput, type TaskRecord } from './types';
import type { WorkerPods } from './worker-pods';

export function submitTasks(
  state: EngineState,
  sessionId: string,
  requestOptions: TaskOptionsInput | undefined,
  creations: TaskCreationInput[],
): TaskRecord[] {
  const session = state.session(sessionId);
  if (creations.length === 0) throw new SimError('invalid-argument', 'task_creations must not be empty');
  const requestLevel: Readonly<TaskOptions> =
    requestOptions === undefined ? session.record.options : state.interner.intern(mergeTaskOptions(session.record.options, requestOptions));

  const specs: TaskSpec[] = [];
  const checked = new Set<Readonly<TaskOptions>>();
  creations.forEach((creation, i) => {
    const where = creations.length > 1 ? `task_creations[${i}]: ` : '';
    const options = creation.options === undefined ? requestLevel : state.interner.intern(mergeTaskOptions(requestLevel, creation.options));
    try {
      if (!checked.has(options)) {
        checkClientOptions(session, options);
        state.checkBehaviour(options);
        checked.add(options);
      }
      if (!creation.payloadId) throw new SimError('invalid-argument', 'payload_id is required');
      checkInput(state, sessionId, creation.payloadId, 'Payload');
      for (const dep of creation.dataDependencies) checkInput(state, sessionId, dep, 'Data dependency');
      for (const out of creation.expectedOutputIds) checkOutput(state, sessionId, out);
    } catch (error) {
      if (error instanceof SimError && where) throw new SimError(error.code, where + error.message);
      throw error;
    }
    specs.push({
      payloadId: creation.payloadId,
      dataDependencies: creation.dataDependencies.slice(),
      expectedOutputIds: creation.expectedOutputIds.slice(),
      options,
    });
  });

  const tasks = insertTasks(state, session, undefined, specs);
  finalizeTaskCreation(state, undefined, tasks);
  return tasks;
}

/** Unknown IDs are left out of the answer, as Core's lookup after the update does. */
export function cancelTasks(state: EngineState, pods: WorkerPods, taskIds: string[]): TaskRecord[] {
  const found: TaskRecord[] = [];
  for (const id of new Set(taskIds)) {
    const task = state.tasks.get(id);
    if (task) found.push(task);
  }
  const cancelled: TaskRecord[] = [];
  const now = state.now();
  for (const task of found) {
    if (isFinalTaskStatus(task.status)) continue;
    const running = task.status === 'DISPATCHED' || task.status === 'PROCESSING';
    task.endedAt = now;
    state.setTaskStatus(task, 'CANCELLING');
    if (running) pods.stopRunning(task);
    cancelled.push(task);
  }
  // Queued tasks become CANCELLED when an agent dequeues them. A task that was CREATING or
  // PENDING has no queue message, so it stays CANCELLING, as the reference reads Core (§11.7).
  if (cancelled.length > 0) {
    terminateTasksAndResults(state, cancelled, [], `Client requested cancellation of tasks ${cancelled.map((t) => t.id).join(', ')}`);
  }
  return found;
}
