// Bulk path for history: tasks that already ran, written directly in their final state with
// consistent timestamps, no events and nothing scheduled. The `large` scenario builds a million
// of them this way instead of simulating a million lifecycles.

import type { TaskOptions } from '../../armonik/model';
import { EMPTY_IDS, newResultRecord, newTaskRecord, synthesizedOutput, type EngineState } from './engine-state';
import { mergeTaskOptions } from './task-options';
import { SimError, type SeedTaskSpec, type TaskRecord } from './types';

/** Names of pods that ran history on a partition that has none now. */
const HISTORIC_PODS = 4;

export function seedTask(state: EngineState, sessionId: string, spec: SeedTaskSpec): TaskRecord {
  const session = state.session(sessionId);
  const options: Readonly<TaskOptions> =
    spec.options === undefined ? session.record.options : state.interner.intern(mergeTaskOptions(session.record.options, spec.options));
  const status = spec.status ?? 'COMPLETED';
  const createdAt = Math.round(spec.createdAt);
  const duration = Math.max(1, Math.round(spec.durationMs));
  const queued = Math.max(0, Math.round(spec.queueMs ?? 5));
  const submittedAt = createdAt + 2;
  const acquiredAt = submittedAt + queued + 3;
  const startedAt = acquiredAt + 6;
  const processedAt = startedAt + duration;
  const endedAt = processedAt + 5;

  let payloadId = spec.payloadId;
  if (payloadId === undefined) {
    const payload = newResultRecord(sessionId, state.newId(), spec.payloadName ?? '', sessionId, '', createdAt - 1, false);
    payload.status = 'COMPLETED';
    payload.completedAt = createdAt - 1;
    payload.opaqueId = payload.resultId;
    payload.size = synthesizedOutput(payload).length;
    state.results.set(payload.resultId, payload);
    session.results.push(payload);
    payloadId = payload.resultId;
  }
  for (const dep of spec.dataDependencies ?? EMPTY_IDS) {
    const input = state.results.get(dep);
    if (!input || input.sessionId !== sessionId) throw new SimError('not-found', `seedTask: data dependency ${dep} not found in session ${sessionId}`);
    if (status === 'COMPLETED' && input.status !== 'COMPLETED') {
      throw new SimError('failed-precondition', `seedTask: a COMPLETED task cannot depend on ${dep}, which is ${input.status}`);
    }
  }

  const id = state.newId();
  const outputIds: string[] = [];
  for (const name of spec.outputNames) {
    const result = newResultRecord(sessionId, state.newId(), name, id, '', createdAt - 1, false);
    if (status === 'COMPLETED') {
      result.status = 'COMPLETED';
      result.completedAt = endedAt;
      result.opaqueId = result.resultId;
      result.size = synthesizedOutput(result).length;
    } else {
      result.status = 'ABORTED';
      result.completedAt = endedAt;
    }
    state.results.set(result.resultId, result);
    session.results.push(result);
    outputIds.push(result.resultId);
  }

  const task = newTaskRecord({
    id,
    sessionId,
    initialTaskId: id,
    parentTaskIds: session.rootParents,
    dataDependencies: spec.dataDependencies && spec.dataDependencies.length > 0 ? spec.dataDependencies : EMPTY_IDS,
    expectedOutputIds: outputIds,
    retryOfIds: EMPTY_IDS,
    options,
    payloadId,
    createdBy: '',
    createdAt,
    outputSuccess: status === 'COMPLETED',
  });
  const partition = state.partitions.get(options.partitionId);
  const pods = partition?.pods ?? [];
  const podIndex = spec.podIndex ?? 0;
  if (pods.length > 0) {
    const pod = pods[podIndex % pods.length]!;
    task.ownerPodId = pod.ip;
    task.podHostname = pod.name;
  } else {
    const hash = partition?.replicaHash ?? 'historic';
    task.podHostname = `compute-plane-${options.partitionId}-${hash}-h${podIndex % HISTORIC_PODS}`;
    task.ownerPodId = `10.42.0.${10 + (podIndex % HISTORIC_PODS)}`;
  }
  task.status = status;
  task.submittedAt = submittedAt;
  task.receivedAt = acquiredAt - 1;
  task.acquiredAt = acquiredAt;
  task.fetchedAt = startedAt - 1;
  task.startedAt = startedAt;
  task.podTtl = startedAt;
  task.processedAt = processedAt;
  task.endedAt = endedAt;
  if (status !== 'COMPLETED') task.outputError = spec.error ?? 'Simulated historical failure';
  state.tasks.set(id, task);
  session.tasks.push(task);
  return task;
}
