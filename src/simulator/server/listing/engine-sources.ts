// The engine's records as listing sources: Map lookups by ID and per-session iteration are what
// make the OR-of-IDs and session-equality fast paths possible.

import type { PartitionRecord, ReadableState, ResultRecord, SessionRecord, TaskRecord } from '../../engine/types';
import type { RowSource } from './lister';

export function taskSource(state: ReadableState): RowSource<TaskRecord> {
  return { all: () => state.tasks(), byId: (id) => state.task(id), bySession: (sessionId) => state.tasks(sessionId) };
}

export function resultSource(state: ReadableState): RowSource<ResultRecord> {
  return { all: () => state.results(), byId: (id) => state.result(id), bySession: (sessionId) => state.results(sessionId) };
}

export function sessionSource(state: ReadableState): RowSource<SessionRecord> {
  return { all: () => state.sessions(), byId: (id) => state.session(id) };
}

export function partitionSource(state: ReadableState): RowSource<PartitionRecord> {
  return { all: () => state.partitions(), byId: (id) => state.partition(id) };
}
