// Shared helpers of the fidelity audit (fidelity-*.test.ts): each test drives a manual-clock
// simulator through the wire API, as an ArmoniK client would, and reads back what such a client
// sees. The engine is only touched to move virtual time, to change worker counts, and to wait
// for a status without polling over gRPC at every virtual millisecond.

import type { TaskStatus } from '../../../src/armonik/model';
import { timestampToMs } from '../../../src/armonik/wire/time-codec';
import type {
  WireEventSubscriptionResponse,
  WireResultRaw,
  WireSessionRaw,
  WireTaskDetailed,
  WireTaskOptionsInput,
  WireTimestamp,
} from '../../../src/armonik/wire/types';
import type { PartitionRecord } from '../../../src/simulator/engine/types';
import { rpc, type RawClients } from './grpc-test-client';
import { SESSION_OPTIONS, type TestSimulator } from './simulator-fixture';

/** Session options whose every task runs `behaviour` (JSON of options["sim.behaviour"]). */
export function withBehaviour(behaviour: object, base: WireTaskOptionsInput = SESSION_OPTIONS): WireTaskOptionsInput {
  return { ...base, options: { ...base.options, 'sim.behaviour': JSON.stringify(behaviour) } };
}

export async function getTask(c: RawClients, taskId: string): Promise<WireTaskDetailed> {
  return (await rpc(c.tasks, 'GetTask', { taskId })).task!;
}

export async function getResult(c: RawClients, resultId: string): Promise<WireResultRaw> {
  return (await rpc(c.results, 'GetResult', { resultId })).result!;
}

export async function getSession(c: RawClients, sessionId: string): Promise<WireSessionRaw> {
  return (await rpc(c.sessions, 'GetSession', { sessionId })).session!;
}

/** Epoch ms of a wire timestamp; undefined when absent (Core never sends epoch zero for unset). */
export function ms(ts: WireTimestamp | null | undefined): number | undefined {
  return timestampToMs(ts);
}

/** Advances virtual time one millisecond at a time until the task has `status` (or fails). */
export function advanceUntilStatus(t: TestSimulator, taskId: string, status: TaskStatus, maxMs = 120_000): void {
  const engine = t.sim.engine;
  for (let spent = 0; spent <= maxMs; spent++) {
    if (engine.task(taskId)?.status === status) return;
    engine.advance(1);
  }
  throw new Error(`task ${taskId} did not reach ${status} within ${maxMs} virtual ms (it is ${engine.task(taskId)?.status})`);
}

export function addPartition(t: TestSimulator, id: string, workers: number): void {
  const partition: Omit<PartitionRecord, 'workers'> & { workers: number } = {
    id,
    parentPartitionIds: [],
    podReserved: 0,
    podMax: 4,
    podConfiguration: {},
    preemptionPercentage: 0,
    priority: 1,
    workers,
  };
  t.sim.engine.addPartition(partition);
}

/** The update kind of an event message, for compact assertions. */
export function eventKind(e: WireEventSubscriptionResponse): string {
  return e.update ?? 'none';
}

/** One line per event: `newTask <id> CREATING`, `resultOwnerUpdate <result> '' -> <task>`… */
export function describeEvent(e: WireEventSubscriptionResponse): string {
  if (e.newTask) return `newTask ${e.newTask.taskId} ${e.newTask.status.replace('TASK_STATUS_', '')}`;
  if (e.taskStatusUpdate) return `taskStatusUpdate ${e.taskStatusUpdate.taskId} ${e.taskStatusUpdate.status.replace('TASK_STATUS_', '')}`;
  if (e.newResult) return `newResult ${e.newResult.resultId} ${e.newResult.status.replace('RESULT_STATUS_', '')} owner=${e.newResult.ownerId}`;
  if (e.resultStatusUpdate) return `resultStatusUpdate ${e.resultStatusUpdate.resultId} ${e.resultStatusUpdate.status.replace('RESULT_STATUS_', '')}`;
  if (e.resultOwnerUpdate) {
    return `resultOwnerUpdate ${e.resultOwnerUpdate.resultId} '${e.resultOwnerUpdate.previousOwnerId}' -> ${e.resultOwnerUpdate.currentOwnerId}`;
  }
  return 'unknown';
}
