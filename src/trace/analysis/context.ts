// What the analysis knows besides the cone itself: the time, the session's state and the
// partitions' configured capacity. All optional facts degrade gracefully when absent.

import type { SessionStatus } from '../../armonik/model';
import type { Diagnosis } from '../types';

export interface PartitionCapacity {
  id: string;
  /** Configured maximum of worker pods (`pod_max`). */
  podMax: number;
  /** Pods kept even when idle (`pod_reserved`). */
  podReserved: number;
}

export interface DiagnosisThresholds {
  /** PENDING with every input COMPLETED for longer than this is `stuck-pending`. Core moves such
   * a task to SUBMITTED within milliseconds, so anything beyond a few seconds is abnormal. */
  stuckPendingMs: number;
  /** A task queued this long in a partition where nothing of the cone started since it was
   * queued, and nothing runs, is taken as evidence that the partition has no live worker. */
  idlePartitionMs: number;
  /** A task queued this long in a partition where nothing runs anywhere on the cluster (see
   * `partitionActivity`) is taken as stuck on a partition without live workers... */
  noWorkerQueueMs: number;
  /** ...or this long when the partition may scale from zero (`pod_reserved` = 0 or unknown),
   * since starting a first pod takes a while. */
  noWorkerScaleFromZeroMs: number;
}

export const DEFAULT_THRESHOLDS: DiagnosisThresholds = {
  stuckPendingMs: 30_000,
  idlePartitionMs: 10 * 60_000,
  noWorkerQueueMs: 30_000,
  noWorkerScaleFromZeroMs: 120_000,
};

/** What the control plane says is running in a partition right now, all sessions included. */
export interface PartitionActivity {
  /** Tasks DISPATCHED or PROCESSING in the partition (cluster-wide). */
  running: number;
}

export interface DiagnosisContext {
  /** Epoch ms used as "now" for ages and elapsed times. */
  now: number;
  session?: { sessionId: string; status: SessionStatus } | undefined;
  partitions?: ReadonlyMap<string, PartitionCapacity> | undefined;
  /** Cluster-wide activity of the partitions where cone tasks are queued, when probed. */
  partitionActivity?: ReadonlyMap<string, PartitionActivity> | undefined;
  stats?: Diagnosis['stats'];
  thresholds?: Partial<DiagnosisThresholds>;
  /** How many blockers to list (ranked); the counts per reason cover them all. Default 50. */
  maxBlockers?: number;
  endpoint?: string;
}

/** How long a queue may wait with nothing running in its partition before that counts as having
 * no live worker: pods are reserved, or the partition may first have to scale from zero. */
export function noWorkerPatienceMs(capacity: PartitionCapacity | undefined, thresholds: DiagnosisThresholds): number {
  return capacity !== undefined && capacity.podReserved > 0 ? thresholds.noWorkerQueueMs : thresholds.noWorkerScaleFromZeroMs;
}
