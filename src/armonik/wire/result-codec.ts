// Results between the wire (`ResultRaw`) and the model (`Result`). `opaque_id` is bytes: the
// model keeps a plain Uint8Array copy so callers never hold a Buffer that aliases a message.

import type { Result } from '../model';
import { resultStatusFromWire, resultStatusToWire } from './status-codec';
import { dateToTimestamp, timestampToDate } from './time-codec';
import type { WireResultRaw } from './types';

export function resultFromWire(wire: WireResultRaw): Result {
  return {
    resultId: wire.resultId,
    sessionId: wire.sessionId,
    name: wire.name,
    ownerTaskId: wire.ownerTaskId,
    status: resultStatusFromWire(wire.status),
    createdAt: timestampToDate(wire.createdAt),
    completedAt: timestampToDate(wire.completedAt),
    size: wire.size,
    createdBy: wire.createdBy,
    opaqueId: new Uint8Array(wire.opaqueId ?? []),
    manualDeletion: wire.manualDeletion,
  };
}

export function resultToWire(result: Result): WireResultRaw {
  return {
    resultId: result.resultId,
    sessionId: result.sessionId,
    name: result.name,
    ownerTaskId: result.ownerTaskId,
    status: resultStatusToWire(result.status),
    createdAt: dateToTimestamp(result.createdAt),
    completedAt: dateToTimestamp(result.completedAt),
    size: result.size,
    createdBy: result.createdBy,
    opaqueId: Buffer.from(result.opaqueId),
    manualDeletion: result.manualDeletion,
  };
}
