// Critical path and ETA. A task can start only after the tasks producing its inputs and the task
// that created it (its parent, or the attempt it retries) have ended. Each task therefore gets a
// finish time — observed when it ended, otherwise "now or when its last predecessor finishes,
// plus its estimated duration" — and the critical path follows, from the target's producer
// backwards, the predecessor that finished last: the chain that determined (or will determine)
// when the result is produced. Unfinished durations are the median of completed tasks of the same
// partition in the cone. The ETA is the producer's finish time, stretched when a partition's
// remaining work cannot fit its configured workers in that time.

import type { ConeView } from '../cone-view';
import { formatDuration } from '../format-duration';
import { ownerTaskIdOf, taskInputIds } from '../task-relations';
import type { CriticalPathStep, Eta, TaskNode, Verdict } from '../types';
import type { PartitionCapacity } from './context';

interface Link {
  from: string;
  /** The result carrying the dependency, when there is one. */
  via: string | undefined;
}

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

export function durationModel(view: ConeView): DurationModel {
  const byPartition = new Map<string, number[]>();
  const all: number[] = [];
  for (const node of view.nodes()) {
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

function taskLinks(view: ConeView, task: TaskNode): Link[] {
  const links: Link[] = [];
  for (const input of taskInputIds(task)) {
    const result = view.node(input);
    if (result?.kind !== 'result') continue;
    const owner = ownerTaskIdOf(result);
    if (owner !== undefined && owner !== task.id && view.node(owner)?.kind === 'task') links.push({ from: owner, via: input });
  }
  if (task.createdBy !== '' && view.node(task.createdBy)?.kind === 'task') links.push({ from: task.createdBy, via: undefined });
  return links;
}

interface Timing {
  /** Epoch ms at which the task ended or is expected to end. */
  finish: number;
  /** Processing time, observed or estimated. */
  durationMs: number;
  estimated: boolean;
  /** Estimated work still to do (0 when finished). */
  remainingMs: number;
  /** The predecessor that finished last. */
  link: Link | undefined;
}

interface Schedule {
  /** Every task met, timed. */
  visits: ReadonlyMap<string, Visit>;
  /** Tasks in the order their timing was settled. */
  timed: Array<{ task: TaskNode; time: Timing }>;
  unestimated: number;
  overrun: number;
}

/** A task met by the schedule: its links while it waits for them, then its timing. */
interface Visit {
  task: TaskNode;
  links: Link[];
  time: Timing | undefined;
}

/** Finish times of `end` and everything it transitively waits on, without recursion (cones can
 * be thousands of levels deep). One map holds every task met, so each ID is looked up once. */
function schedule(view: ConeView, end: string, now: number, model: DurationModel): Schedule {
  const visits = new Map<string, Visit>();
  const timed: Schedule['timed'] = [];
  const stack: string[] = [end];
  const counts = { unestimated: 0, overrun: 0 };
  const onUnestimated = (): void => void (counts.unestimated += 1);
  const onOverrun = (): void => void (counts.overrun += 1);
  while (stack.length > 0) {
    const id = stack[stack.length - 1]!;
    const visit = visits.get(id);
    if (visit === undefined) {
      const task = view.node(id);
      if (task?.kind !== 'task') {
        stack.pop();
        continue;
      }
      const links = taskLinks(view, task);
      visits.set(id, { task, links, time: undefined });
      // A task met before is timed or on the current path: links back into the path would be
      // cycles; real data cannot have them, but bad data must not loop forever.
      for (const link of links) if (!visits.has(link.from)) stack.push(link.from);
      continue;
    }
    stack.pop();
    if (visit.time !== undefined) continue;
    let latest: Link | undefined;
    let ready = Number.NEGATIVE_INFINITY;
    for (const link of visit.links) {
      const before = visits.get(link.from)?.time;
      if (before !== undefined && before.finish > ready) {
        ready = before.finish;
        latest = link;
      }
    }
    const time = timeTask(visit.task, ready, latest, now, model, onUnestimated, onOverrun);
    visit.time = time;
    visit.links = [];
    timed.push({ task: visit.task, time });
  }
  return { visits, timed, unestimated: counts.unestimated, overrun: counts.overrun };
}

function timeTask(
  task: TaskNode,
  ready: number,
  link: Link | undefined,
  now: number,
  model: DurationModel,
  onUnestimated: () => void,
  onOverrun: () => void,
): Timing {
  if (task.endedAt !== undefined) {
    const durationMs = task.durationMs ?? (task.startedAt !== undefined ? Math.max(0, task.endedAt - task.startedAt) : 0);
    return { finish: task.endedAt, durationMs, estimated: false, remainingMs: 0, link };
  }
  const estimate = model.estimate(task);
  if (estimate === undefined) onUnestimated();
  const duration = estimate ?? 0;
  if (task.startedAt !== undefined) {
    const elapsed = Math.max(0, now - task.startedAt);
    if (elapsed > duration && estimate !== undefined) onOverrun();
    const remainingMs = Math.max(0, duration - elapsed);
    return { finish: now + remainingMs, durationMs: Math.max(duration, elapsed), estimated: true, remainingMs, link };
  }
  const start = Math.max(now, ready);
  return { finish: start + duration, durationMs: duration, estimated: true, remainingMs: duration, link };
}

export interface CriticalPathResult {
  steps: CriticalPathStep[];
  eta: Eta;
}

export function criticalPathAndEta(
  view: ConeView,
  verdict: Verdict,
  now: number,
  partitions: ReadonlyMap<string, PartitionCapacity> | undefined,
): CriticalPathResult {
  const target = view.node(view.targetId);
  if (target?.kind !== 'result') return { steps: [], eta: { remainingMs: undefined, at: undefined, assumptions: ['the target is not in the cone'] } };
  const model = durationModel(view);
  const ownerId = ownerTaskIdOf(target);
  const owner = ownerId === undefined ? undefined : view.node(ownerId);
  const targetStep: CriticalPathStep = { id: target.id, kind: 'result', status: target.status, durationMs: 0, estimated: false };
  if (owner?.kind !== 'task') {
    return { steps: [targetStep], eta: etaWithoutProducer(verdict, target.completedAt) };
  }

  const plan = schedule(view, owner.id, now, model);
  const chain: CriticalPathStep[] = [];
  const guard = new Set<string>();
  let current: string | undefined = owner.id;
  while (current !== undefined && !guard.has(current)) {
    guard.add(current);
    const task = view.node(current);
    const time: Timing | undefined = plan.visits.get(current)?.time;
    if (task?.kind !== 'task' || time === undefined) break;
    chain.push({ id: task.id, kind: 'task', status: task.status, durationMs: time.durationMs, estimated: time.estimated });
    if (time.link?.via !== undefined) {
      const via = view.node(time.link.via);
      if (via?.kind === 'result') chain.push({ id: via.id, kind: 'result', status: via.status, durationMs: 0, estimated: false });
    }
    current = time.link?.from;
  }
  const steps = [...chain.reverse(), targetStep];
  return { steps, eta: estimateEta(verdict, now, target.completedAt, plan, owner.id, model, partitions) };
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
  ownerId: string,
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
  const path = Math.max(0, (plan.visits.get(ownerId)?.time?.finish ?? now) - now);

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
