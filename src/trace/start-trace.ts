// Entry point of the trace engine: reads the target result, reconstructs its upstream cone,
// diagnoses it, and (when live) keeps it up to date from the session's events.

import { setMaxListeners } from 'node:events';
import type { ArmoniKClient } from '../armonik/api';
import { ArmoniKError, isArmoniKError } from '../armonik/errors';
import type { Partition } from '../armonik/model';
import type { DiagnosisThresholds, PartitionCapacity } from './analysis/context';
import { DEFAULT_BATCH_POLICY, type BatchPolicy } from './batch-policy';
import { ConeExpander } from './cone-expander';
import { ConeGraph } from './cone-graph';
import { DEFAULT_POLL_POLICY } from './live/frontier-poller';
import { DEFAULT_WATCHER_POLICY } from './live/frontier-watcher';
import { ConeTrace, type LiveTuning } from './live-trace';
import { resultNodeFromResult } from './node-from-model';
import { PartitionProbe } from './partition-probe';
import { ownerTaskIdOf } from './task-relations';
import type { LiveTrace } from './types';

export interface TraceProgress {
  phase: 'target' | 'cone' | 'diagnosis' | 'live';
  tasks: number;
  results: number;
  /** Round trips made so far (≈ task levels × 2). */
  depth: number;
}

export interface TraceTuning extends LiveTuning {
  batch: BatchPolicy;
  /** Payloads of tasks that already got queued are read only when the cone holds at most this
   * many tasks: they cannot block anything, and skipping them saves a third of a large cone. */
  payloadDetailLimit: number;
}

export const DEFAULT_TUNING: TraceTuning = {
  batch: DEFAULT_BATCH_POLICY,
  payloadDetailLimit: 5000,
  coalesceMs: 150,
  tickMs: 10_000,
  watcher: DEFAULT_WATCHER_POLICY,
  poll: DEFAULT_POLL_POLICY,
};

export interface StartTraceOptions {
  resultId: string;
  /** Checked against the result's own session when given; taken from the result otherwise. */
  sessionId?: string;
  /** Keep the trace up to date (default false: a one-shot snapshot). */
  live?: boolean;
  /** Aborts the reconstruction, and closes a live trace. */
  signal?: AbortSignal;
  onProgress?: (progress: TraceProgress) => void;
  /** Partition capacities to judge queues by: fetched from the control plane when absent, not
   * used at all when `false`. */
  partitions?: readonly PartitionCapacity[] | false;
  tuning?: Partial<TraceTuning>;
  thresholds?: Partial<DiagnosisThresholds>;
  maxBlockers?: number;
  /** Clock for ages and ETAs (default Date.now). */
  now?: () => number;
}

