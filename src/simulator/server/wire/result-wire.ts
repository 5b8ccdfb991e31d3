// Result records → wire `ResultRaw`. `opaque_id` is bytes on the wire; the simulator's
// object-storage keys are text, sent as their UTF-8 bytes (empty when there is no data).

import { msToTimestamp } from '../../../armonik/wire/time-codec';
import type { WireResultRawInput } from '../../../armonik/wire/types';
import type { ResultRecord } from '../../engine/types';
import { resultStatusToWire } from './enum-names';

const NO_BYTES = Buffer.alloc(0);

export function resultToWire(r: ResultRecord): WireResultRawInput {
  return {
    sessionId: r.sessionId,
    name: r.name,
    ownerTaskId: r.ownerTaskId,
    status: resultStatusToWire(r.status),
    createdAt: msToTimestamp(r.createdAt),
    completedAt: msToTimestamp(r.completedAt),
    resultId: r.resultId,
    size: r.size,
    createdBy: r.createdBy,
    opaqueId: r.opaqueId ? Buffer.from(r.opaqueId, 'utf8') : NO_BYTES,
    manualDeletion: r.manualDeletion,
  };
}
