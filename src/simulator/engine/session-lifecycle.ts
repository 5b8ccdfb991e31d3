// Session transitions (reference §11.8, Core's SessionTableExtensions / GrpcSessionsService).

import type { SessionStatus } from '../../armonik/model';
import { newSessionRecord, type EngineState, type SessionRuntime } from './engine-state';
import { completeTaskOptions, validateSessionDefaults } from './task-options';
import { SimError, type SessionRecord, type TaskOptionsInput } from './types';
import type { WorkerPods } from './worker-pods';

export function createSession(state: EngineState, defaults: TaskOptionsInput, partitionIds: string[], defaultPartitionId: string): SessionRecord {
  const options = completeTaskOptions(defaults);
  validateSessionDefaults(options);
  const partitions = partitionIds.length > 0 ? [...new Set(partitionIds)] : [defaultPartitionId];
  for (const id of partitions) {
    if (!state.partitions.has(id)) {
      const known = [...state.partitions.keys()];
      throw new SimError('not-found', `Partition ${JSON.stringify(id)} not found (known partitions: ${known.length > 0 ? known.join(', ') : 'none'})`);
    }
  }
  // Tasks that do not name a partition go to the session's first one (not confirmed for Core,
  // whose default partition setting plays this role; any other choice would make them fail).
  if (options.partitionId === '') options.partitionId = partitions[0]!;
  const sessionId = state.newId();
  const record = newSessionRecord(sessionId, partitions, state.interner.intern(options), state.now());
  const runtime: SessionRuntime = { record, tasks: [], results: [], active: new Set(), rootParents: [sessionId] };
  state.sessions.set(sessionId, runtime);
  return record;
}

function refuse(record: SessionRecord, action: string, allowed: SessionStatus[]): never {
  throw new SimError(
    'failed-precondition',
    `Cannot ${action} session ${record.sessionId}: it is ${record.status}, and ${action} is only allowed from ${allowed.join(' or ')}`,
  );
}

export function pauseSession(state: EngineState, pods: WorkerPods, sessionId: string): SessionRecord {
  const session = state.session(sessionId);
  const record = session.record;
  if (record.status !== 'RUNNING') refuse(record, 'pause', ['RUNNING']);
  record.status = 'PAUSED';
  for (const task of [...session.active]) {
    if (task.status === 'SUBMITTED' || task.status === 'DISPATCHED') {
      if (task.status === 'DISPATCHED') pods.releaseTask(task);
      state.setTaskStatus(task, 'PAUSED');
    }
  }
  return record;
}

export function resumeSession(state: EngineState, sessionId: string): SessionRecord {
  const session = state.session(sessionId);
  const record = session.record;
  if (record.status !== 'RUNNING' && record.status !== 'PAUSED') refuse(record, 'resume', ['RUNNING', 'PAUSED']);
  record.status = 'RUNNING';
  for (const task of [...session.active]) {
    if (task.status === 'PAUSED') {
      state.setTaskStatus(task, 'SUBMITTED');
      state.pushMessage(task);
    }
  }
  return record;
}

export function closeSession(state: EngineState, sessionId: string): SessionRecord {
  const record = state.session(sessionId).record;
  if (record.status !== 'RUNNING' && record.status !== 'PAUSED') refuse(record, 'close', ['RUNNING', 'PAUSED']);
  const now = state.now();
  record.status = 'CLOSED';
  record.clientSubmission = false;
  record.workerSubmission = false;
  record.closedAt = now;
  record.durationMs = now - (record.createdAt ?? now);
  return record;
}

export function cancelSession(state: EngineState, pods: WorkerPods, sessionId: string): SessionRecord {
  const session = state.session(sessionId);
  const record = session.record;
  if (record.status === 'CANCELLED' || record.status === 'PURGED' || record.status === 'DELETED') {
    refuse(record, 'cancel', ['RUNNING', 'PAUSED', 'CLOSED']);
  }
  const now = state.now();
  record.status = 'CANCELLED';
  record.clientSubmission = false;
  record.workerSubmission = false;
  record.cancelledAt = now;
  for (const result of session.results) {
    // Session cancellation aborts without a completion date (§11.3).
    if (result.status === 'CREATED') state.abortResult(result, false);
  }
  for (const task of [...session.active]) {
    const running = task.status === 'DISPATCHED' || task.status === 'PROCESSING';
    task.endedAt = now;
    state.setTaskStatus(task, 'CANCELLING');
    // Running tasks are stopped by their agent; queued ones become CANCELLED when dequeued;
    // tasks that never had a queue message (CREATING, PENDING, PAUSED) stay CANCELLING.
    if (running) pods.stopRunning(task);
  }
  return record;
}

export function purgeSession(state: EngineState, sessionId: string): SessionRecord {
  const session = state.session(sessionId);
  const record = session.record;
  if (record.status !== 'CLOSED' && record.status !== 'CANCELLED') refuse(record, 'purge', ['CLOSED', 'CANCELLED']);
  for (const result of session.results) {
    if (!result.manualDeletion) state.markResultDeleted(result);
  }
  record.status = 'PURGED';
  record.purgedAt = state.now();
  return record;
}

/** Physical removal; like Core it answers DELETED even for an unknown ID and emits no event. */
export function deleteSession(state: EngineState, pods: WorkerPods, sessionId: string): SessionRecord {
  const now = state.now();
  const session = state.sessions.get(sessionId);
  if (!session) {
    const ghost = newSessionRecord(sessionId, [], state.interner.intern(completeTaskOptions({})), now);
    ghost.createdAt = undefined;
    ghost.clientSubmission = false;
    ghost.workerSubmission = false;
    ghost.status = 'DELETED';
    ghost.deletedAt = now;
    return ghost;
  }
  for (const task of session.tasks) {
    if (state.podOfTask.has(task)) pods.releaseTask(task);
    state.crashed.delete(task);
    state.deps.forgetTask(task);
    state.tasks.delete(task.id);
  }
  for (const result of session.results) {
    state.deps.forgetResult(result.resultId);
    state.data.delete(result.resultId);
    state.results.delete(result.resultId);
  }
  state.sessions.delete(sessionId);
  const record = session.record;
  record.status = 'DELETED';
  record.clientSubmission = false;
  record.workerSubmission = false;
  record.deletedAt = now;
  return { ...record };
}

export function stopSubmission(state: EngineState, sessionId: string, client: boolean, worker: boolean): SessionRecord {
  const record = state.session(sessionId).record;
  if (client) record.clientSubmission = false;
  if (worker) record.workerSubmission = false;
  return record;
}
