// Task records → wire `TaskSummary` (ListTasks, CancelTasks) and `TaskDetailed` (GetTask,
// ListTasksDetailed). Core never sets `status_message` (reference §11.1), so neither do we.

import { msToDuration, msToTimestamp } from '../../../armonik/wire/time-codec';
import type { WireTaskDetailedInput, WireTaskSummaryInput } from '../../../armonik/wire/types';
import type { TaskRecord } from '../../engine/types';
import { taskStatusToWire } from './enum-names';
import { optionsToWire } from './options-wire';

function span(from: number | undefined, to: number | undefined): number | undefined {
  return from === undefined || to === undefined ? undefined : to - from;
}

function timesAndDurations(t: TaskRecord) {
  return {
    createdAt: msToTimestamp(t.createdAt),
    submittedAt: msToTimestamp(t.submittedAt),
    receivedAt: msToTimestamp(t.receivedAt),
    acquiredAt: msToTimestamp(t.acquiredAt),
    fetchedAt: msToTimestamp(t.fetchedAt),
    startedAt: msToTimestamp(t.startedAt),
    processedAt: msToTimestamp(t.processedAt),
    endedAt: msToTimestamp(t.endedAt),
    podTtl: msToTimestamp(t.podTtl),
    creationToEndDuration: msToDuration(span(t.createdAt, t.endedAt)),
    processingToEndDuration: msToDuration(span(t.startedAt, t.endedAt)),
    receivedToEndDuration: msToDuration(span(t.receivedAt, t.endedAt)),
  };
}

export function taskSummaryToWire(t: TaskRecord): WireTaskSummaryInput {
  return {
    id: t.id,
    sessionId: t.sessionId,
    ownerPodId: t.ownerPodId,
    initialTaskId: t.initialTaskId,
    countParentTaskIds: t.parentTaskIds.length,
    countDataDependencies: t.dataDependencies.length,
    countExpectedOutputIds: t.expectedOutputIds.length,
    countRetryOfIds: t.retryOfIds.length,
    status: taskStatusToWire(t.status),
    statusMessage: '',
    options: optionsToWire(t.options),
    ...timesAndDurations(t),
    payloadId: t.payloadId,
    createdBy: t.createdBy,
    error: t.outputError,
    podHostname: t.podHostname,
  };
}

export function taskDetailedToWire(t: TaskRecord): WireTaskDetailedInput {
  return {
    id: t.id,
    sessionId: t.sessionId,
    ownerPodId: t.ownerPodId,
    initialTaskId: t.initialTaskId,
    parentTaskIds: t.parentTaskIds,
    dataDependencies: t.dataDependencies,
    expectedOutputIds: t.expectedOutputIds,
    retryOfIds: t.retryOfIds,
    status: taskStatusToWire(t.status),
    statusMessage: '',
    options: optionsToWire(t.options),
    ...timesAndDurations(t),
    payloadId: t.payloadId,
    createdBy: t.createdBy,
    output: { success: t.outputSuccess, error: t.outputError },
    podHostname: t.podHostname,
  };
}
