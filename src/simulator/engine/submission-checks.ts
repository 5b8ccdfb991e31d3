// What Core checks before accepting tasks (reference §10, §11.3, §11.4; TaskLifeCycleHelper
// .ValidateSession). All checks run before anything is inserted, so a refused request leaves no
// trace (Core inserts and then deletes; nobody can tell the difference except a watcher).

import type { TaskOptions } from '../../armonik/model';
import type { SessionRuntime, EngineState } from './engine-state';
import { SimError } from './types';

/** Highest priority the queue accepts, exclusive (Core: `priority >= maxPriority` is refused).
 * With 100, every priority CreateSession accepts (1–99) is usable. */
export const MAX_PRIORITY = 100;

export function checkClientOptions(session: SessionRuntime, options: Readonly<TaskOptions>): void {
  const record = session.record;
  if (!record.partitionIds.includes(options.partitionId)) {
    // An InvalidOperationException in Core, which its interceptor maps to UNKNOWN (§10).
    throw new SimError(
      'unknown',
      `The session ${record.sessionId} is assigned to the partitions [${record.partitionIds.join(', ')}], but TaskRequest is assigned to partition ${options.partitionId}`,
    );
  }
  if (options.priority >= MAX_PRIORITY) throw new SimError('invalid-argument', `Max priority is ${MAX_PRIORITY}`);
  if (!record.clientSubmission) {
    throw new SimError('failed-precondition', `Client submission is closed for session ${record.sessionId} (status ${record.status})`);
  }
}

/** Since Core 0.40, inputs must exist (NOT_FOUND) and must not be ABORTED or DELETED
 * (FAILED_PRECONDITION). The simulator follows the newest Core here; 0.37 accepted such tasks
 * and left them PENDING forever. Results of another session count as unknown, as Core looks
 * them up within the session. */
export function checkInput(state: EngineState, sessionId: string, resultId: string, what: string): void {
  const result = state.results.get(resultId);
  if (!result || result.sessionId !== sessionId) throw new SimError('not-found', `${what} ${resultId} not found in session ${sessionId}`);
  if (result.status === 'ABORTED' || result.status === 'DELETED') {
    throw new SimError('failed-precondition', `${what} ${resultId} is ${result.status} and can never be completed`);
  }
}

/** What Core does with an unknown expected output is not confirmed (§11.12). Refusing it is the
 * safe choice: such a task could never deliver its result. */
export function checkOutput(state: EngineState, sessionId: string, resultId: string): void {
  const result = state.results.get(resultId);
  if (!result || result.sessionId !== sessionId) {
    throw new SimError('not-found', `Expected output ${resultId} not found in session ${sessionId}; create it first with CreateResultsMetaData`);
  }
}
