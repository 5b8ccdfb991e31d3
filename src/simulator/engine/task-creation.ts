// Task creation as Core does it for client submissions, worker subtasks and retries alike
// (reference §11.4, §11.5; Core's TaskLifeCycleHelper.CreateTasks / FinalizeTaskCreation):
// insert the rows as CREATING, give ownerless expected outputs to the task listing them, move
// the parent's outputs listed by a subtask to that subtask, then every new task to PENDING and
// the ready ones on to SUBMITTED (or PAUSED in a paused session).

import type { TaskOptions } from '../../armonik/model';
import { EMPTY_IDS, newTaskRecord, type EngineState, type SessionRuntime } from './engine-state';
import type { TaskRecord } from './types';

export interface TaskSpec {
  payloadId: string;
  dataDependencies: string[];
  expectedOutputIds: string[];
  options: Readonly<TaskOptions>;
}

/** Inserts the tasks as CREATING and sets the owner of their ownerless expected outputs.
 * `parent` is undefined for client submissions. */
export function insertTasks(state: EngineState, session: SessionRuntime, parent: TaskRecord | undefined, specs: readonly TaskSpec[]): TaskRecord[] {
  const now = state.now();
  const parentTaskIds = parent ? [...parent.parentTaskIds, parent.id] : session.rootParents;
  const createdBy = parent ? parent.id : '';
  const tasks: TaskRecord[] = [];
  for (const spec of specs) {
    const id = state.newId();
    const task = newTaskRecord({
      id,
      sessionId: session.record.sessionId,
      initialTaskId: id,
      parentTaskIds,
      dataDependencies: spec.dataDependencies,
      expectedOutputIds: spec.expectedOutputIds,
      retryOfIds: EMPTY_IDS,
      options: spec.options,
      payloadId: spec.payloadId,
      createdBy,
      createdAt: now,
      outputSuccess: true,
    });
    state.insertTask(session, task);
    tasks.push(task);
  }
  // Core collects the ownerless outputs first, then lets the last task listing one win.
  const newOwners = new Map<string, string>();
  for (const task of tasks) {
    for (const outputId of task.expectedOutputIds) {
      const result = state.results.get(outputId);
      if (result && result.ownerTaskId === '') newOwners.set(outputId, task.id);
    }
  }
  for (const [resultId, taskId] of newOwners) state.setResultOwner(state.results.get(resultId)!, taskId);
  return tasks;
}

/** Ownership transfer from the parent, PENDING, then readiness. */
export function finalizeTaskCreation(state: EngineState, parent: TaskRecord | undefined, tasks: readonly TaskRecord[]): void {
  if (parent) {
    const parentOutputs = new Set(parent.expectedOutputIds);
    for (const task of tasks) {
      for (const outputId of task.expectedOutputIds) {
        if (!parentOutputs.has(outputId)) continue;
        const result = state.results.get(outputId);
        // Only while the parent still owns it (Core's ChangeResultOwnership filter).
        if (result && result.ownerTaskId === parent.id) state.setResultOwner(result, task.id);
      }
    }
  }
  const ready: TaskRecord[] = [];
  for (const task of tasks) {
    const missing = missingInputs(state, task);
    if (missing.length === 0) ready.push(task);
    else state.deps.register(task, missing);
  }
  for (const task of tasks) {
    if (task.status === 'CREATING') state.setTaskStatus(task, 'PENDING');
  }
  for (const task of ready) {
    if (task.status === 'PENDING') state.makeReady(task);
  }
}

/** Distinct data dependencies and payload that are not COMPLETED yet. */
export function missingInputs(state: EngineState, task: TaskRecord): string[] {
  const deps = task.dataDependencies;
  // Linear duplicate checks are cheapest for the usual handful of inputs; aggregators with
  // thousands of inputs get a set.
  const seen = deps.length > 32 ? new Set<string>() : undefined;
  const missing: string[] = [];
  const add = (id: string): void => {
    if (state.results.get(id)?.status === 'COMPLETED') return;
    if (seen ? seen.has(id) : missing.includes(id)) return;
    seen?.add(id);
    missing.push(id);
  };
  for (let i = 0; i < deps.length; i++) add(deps[i]!);
  if (task.payloadId) add(task.payloadId);
  return missing;
}
