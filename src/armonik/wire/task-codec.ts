// Tasks between the wire (`TaskDetailed`, `TaskSummary`) and the model (`Task`, `TaskSummary`).
// The two wire messages use different field numbers for the same data (reference §5.2), which the
// protos handle; here only names differ (durations get an `Ms` suffix, `output` stays nested).
// The model → wire direction serves test servers and fakes that must answer like Core.

import type { Task, TaskSummary } from '../model';
import { taskStatusFromWire, taskStatusToWire } from './status-codec';
import { taskOptionsFromWire, taskOptionsToWire } from './task-options-codec';
import { dateToTimestamp, durationToMs, msToDuration, timestampToDate } from './time-codec';
import type { WireTaskDetailed, WireTaskSummary } from './types';

type TimelineKey = 'createdAt' | 'submittedAt' | 'receivedAt' | 'acquiredAt' | 'fetchedAt' | 'startedAt' | 'processedAt' | 'endedAt' | 'podTtl';
type TaskTimeline = Pick<Task, TimelineKey | 'creationToEndMs' | 'processingToEndMs' | 'receivedToEndMs'>;
type WireTaskTimeline = Pick<WireTaskDetailed, TimelineKey | 'creationToEndDuration' | 'processingToEndDuration' | 'receivedToEndDuration'>;

// TaskDetailed and TaskSummary carry the same lifecycle instants and durations (and Task and
// TaskSummary mirror them), so all four conversions share these two.
function timelineFromWire(wire: WireTaskTimeline): TaskTimeline {
  return {
    createdAt: timestampToDate(wire.createdAt),
    submittedAt: timestampToDate(wire.submittedAt),
    receivedAt: timestampToDate(wire.receivedAt),
    acquiredAt: timestampToDate(wire.acquiredAt),
    fetchedAt: timestampToDate(wire.fetchedAt),
    startedAt: timestampToDate(wire.startedAt),
    processedAt: timestampToDate(wire.processedAt),
    endedAt: timestampToDate(wire.endedAt),
    podTtl: timestampToDate(wire.podTtl),
    creationToEndMs: durationToMs(wire.creationToEndDuration),
    processingToEndMs: durationToMs(wire.processingToEndDuration),
    receivedToEndMs: durationToMs(wire.receivedToEndDuration),
  };
}

function timelineToWire(task: TaskTimeline): WireTaskTimeline {
  return {
    createdAt: dateToTimestamp(task.createdAt),
    submittedAt: dateToTimestamp(task.submittedAt),
    receivedAt: dateToTimestamp(task.receivedAt),
    acquiredAt: dateToTimestamp(task.acquiredAt),
    fetchedAt: dateToTimestamp(task.fetchedAt),
    startedAt: dateToTimestamp(task.startedAt),
    processedAt: dateToTimestamp(task.processedAt),
    endedAt: dateToTimestamp(task.endedAt),
    podTtl: dateToTimestamp(task.podTtl),
    creationToEndDuration: msToDuration(task.creationToEndMs),
    processingToEndDuration: msToDuration(task.processingToEndMs),
    receivedToEndDuration: msToDuration(task.receivedToEndMs),
  };
}

export function taskFromWire(wire: WireTaskDetailed): Task {
  return {
    id: wire.id,
    sessionId: wire.sessionId,
    ownerPodId: wire.ownerPodId,
    initialTaskId: wire.initialTaskId,
    parentTaskIds: [...wire.parentTaskIds],
    dataDependencies: [...wire.dataDependencies],
    expectedOutputIds: [...wire.expectedOutputIds],
    retryOfIds: [...wire.retryOfIds],
    status: taskStatusFromWire(wire.status),
    statusMessage: wire.statusMessage,
    options: taskOptionsFromWire(wire.options),
    ...timelineFromWire(wire),
    payloadId: wire.payloadId,
    createdBy: wire.createdBy,
    output: wire.output ? { success: wire.output.success, error: wire.output.error } : undefined,
    podHostname: wire.podHostname,
  };
}

export function taskToWire(task: Task): WireTaskDetailed {
  return {
    id: task.id,
    sessionId: task.sessionId,
    ownerPodId: task.ownerPodId,
    initialTaskId: task.initialTaskId,
    parentTaskIds: [...task.parentTaskIds],
    dataDependencies: [...task.dataDependencies],
    expectedOutputIds: [...task.expectedOutputIds],
    retryOfIds: [...task.retryOfIds],
    status: taskStatusToWire(task.status),
    statusMessage: task.statusMessage,
    options: task.options ? taskOptionsToWire(task.options) : null,
    ...timelineToWire(task),
    payloadId: task.payloadId,
    createdBy: task.createdBy,
    output: task.output ? { success: task.output.success, error: task.output.error } : null,
    podHostname: task.podHostname,
  };
}

export function taskSummaryFromWire(wire: WireTaskSummary): TaskSummary {
  return {
    id: wire.id,
    sessionId: wire.sessionId,
    ownerPodId: wire.ownerPodId,
    initialTaskId: wire.initialTaskId,
    countParentTaskIds: wire.countParentTaskIds,
    countDataDependencies: wire.countDataDependencies,
    countExpectedOutputIds: wire.countExpectedOutputIds,
    countRetryOfIds: wire.countRetryOfIds,
    status: taskStatusFromWire(wire.status),
    statusMessage: wire.statusMessage,
    options: taskOptionsFromWire(wire.options),
    ...timelineFromWire(wire),
    payloadId: wire.payloadId,
    createdBy: wire.createdBy,
    error: wire.error,
    podHostname: wire.podHostname,
  };
}

export function taskSummaryToWire(task: TaskSummary): WireTaskSummary {
  return {
    id: task.id,
    sessionId: task.sessionId,
    ownerPodId: task.ownerPodId,
    initialTaskId: task.initialTaskId,
    countParentTaskIds: task.countParentTaskIds,
    countDataDependencies: task.countDataDependencies,
    countExpectedOutputIds: task.countExpectedOutputIds,
    countRetryOfIds: task.countRetryOfIds,
    status: taskStatusToWire(task.status),
    statusMessage: task.statusMessage,
    options: task.options ? taskOptionsToWire(task.options) : null,
    ...timelineToWire(task),
    payloadId: task.payloadId,
    createdBy: task.createdBy,
    error: task.error,
    podHostname: task.podHostname,
  };
}
