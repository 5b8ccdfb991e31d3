// The Results service's writes (reference §11.3, §11.9) and data storage for downloads.

import { newResultRecord, synthesizedOutput, type EngineState, type SessionRuntime } from './engine-state';
import { SimError, type ResultRecord } from './types';

const encoder = new TextEncoder();

/** Result writes need a session that can still use them (not confirmed for Core, which does not
 * document a check; refusing is the safe side for CANCELLED, PURGED and DELETED sessions). */
function writableSession(state: EngineState, sessionId: string): SessionRuntime {
  const session = state.session(sessionId);
  const status = session.record.status;
  if (status === 'CANCELLED' || status === 'PURGED' || status === 'DELETED') {
    throw new SimError('failed-precondition', `Session ${sessionId} is ${status}: no new results can be created in it`);
  }
  return session;
}

export function createResultsMetadata(state: EngineState, sessionId: string, items: Array<{ name: string; manualDeletion: boolean }>): ResultRecord[] {
  const session = writableSession(state, sessionId);
  const now = state.now();
  return items.map((item) => {
    const result = newResultRecord(sessionId, state.newId(), item.name, '', '', now, item.manualDeletion);
    state.insertResult(session, result);
    return result;
  });
}

/** Client results with data are COMPLETED at once and owned by the session (§11.1). */
export function createResults(
  state: EngineState,
  sessionId: string,
  items: Array<{ name: string; data: Uint8Array; manualDeletion: boolean }>,
): ResultRecord[] {
  const session = writableSession(state, sessionId);
  const now = state.now();
  return items.map((item) => {
    const id = state.newId();
    const result = newResultRecord(sessionId, id, item.name, sessionId, '', now, item.manualDeletion);
    result.status = 'COMPLETED';
    result.completedAt = now;
    result.size = item.data.byteLength;
    result.opaqueId = state.newId();
    state.data.set(id, item.data.slice());
    state.insertResult(session, result);
    return result;
  });
}

export function uploadResultData(state: EngineState, sessionId: string, resultId: string, data: Uint8Array): ResultRecord {
  state.session(sessionId);
  const result = state.results.get(resultId);
  if (!result || result.sessionId !== sessionId) throw new SimError('not-found', `Result ${resultId} not found in session ${sessionId}`);
  if (result.status !== 'CREATED') {
    throw new SimError('failed-precondition', `Result ${resultId} is ${result.status}; only a CREATED result accepts data`);
  }
  state.data.set(resultId, data.slice());
  state.completeResult(result, data.byteLength, state.newId());
  state.resolveDependents([resultId]);
  return result;
}

export function deleteResultsData(state: EngineState, sessionId: string, resultIds: string[]): string[] {
  state.session(sessionId);
  const results = resultIds.map((id) => {
    const result = state.results.get(id);
    if (!result || result.sessionId !== sessionId) throw new SimError('not-found', `Result ${id} not found in session ${sessionId}`);
    return result;
  });
  for (const result of results) if (!result.manualDeletion) state.markResultDeleted(result);
  return resultIds;
}

export function resultData(state: EngineState, resultId: string): Uint8Array | undefined {
  const result = state.results.get(resultId);
  if (!result || result.status !== 'COMPLETED' || result.opaqueId === '') return undefined;
  return state.data.get(resultId) ?? encoder.encode(synthesizedOutput(result));
}
