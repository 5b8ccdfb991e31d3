// Sessions between the wire (`SessionRaw`) and the model (`Session`).

import type { Session } from '../model';
import { sessionStatusFromWire, sessionStatusToWire } from './status-codec';
import { taskOptionsFromWire, taskOptionsToWire } from './task-options-codec';
import { dateToTimestamp, durationToMs, msToDuration, timestampToDate } from './time-codec';
import type { WireSessionRaw } from './types';

export function sessionFromWire(wire: WireSessionRaw): Session {
  return {
    sessionId: wire.sessionId,
    status: sessionStatusFromWire(wire.status),
    clientSubmission: wire.clientSubmission,
    workerSubmission: wire.workerSubmission,
    partitionIds: [...wire.partitionIds],
    options: taskOptionsFromWire(wire.options),
    createdAt: timestampToDate(wire.createdAt),
    cancelledAt: timestampToDate(wire.cancelledAt),
    closedAt: timestampToDate(wire.closedAt),
    purgedAt: timestampToDate(wire.purgedAt),
    deletedAt: timestampToDate(wire.deletedAt),
    durationMs: durationToMs(wire.duration),
  };
}

export function sessionToWire(session: Session): WireSessionRaw {
  return {
    sessionId: session.sessionId,
    status: sessionStatusToWire(session.status),
    clientSubmission: session.clientSubmission,
    workerSubmission: session.workerSubmission,
    partitionIds: [...session.partitionIds],
    options: session.options ? taskOptionsToWire(session.options) : null,
    createdAt: dateToTimestamp(session.createdAt),
    cancelledAt: dateToTimestamp(session.cancelledAt),
    closedAt: dateToTimestamp(session.closedAt),
    purgedAt: dateToTimestamp(session.purgedAt),
    deletedAt: dateToTimestamp(session.deletedAt),
    duration: msToDuration(session.durationMs),
  };
}
