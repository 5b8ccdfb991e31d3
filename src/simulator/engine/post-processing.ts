// What the agent commits after a worker returned success, in Core's order (reference §11.5):
//  1. insert the results the worker created (CREATED, created_by = parent);
//  2. complete the results it produced (its own outputs, the payloads it wrote for subtasks);
//  3. insert the subtasks as CREATING (created_by = parent, parent_task_ids = parent's + parent);
//  4. give ownerless new results to the subtask listing them as outputs;
//  5. transfer the parent's outputs listed by a subtask to that subtask;
//  6. subtasks to PENDING, the ready ones to SUBMITTED;
//  7. resolve dependents of the completed results;
//  8. the parent becomes COMPLETED.
// Nothing of this exists before: subtasks are buffered while the parent runs, and dropped if it
// fails. An "orphan" behaviour skips outputs without delegating them; Core only logs that, and
// the output stays CREATED forever, owned by a COMPLETED task.

import type { TaskOptions } from '../../armonik/model';
import { BEHAVIOUR_OPTION_KEY, type Behaviour, type SpawnSpec } from './behaviour';
import { newResultRecord, synthesizedOutput, type EngineState, type SessionRuntime } from './engine-state';
import { abortTask } from './failures';
import { insertTasks, finalizeTaskCreation, type TaskSpec } from './task-creation';
import { mergeTaskOptions } from './task-options';
import { MAX_PRIORITY } from './submission-checks';
import type { ResultRecord, TaskRecord } from './types';

const encoder = new TextEncoder();
const encodedOutputs = new WeakMap<Behaviour, Uint8Array>();

export function commitSuccess(state: EngineState, task: TaskRecord, behaviour: Behaviour): void {
  const session = state.sessions.get(task.sessionId);
  if (!session) return;
  const spawn = behaviour.spawn;
  let subtaskSpecs: Array<Omit<TaskSpec, 'payloadId'> & { name: string }> = [];
  const localIds = new Map<string, string>();
  if (spawn) {
    const planned = planSubtasks(state, session, task, spawn);
    if (typeof planned === 'string') {
      // The worker's Agent.SubmitTasks call failed: the worker reports the RPC error.
      abortTask(state, task, 'ERROR', planned);
      return;
    }
    subtaskSpecs = planned;
  }

  const delegated = new Set<string>();
  for (const spec of subtaskSpecs) for (const id of spec.expectedOutputIds) if (task.expectedOutputIds.includes(id)) delegated.add(id);
  const orphaned = new Set<string>();
  if (behaviour.outcome.kind === 'orphan') {
    const indexes = behaviour.outcome.outputs;
    task.expectedOutputIds.forEach((id, i) => {
      if (!delegated.has(id) && (indexes === undefined || indexes.includes(i))) orphaned.add(id);
    });
  }

  const now = state.now();
  // 1. new results: the ones declared by the spawn, then one payload per subtask.
  const created: ResultRecord[] = [];
  if (spawn) {
    for (const name of spawn.results) {
      const id = state.newId();
      localIds.set(name, id);
      const result = newResultRecord(task.sessionId, id, name, '', task.id, now, false);
      state.insertResult(session, result);
      created.push(result);
    }
  }
  const payloads: ResultRecord[] = [];
  for (const spec of subtaskSpecs) {
    // Results a worker creates with data belong to the task that created them, as client
    // CreateResults gives them to the session (inferred from Core's agent; not confirmed).
    const payload = newResultRecord(task.sessionId, state.newId(), `${spec.name}-payload`, task.id, task.id, now, false);
    state.insertResult(session, payload);
    payloads.push(payload);
  }

  // 2. produced results.
  const completed: string[] = [];
  for (const payload of payloads) {
    state.completeResult(payload, byteLength(synthesizedOutput(payload)), payload.resultId);
    completed.push(payload.resultId);
  }
  const custom = behaviour.output === undefined ? undefined : encodedOutput(behaviour);
  for (const id of task.expectedOutputIds) {
    if (delegated.has(id) || orphaned.has(id)) continue;
    const result = state.results.get(id);
    if (!result || result.status !== 'CREATED' || result.ownerTaskId !== task.id) continue;
    if (custom) state.data.set(id, custom);
    state.completeResult(result, custom ? custom.byteLength : byteLength(synthesizedOutput(result)), id);
    completed.push(id);
  }

  // 3–6. subtasks.
  if (subtaskSpecs.length > 0) {
    const specs: TaskSpec[] = subtaskSpecs.map((spec, i) => ({
      payloadId: payloads[i]!.resultId,
      dataDependencies: spec.dataDependencies.map((ref) => localIds.get(ref) ?? ref),
      expectedOutputIds: spec.expectedOutputIds.map((ref) => localIds.get(ref) ?? ref),
      options: spec.options,
    }));
    const subtasks = insertTasks(state, session, task, specs);
    finalizeTaskCreation(state, task, subtasks);
  }

  // 7. dependents of what was completed.
  state.resolveDependents(completed);

  // 8. the parent.
  task.endedAt = state.now();
  task.outputSuccess = true;
  task.outputError = '';
  state.setTaskStatus(task, 'COMPLETED');
}

