// Is anything running in a partition, anywhere on the cluster? One `count` per partition
// (page_size = 0: no rows transferred), asked only for partitions where the cone has queued
// tasks and at most every few seconds. Together with the queue age it tells a partition without
// live workers from a busy one, which its configured pod_max cannot (reference §8: pod_max is a
// ceiling, not a count of running pods).

import type { ArmoniKClient } from '../armonik/api';
import { isArmoniKError } from '../armonik/errors';
import type { PartitionActivity } from './analysis/context';
import type { ConeView } from './cone-view';

export class PartitionProbe {
  private readonly activity = new Map<string, PartitionActivity & { at: number }>();
  private unsupported = false;

  constructor(
    private readonly client: ArmoniKClient,
    private readonly signal: AbortSignal,
    private readonly minIntervalMs = 5000,
  ) {}

  get current(): ReadonlyMap<string, PartitionActivity> {
    return this.activity;
  }

  /** Partitions where a task of the cone has waited in the queue longer than the partition's
   * patience: before that, the answer could not change the diagnosis, so it is not asked. */
  static overdueQueues(view: Pick<ConeView, 'nodes'>, now: number, patienceMs: (partitionId: string) => number): Set<string> {
    const partitions = new Set<string>();
    for (const node of view.nodes()) {
      if (node.kind !== 'task' || node.status !== 'SUBMITTED' || node.submittedAt === undefined) continue;
      if (now - node.submittedAt > patienceMs(node.partitionId)) partitions.add(node.partitionId);
    }
    return partitions;
  }

  /** Refreshes stale entries for these partitions; resolves true when a request was made. */
  async probe(partitions: Iterable<string>): Promise<boolean> {
    if (this.unsupported) return false;
    const now = Date.now();
    const due = [...partitions].filter((p) => (this.activity.get(p)?.at ?? -Infinity) + this.minIntervalMs <= now);
    if (due.length === 0) return false;
    try {
      const counts = await Promise.all(
        due.map((partitionId) => this.client.tasks.count({ partitionId, status: ['DISPATCHED', 'PROCESSING'] }, { signal: this.signal })),
      );
      due.forEach((partitionId, i) => this.activity.set(partitionId, { running: counts[i]!, at: now }));
    } catch (error) {
      if (isArmoniKError(error, 'cancelled')) throw error;
      // Without the count the diagnosis falls back to evidence from the cone alone.
      if (isArmoniKError(error, 'unimplemented') || isArmoniKError(error, 'permission-denied')) this.unsupported = true;
    }
    return true;
  }
}