export async function startTrace(client: ArmoniKClient, options: StartTraceOptions): Promise<LiveTrace> {
  const resultId = options.resultId.trim();
  if (resultId === '') throw new ArmoniKError('invalid-argument', 'a result ID is required to start a trace');
  const tuning: TraceTuning = { ...DEFAULT_TUNING, ...options.tuning };
  const startedAt = performance.now();
  const baseStats = { rpcs: client.stats.rpcs, bytesReceived: client.stats.bytesReceived };
  const abort = new AbortController();
  // Every request in flight listens to this signal: more than Node's default of 10 is normal.
  setMaxListeners(Math.max(64, (tuning.batch.concurrency + 4) * 2), abort.signal);
  const onAbort = (): void => abort.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const signal = abort.signal;

  try {
    options.onProgress?.({ phase: 'target', tasks: 0, results: 0, depth: 0 });
    const [targets, partitions] = await Promise.all([client.results.byIds([resultId], { signal }), readPartitions(client, options.partitions, signal)]);
    const target = targets.find((r) => r.resultId === resultId);
    if (target === undefined) {
      throw new ArmoniKError('not-found', `result ${resultId} not found on ${client.endpoint}`, { endpoint: client.endpoint });
    }
    if (options.sessionId !== undefined && options.sessionId !== '' && options.sessionId !== target.sessionId) {
      throw new ArmoniKError(
        'not-found',
        `result ${resultId} not found in session ${options.sessionId} on ${client.endpoint} (it belongs to session ${target.sessionId})`,
        { endpoint: client.endpoint },
      );
    }
    const sessionId = target.sessionId;
    // The trace starts from a clean slate (ConeTrace takes the changes first): no need to record
    // the initial build's.
    const graph = new ConeGraph(resultId, { recordChanges: false });
    const expander = new ConeExpander(client, graph, () => sessionId, {
      batch: tuning.batch,
      payloadDetailLimit: tuning.payloadDetailLimit,
      signal,
      onProgress: (p) => options.onProgress?.({ phase: 'cone', tasks: p.tasks, results: p.results, depth: p.roundTrips + 1 }),
    });
    expander.counters.roundTrips += 1;
    expander.counters.requests += 1;
    const targetNode = resultNodeFromResult(target);
    graph.upsert(targetNode);
    const owner = ownerTaskIdOf(targetNode);

    const [, session] = await Promise.all([
      expander.expand({ tasks: owner !== undefined ? [[owner, 'cone']] : [] }),
      client.sessions.get(sessionId, { signal }).then(
        (s) => ({ sessionId: s.sessionId, status: s.status }),
        (error: unknown) => {
          if (isArmoniKError(error, 'cancelled')) throw error;
          // The session's state only refines explanations (paused, cancelled).
          return undefined;
        },
      ),
    ]);
    const probe = new PartitionProbe(client, signal);
    options.onProgress?.({ phase: 'diagnosis', tasks: graph.taskCount, results: graph.resultCount, depth: expander.counters.roundTrips });

    const trace = new ConeTrace({
      client,
      graph,
      expander,
      resultId,
      sessionId,
      session,
      partitions,
      baseStats,
      buildMs: Math.round(performance.now() - startedAt),
      now: options.now ?? Date.now,
      abort,
      probe,
      ...(options.thresholds ? { thresholds: options.thresholds } : {}),
      ...(options.maxBlockers !== undefined ? { maxBlockers: options.maxBlockers } : {}),
    });
    await trace.probeInitialQueues();
    if (options.live) {
      trace.startLive(tuning);
      options.onProgress?.({ phase: 'live', tasks: graph.taskCount, results: graph.resultCount, depth: expander.counters.roundTrips });
    }
    // A live trace closes with the caller's signal; a snapshot has nothing left to close.
    options.signal?.addEventListener('abort', () => trace.close(), { once: true });
    return trace;
  } catch (error) {
    options.signal?.removeEventListener('abort', onAbort);
    abort.abort();
    if (signal.aborted && !isArmoniKError(error)) throw new ArmoniKError('cancelled', 'the trace was cancelled');
    throw error;
  }
}

async function readPartitions(
  client: ArmoniKClient,
  given: StartTraceOptions['partitions'],
  signal: AbortSignal,
): Promise<ReadonlyMap<string, PartitionCapacity> | undefined> {
  if (given === false) return undefined;
  if (given !== undefined) return new Map(given.map((p) => [p.id, p]));
  try {
    const map = new Map<string, PartitionCapacity>();
    for (let page = 0; ; page++) {
      const result = await client.partitions.list({ page, pageSize: 1000 }, { signal });
      for (const partition of result.items) map.set(partition.id, capacityOf(partition));
      if ((page + 1) * result.pageSize >= result.total || result.items.length === 0) break;
    }
    return map;
  } catch (error) {
    if (isArmoniKError(error, 'cancelled')) throw error;
    // Capacity only sharpens the diagnosis of queued tasks; without it we rely on the cone.
    return undefined;
  }
}

function capacityOf(partition: Partition): PartitionCapacity {
  return { id: partition.id, podMax: partition.podMax, podReserved: partition.podReserved };
}