/** Resolves local names and checks what Core's Agent.SubmitTasks would check. Returns the
 * worker's error text when the submission would be refused. */
function planSubtasks(
  state: EngineState,
  session: SessionRuntime,
  task: TaskRecord,
  spawn: SpawnSpec,
): Array<Omit<TaskSpec, 'payloadId'> & { name: string }> | string {
  const sessionRecord = session.record;
  if (!sessionRecord.workerSubmission) return rpcError('FailedPrecondition', 'Worker submission is closed');
  const resolve = (ref: string): string | undefined => {
    const m = /^\$(output|input):(\d+)$/.exec(ref);
    if (!m) return ref; // a local name, mapped to its new result ID at insertion
    const list = m[1] === 'output' ? task.expectedOutputIds : task.dataDependencies;
    return list[Number(m[2])];
  };
  const out: Array<Omit<TaskSpec, 'payloadId'> & { name: string }> = [];
  for (const child of spawn.tasks) {
    const outputs: string[] = [];
    for (const ref of child.outputs) {
      if (ref === '$output') {
        outputs.push(...task.expectedOutputIds);
        continue;
      }
      const id = resolve(ref);
      if (id === undefined) return indexError(ref, task);
      outputs.push(id);
    }
    const inputs: string[] = [];
    for (const ref of child.inputs) {
      const id = resolve(ref);
      if (id === undefined) return indexError(ref, task);
      inputs.push(id);
    }
    const options = childOptions(state, task.options, child.behaviourJson, child.options);
    if (!sessionRecord.partitionIds.includes(options.partitionId)) {
      return rpcError(
        'Unknown',
        `The session ${sessionRecord.sessionId} is assigned to the partitions [${sessionRecord.partitionIds.join(', ')}], but TaskRequest is assigned to partition ${options.partitionId}`,
      );
    }
    if (options.priority >= MAX_PRIORITY) return rpcError('InvalidArgument', `Max priority is ${MAX_PRIORITY}`);
    out.push({ name: child.name, dataDependencies: inputs, expectedOutputIds: outputs, options });
  }
  return out;
}

/** A subtask starts from its parent's options (HTC-Mock-like workers pass them on), with its own
 * behaviour instead of the parent's and the overrides its spawn entry gives. */
function childOptions(
  state: EngineState,
  parent: Readonly<TaskOptions>,
  behaviourJson: string | undefined,
  overrides: Parameters<typeof mergeTaskOptions>[1],
): Readonly<TaskOptions> {
  const map: Record<string, string> = { ...parent.options };
  delete map[BEHAVIOUR_OPTION_KEY];
  if (behaviourJson !== undefined) map[BEHAVIOUR_OPTION_KEY] = behaviourJson;
  let options: TaskOptions = { ...parent, options: map };
  if (overrides) options = mergeTaskOptions(options, { ...overrides, priority: overrides.priority ?? parent.priority });
  return state.interner.intern(options);
}

function rpcError(code: string, detail: string): string {
  return `Grpc.Core.RpcException: Status(StatusCode="${code}", Detail="${detail}")\n   at ArmoniK.Worker.Sdk.TaskHandler.SubmitTasksAsync(IEnumerable\`1 tasks, TaskOptions taskOptions)`;
}

function indexError(ref: string, task: TaskRecord): string {
  return `System.ArgumentOutOfRangeException: "${ref}" does not exist: task ${task.id} has ${task.expectedOutputIds.length} expected output(s) and ${task.dataDependencies.length} data dependency(ies)`;
}

function encodedOutput(behaviour: Behaviour): Uint8Array {
  let bytes = encodedOutputs.get(behaviour);
  if (!bytes) {
    bytes = encoder.encode(behaviour.output ?? '');
    encodedOutputs.set(behaviour, bytes);
  }
  return bytes;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
