// Session records → wire `SessionRaw`. Options are always sent (Core ignores
// `with_task_options`, reference §11.9).

import { msToDuration, msToTimestamp } from '../../../armonik/wire/time-codec';
import type { WireSessionRawInput } from '../../../armonik/wire/types';
import type { SessionRecord } from '../../engine/types';
import { sessionStatusToWire } from './enum-names';
import { optionsToWire } from './options-wire';

export function sessionToWire(s: SessionRecord): WireSessionRawInput {
  return {
    sessionId: s.sessionId,
    status: sessionStatusToWire(s.status),
    clientSubmission: s.clientSubmission,
    workerSubmission: s.workerSubmission,
    partitionIds: s.partitionIds,
    options: optionsToWire(s.options),
    createdAt: msToTimestamp(s.createdAt),
    cancelledAt: msToTimestamp(s.cancelledAt),
    closedAt: msToTimestamp(s.closedAt),
    purgedAt: msToTimestamp(s.purgedAt),
    deletedAt: msToTimestamp(s.deletedAt),
    duration: msToDuration(s.durationMs),
  };
}
