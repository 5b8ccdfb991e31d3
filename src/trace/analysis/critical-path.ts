// Critical path and ETA. A task can start only after the tasks producing its inputs and the task
// that created it (its parent, or the attempt it retries) have ended. Each task therefore gets a
// finish time — observed when it ended, otherwise "now or when its last predecessor finishes,
// plus its estimated duration" — and the critical path follows, from the target's producer
// backwards, the predecessor that finished last: the chain that determined (or will determine)
// when the result is produced. Unfinished durations are the median of completed tasks of the same
// partition in the cone. The ETA is the producer's finish time, stretched when a partition's
// remaining work cannot fit its configured workers in that time.

import { formatDuration } from '../format-duration';
import type { CriticalPathStep, Eta, TaskNode, Verdict } from '../types';
import { NONE, type ConeIndex } from './cone-index';
import type { PartitionCapacity } from './context';

export interface DurationModel {
  estimate(task: TaskNode): number | undefined;
  basis: Map<string, { samples: number; medianMs: number }>;
  overallMedianMs: number | undefined;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function durationModel(cone: ConeIndex): DurationModel {
  const byPartition = new Map<string, number[]>();
  const all: number[] = [];
  for (const node of cone.nodes) {
    if (node.kind !== 'task' || node.status !== 'COMPLETED' || node.durationMs === undefined) continue;
    let list = byPartition.get(node.partitionId);
    if (!list) byPartition.set(node.partitionId, (list = []));
    list.push(node.durationMs);
    all.push(node.durationMs);
  }
  const basis = new Map<string, { samples: number; medianMs: number }>();
  for (const [partition, values] of byPartition) basis.set(partition, { samples: values.length, medianMs: median(values)! });
  const overallMedianMs = median(all);
  return {
    basis,
    overallMedianMs,
    estimate: (task) => basis.get(task.partitionId)?.medianMs ?? overallMedianMs,
  };
}

/**
 * Calls `visit(from, via)` for each task that must end before `task` (at index `i`) can start:
 * the owners of its inputs (`via` the input result) and its creator (`via` NONE).
 */
function forEachLink(cone: ConeIndex, i: number, visit: (from: number, via: number) => void): void {
  const { nodes } = cone;
  for (let k = cone.inputStart[i]!, end = cone.inputStart[i + 1]!; k < end; k++) {
    const input = cone.inputs[k]!;
    if (input === NONE || nodes[input]!.kind !== 'result') continue;
    const owner = cone.owner[input]!;
    if (owner !== NONE && owner !== i && nodes[owner]!.kind === 'task') visit(owner, input);
  }
  const creator = cone.creator[i]!;
  if (creator !== NONE && nodes[creator]!.kind === 'task') visit(creator, NONE);
}

interface Timing {
  /** Epoch ms at which the task ended or is expected to end. */
  finish: number;
  /** Processing time, observed or estimated. */
  durationMs: number;
  estimated: boolean;
  /** Estimated work still to do (0 when finished). */
  remainingMs: number;
  /** The predecessor that finished last, and the result it passed on (NONE for a creator). */
  linkFrom: number;
  linkVia: number;
}

interface Schedule {
  /** Timing of every task met, by node index. */
  times: ReadonlyArray<Timing | undefined>;
  /** Tasks in the order their timing was settled. */
  timed: Array<{ task: TaskNode; time: Timing }>;
  unestimated: number;
  overrun: number;
}

/** Finish times of `end` and everything it transitively waits on, without recursion (cones can
 * be thousands of levels deep). A task is expanded when first on top of the stack and timed when
 * it comes back to the top, after everything it waits on. */
function schedule(cone: ConeIndex, end: number, now: number, model: DurationModel): Schedule {
  const { nodes } = cone;
  const times = new Array<Timing | undefined>(cone.size);
  const met = new Uint8Array(cone.size);
  const timed: Schedule['timed'] = [];
  const stack: number[] = [end];
  const counts = { unestimated: 0, overrun: 0 };
  const onUnestimated = (): void => void (counts.unestimated += 1);
  const onOverrun = (): void => void (counts.overrun += 1);
  const push = (from: number): void => {
    // A task met before is timed or on the current path: links back into the path would be
    // cycles; real data cannot have them, but bad data must not loop forever.
    if (met[from] === 0) stack.push(from);
  };
  let latestFrom = NONE;
  let latestVia = NONE;
  let ready = Number.NEGATIVE_INFINITY;
  const consider = (from: number, via: number): void => {
    const before = times[from];
    if (before !== undefined && before.finish > ready) {
      ready = before.finish;
      latestFrom = from;
      latestVia = via;
    }
  };
  while (stack.length > 0) {
    const i = stack[stack.length - 1]!;
    if (met[i] === 0) {
      if (nodes[i]!.kind !== 'task') {
        stack.pop();
        continue;
      }
      met[i] = 1;
      forEachLink(cone, i, push);
      continue;
    }
    stack.pop();
    if (times[i] !== undefined) continue;
    latestFrom = NONE;
    latestVia = NONE;
    ready = Number.NEGATIVE_INFINITY;
    forEachLink(cone, i, consider);
    const task = nodes[i] as TaskNode;
    const time = timeTask(task, ready, latestFrom, latestVia, now, model, onUnestimated, onOverrun);
    times[i] = time;
    timed.push({ task, time });
  }
  return { times, timed, unestimated: counts.unestimated, overrun: counts.overrun };
}

function timeTask(
  task: TaskNode,
  ready: number,
  linkFrom: number,
  linkVia: number,
  now: number,
  model: DurationModel,
  onUnestimated: () => void,
  onOverrun: () => void,
): Timing {
  if (task.endedAt !== undefined) {
    const durationMs = task.durationMs ?? (task.startedAt !== undefined ? Math.max(0, task.endedAt - task.startedAt) : 0);
    return { finish: task.endedAt, durationMs, estimated: false, remainingMs: 0, linkFrom, linkVia };
  }
  const estimate = model.estimate(task);
  if (estimate === undefined) onUnestimated();
  const duration = estimate ?? 0;
  if (task.startedAt !== undefined) {
    const elapsed = Math.max(0, now - task.startedAt);
    if (elapsed > duration && estimate !== undefined) onOverrun();
    const remainingMs = Math.max(0, duration - elapsed);
    return { finish: now + remainingMs, durationMs: Math.max(duration, elapsed), estimated: true, remainingMs, linkFrom, linkVia };
  }
  const start = Math.max(now, ready);
  return { finish: start + duration, durationMs: duration, estimated: true, remainingMs: duration, linkFrom, linkVia };
}

export interface CriticalPathResult {
  steps: CriticalPathStep[];
  eta: Eta;
}

export function criticalPathAndEta(
  cone: ConeIndex,
  verdict: Verdict,
  now: number,
  partitions: ReadonlyMap<string, PartitionCapacity> | undefined,
): CriticalPathResult {
  const target = cone.at(cone.target);
  if (target?.kind !== 'result') return { steps: [], eta: { remainingMs: undefined, at: undefined, assumptions: ['the target is not in the cone'] } };
  const model = durationModel(cone);
  const ownerIndex = cone.owner[cone.target]!;
  const owner = cone.at(ownerIndex);
  const targetStep: CriticalPathStep = { id: target.id, kind: 'result', status: target.status, durationMs: 0, estimated: false };
  if (owner?.kind !== 'task') {
    return { steps: [targetStep], eta: etaWithoutProducer(verdict, target.completedAt) };
  }

  const plan = schedule(cone, ownerIndex, now, model);
  const chain: CriticalPathStep[] = [];
  const guard = new Set<number>();
  let current = ownerIndex;
  while (current !== NONE && !guard.has(current)) {
    guard.add(current);
    const task = cone.nodes[current]!;
    const time = plan.times[current];
    if (task.kind !== 'task' || time === undefined) break;
    chain.push({ id: task.id, kind: 'task', status: task.status, durationMs: time.durationMs, estimated: time.estimated });
    const via = cone.at(time.linkVia);
    if (via?.kind === 'result') chain.push({ id: via.id, kind: 'result', status: via.status, durationMs: 0, estimated: false });
    current = time.linkFrom;
  }
  const steps = [...chain.reverse(), targetStep];
  return { steps, eta: estimateEta(verdict, now, target.completedAt, plan, ownerIndex, model, partitions) };
}

function etaWithoutProducer(verdict: Verdict, completedAt: number | undefined): Eta {
  if (verdict === 'completed') return { remainingMs: 0, at: completedAt, assumptions: ['the result is completed'] };
  return { remainingMs: undefined, at: undefined, assumptions: ['no task is producing the result'] };
}

function estimateEta(
  verdict: Verdict,
  now: number,
  completedAt: number | undefined,
  plan: Schedule,
  owner: number,
  model: DurationModel,
  partitions: ReadonlyMap<string, PartitionCapacity> | undefined,
): Eta {
  if (verdict === 'completed') return { remainingMs: 0, at: completedAt, assumptions: ['the result is completed'] };
  if (verdict === 'failed') return { remainingMs: undefined, at: undefined, assumptions: ['the result will never be produced'] };
  if (verdict === 'blocked') return { remainingMs: undefined, at: undefined, assumptions: ['nothing can progress until the blockers are resolved'] };
  if (model.overallMedianMs === undefined) {
    return { remainingMs: undefined, at: undefined, assumptions: ['no task of the cone has completed yet, so durations cannot be estimated'] };
  }
  const assumptions: string[] = [];
  const path = Math.max(0, (plan.times[owner]?.finish ?? now) - now);

  // Capacity: the remaining work of a partition cannot go faster than its workers allow.
  const workByPartition = new Map<string, { ms: number; tasks: number }>();
  for (const { task, time } of plan.timed) {
    if (time.remainingMs === 0) continue;
    const entry = workByPartition.get(task.partitionId) ?? { ms: 0, tasks: 0 };
    entry.ms += time.remainingMs;
    entry.tasks += 1;
    workByPartition.set(task.partitionId, entry);
  }
  let capacityBound = 0;
  for (const [partition, work] of workByPartition) {
    const workers = partitions?.get(partition)?.podMax;
    if (workers === undefined || workers <= 0) continue;
    const bound = work.ms / workers;
    if (bound > path && bound > capacityBound) {
      capacityBound = bound;
      assumptions.push(`partition \`${partition}\`: ${work.tasks} unfinished tasks share at most ${workers} workers (${formatDuration(bound)} of work)`);
    }
  }
  for (const [partition, basis] of model.basis) {
    assumptions.push(`durations in \`${partition}\` estimated from the median of ${basis.samples} completed tasks (${formatDuration(basis.medianMs)})`);
  }
  if (plan.unestimated > 0) assumptions.push(`${plan.unestimated} unfinished tasks have no completed task to estimate from: the ETA is a lower bound`);
  if (plan.overrun > 0) assumptions.push(`${plan.overrun} running tasks already exceed their estimate and are assumed to finish now`);
  assumptions.push('queue waits are not modelled beyond the configured worker counts');
  const remainingMs = Math.max(path, capacityBound);
  return { remainingMs, at: now + remainingMs, assumptions };
}
