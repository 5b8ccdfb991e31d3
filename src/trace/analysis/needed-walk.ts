// Walks what the target still needs — an unfinished result leads to its current owner, a waiting
// task to its unfinished inputs, a cascade to the task that really failed — and classifies every
// node met on the way with a blocker reason (reference §11.2–§11.7).

import { parseCascadeError } from '../cascade-error';
import type { ConeView } from '../cone-view';
import { previousAttemptId, resultOwner, taskInputIds } from '../task-relations';
import type { BlockerFacts, BlockerReason, ResultNode, TaskNode } from '../types';
import { NONE, type ConeIndex } from './cone-index';
import { DEFAULT_THRESHOLDS, noWorkerPatienceMs, type DiagnosisContext, type DiagnosisThresholds } from './context';

/** `failed`: the target can never be produced; `blocked`: nothing moves without intervention;
 * `active`: work that is proceeding or waiting normally. */
export type Severity = 'failed' | 'blocked' | 'active';

/** Why a queue is taken as having no worker: none configured, nothing running anywhere in the
 * partition (cluster-wide count), or nothing of the cone started there for a long time. */
export type PartitionEvidence = 'configured-empty' | 'nothing-running' | 'idle';

export type OrphanCause = 'owner-completed' | 'no-owner' | 'client-upload' | 'owner-missing';

export interface Finding {
  id: string;
  /** The node's index in the cone (cone-index.ts). */
  index: number;
  kind: 'task' | 'result';
  reason: BlockerReason;
  severity: Severity;
  /** Listed among the blockers. */
  blocker: boolean;
  /** Where the trouble starts: nothing upstream of it explains it. */
  rootCause: boolean;
  facts: BlockerFacts;
  ageMs: number | undefined;
  /** Details the explanation needs but that are not public facts. */
  orphanCause?: OrphanCause;
  partitionEvidence?: PartitionEvidence;
  overdue?: boolean;
}

export interface NeededWalk {
  cone: ConeIndex;
  /** Indices of the nodes visited, in discovery order (breadth-first from the target). IDs the
   * cone does not hold are not visited: they need nothing and weigh nothing. */
  order: number[];
  /** For each visited node, the first node that led to it (NONE for the target). */
  discoveredFrom: Int32Array;
  /** For each visited node, every visited node that needs it. */
  neededBy: Array<number[] | undefined>;
  /** Findings in the order they were made, and by node index. */
  findings: Finding[];
  findingAt: Array<Finding | undefined>;
  /** 1 for visited tasks that are not COMPLETED: the remaining work impact counts. */
  unfinished: Uint8Array;
}

/** The walk of a target with nothing left to do. */
export function completedWalk(cone: ConeIndex): NeededWalk {
  return {
    cone,
    order: cone.target === NONE ? [] : [cone.target],
    discoveredFrom: new Int32Array(cone.size).fill(NONE),
    neededBy: new Array<number[] | undefined>(cone.size),
    findings: [],
    findingAt: new Array<Finding | undefined>(cone.size),
    unfinished: new Uint8Array(cone.size),
  };
}

/** For each visited node, the visited nodes it needs: the reverse of `neededBy`, listed in the
 * order the needed nodes were discovered. */
export function needsOf(walk: NeededWalk): Array<number[] | undefined> {
  const needs = new Array<number[] | undefined>(walk.cone.size);
  for (const to of walk.order) {
    for (const from of walk.neededBy[to] ?? []) {
      const list = needs[from];
      if (list) list.push(to);
      else needs[from] = [to];
    }
  }
  return needs;
}

interface PartitionActivity {
  latestStart: number | undefined;
  running: number;
}

export function walkNeeded(view: ConeView, cone: ConeIndex, context: DiagnosisContext): NeededWalk {
  const thresholds: DiagnosisThresholds = { ...DEFAULT_THRESHOLDS, ...context.thresholds };
  const now = context.now;
  const { nodes } = cone;
  const walk = completedWalk(cone);
  walk.order.length = 0;
  const { order, discoveredFrom, neededBy, findings, findingAt, unfinished } = walk;
  /** Links that do not follow an edge (a cascade's named task): taken only if the edges did not
   * already reach the node, so chains follow edges whenever they can. */
  const deferred: Array<[number, number]> = [];
  const activity = partitionActivity(cone);

  const need = (from: number, to: number): void => {
    if (to === NONE) return;
    const list = neededBy[to];
    if (list) {
      if (!list.includes(from)) list.push(from);
      return;
    }
    neededBy[to] = [from];
    discoveredFrom[to] = from;
    order.push(to);
  };
  const age = (since: number | undefined): number | undefined => (since === undefined ? undefined : Math.max(0, now - since));
  const record = (finding: Omit<Finding, 'index'>, index: number): void => {
    const indexed = finding as Finding;
    indexed.index = index;
    findings.push(indexed);
    findingAt[index] = indexed;
  };
  const sessionPaused = context.session?.status === 'PAUSED';
  const sessionCancelled = context.session?.status === 'CANCELLED';

  // The attempt that retries a task, from node data (the `retry-of` relation): indexed on the
  // first RETRIED task met, so that a cone without retries never pays for it.
  let retriedBy: Map<string, number> | undefined;
  const laterAttempt = (task: TaskNode): number => {
    if (retriedBy === undefined) {
      retriedBy = new Map();
      for (let i = 0; i < cone.size; i++) {
        const node = nodes[i]!;
        if (node.kind !== 'task') continue;
        const previous = previousAttemptId(node);
        if (previous !== undefined) retriedBy.set(previous, i);
      }
    }
    return retriedBy.get(task.id) ?? NONE;
  };

  const onResult = (result: ResultNode, i: number): void => {
    if (result.status === 'COMPLETED') return;
    const isTarget = i === cone.target;
    if (result.missing || result.status === 'NOTFOUND' || result.status === 'DELETED') {
      // The consumer carries the blocker; the result itself is where the trouble starts.
      record({
        id: result.id,
        kind: 'result',
        reason: 'missing-input',
        severity: 'failed',
        blocker: isTarget,
        rootCause: true,
        facts: { resultId: result.id },
        ageMs: age(result.completedAt ?? result.createdAt),
      }, i);
      return;
    }
    const owner = resultOwner(result);
    const ownerIndex = cone.owner[i]!;
    const ownerNode = cone.at(ownerIndex);
    if (result.status === 'ABORTED') {
      if (ownerNode?.kind === 'task' && ownerNode.status !== 'COMPLETED') {
        need(i, ownerIndex);
        return;
      }
      record({
        id: result.id,
        kind: 'result',
        reason: sessionCancelled ? 'cancelled' : 'aborted-input',
        severity: 'failed',
        blocker: isTarget,
        rootCause: true,
        facts: { resultId: result.id },
        ageMs: age(result.completedAt ?? result.createdAt),
      }, i);
      return;
    }
    // CREATED (or UNSPECIFIED): someone must still produce it.
    const orphan = (cause: OrphanCause, since: number | undefined): void => {
      record({
        id: result.id,
        kind: 'result',
        reason: 'orphaned-output',
        severity: 'blocked',
        blocker: true,
        rootCause: true,
        facts: { resultId: result.id },
        ageMs: age(since),
        orphanCause: cause,
      }, i);
    };
    if (owner.kind === 'none') return orphan('no-owner', result.createdAt);
    if (owner.kind === 'client') return orphan('client-upload', result.createdAt);
    if (ownerNode === undefined) {
      if (view.missingTaskIds.has(owner.taskId)) orphan('owner-missing', result.createdAt);
      return;
    }
    if (ownerNode.kind === 'task' && ownerNode.status === 'COMPLETED') return orphan('owner-completed', ownerNode.endedAt ?? result.createdAt);
    need(i, ownerIndex);
  };

  const partitionFacts = (task: TaskNode): { facts: BlockerFacts; evidence?: PartitionEvidence } => {
    const facts: BlockerFacts = { partitionId: task.partitionId };
    const capacity = context.partitions?.get(task.partitionId);
    if (capacity) facts.partitionWorkers = capacity.podMax;
    if (capacity && capacity.podMax === 0 && capacity.podReserved === 0) return { facts, evidence: 'configured-empty' };
    const queuedFor = task.submittedAt === undefined ? undefined : now - task.submittedAt;
    const cluster = context.partitionActivity?.get(task.partitionId);
    const patience = noWorkerPatienceMs(capacity, thresholds);
    if (cluster !== undefined && cluster.running === 0 && queuedFor !== undefined && queuedFor > patience) {
      // Configured pods or not, none is taking work: report the live count.
      return { facts: { ...facts, partitionWorkers: 0 }, evidence: 'nothing-running' };
    }
    const seen = activity.get(task.partitionId);
    const startedSince = seen?.latestStart !== undefined && task.submittedAt !== undefined && seen.latestStart >= task.submittedAt;
    if (queuedFor !== undefined && queuedFor > thresholds.idlePartitionMs && !startedSince && (seen?.running ?? 0) === 0) {
      return { facts, evidence: 'idle' };
    }
    return { facts };
  };

  const onTask = (task: TaskNode, i: number): void => {
    const recordTask = (finding: Omit<Finding, 'index'>): void => record(finding, i);
    const firstInput = cone.inputStart[i]!;
    const attemptFacts: BlockerFacts = task.attempt > 1 ? { attempt: task.attempt, maxAttempts: task.maxRetries + 1 } : {};
    switch (task.status) {
      case 'COMPLETED':
        return;
      case 'ERROR':
      case 'TIMEOUT': {
        const cascade = parseCascadeError(task.error);
        const abortedInputs: number[] = [];
        for (let k = firstInput, end = cone.inputStart[i + 1]!; k < end; k++) {
          const input = cone.at(cone.inputs[k]!);
          if (input?.kind === 'result' && input.status === 'ABORTED') abortedInputs.push(cone.inputs[k]!);
        }
        if (cascade !== undefined || (abortedInputs.length > 0 && task.error === undefined)) {
          for (const input of abortedInputs) need(i, input);
          if (cascade?.kind === 'upstream-failure') for (const upstream of cascade.upstreamTaskIds.slice(0, 1)) deferred.push([i, cone.indexOf(upstream)]);
          recordTask({
            id: task.id,
            kind: 'task',
            reason: 'cascade',
            severity: 'failed',
            blocker: true,
            rootCause: false,
            facts: { ...attemptFacts },
            ageMs: age(task.endedAt),
          });
          return;
        }
        recordTask({
          id: task.id,
          kind: 'task',
          reason: 'failed',
          severity: 'failed',
          blocker: true,
          rootCause: true,
          facts: {
            ...attemptFacts,
            ...(task.status === 'TIMEOUT' && task.maxDurationMs !== undefined ? { maxDurationMs: task.maxDurationMs } : {}),
            ...(task.durationMs !== undefined ? { elapsedMs: task.durationMs } : {}),
          },
          ageMs: age(task.endedAt),
        });
        return;
      }
      case 'CANCELLED':
      case 'CANCELLING':
        recordTask({
          id: task.id,
          kind: 'task',
          reason: 'cancelled',
          severity: 'failed',
          blocker: true,
          rootCause: true,
          facts: {},
          ageMs: age(task.endedAt),
        });
        return;
      case 'RETRIED': {
        const next = laterAttempt(task);
        if (next !== NONE) {
          need(i, next);
          return;
        }
        recordTask({
          id: task.id,
          kind: 'task',
          reason: 'retrying',
          severity: 'active',
          blocker: true,
          rootCause: false,
          facts: { attempt: task.attempt + 1, maxAttempts: task.maxRetries + 1 },
          ageMs: age(task.endedAt),
        });
        return;
      }
      case 'PAUSED':
        recordTask({ id: task.id, kind: 'task', reason: 'paused', severity: 'blocked', blocker: true, rootCause: true, facts: {}, ageMs: age(task.submittedAt ?? task.createdAt) });
        return;
      case 'SUBMITTED': {
        if (sessionPaused) {
          recordTask({ id: task.id, kind: 'task', reason: 'paused', severity: 'blocked', blocker: true, rootCause: true, facts: {}, ageMs: age(task.submittedAt) });
          return;
        }
        const partition = partitionFacts(task);
        const queueAgeMs = age(task.submittedAt);
        const facts: BlockerFacts = { ...attemptFacts, ...partition.facts, ...(queueAgeMs !== undefined ? { queueAgeMs } : {}) };
        if (partition.evidence !== undefined) {
          recordTask({ id: task.id, kind: 'task', reason: 'queued', severity: 'blocked', blocker: true, rootCause: true, facts, ageMs: queueAgeMs, partitionEvidence: partition.evidence });
          return;
        }
        recordTask({ id: task.id, kind: 'task', reason: task.attempt > 1 ? 'retrying' : 'queued', severity: 'active', blocker: true, rootCause: false, facts, ageMs: queueAgeMs });
        return;
      }
      case 'DISPATCHED':
      case 'PROCESSING':
      case 'PROCESSED': {
        const since = task.startedAt ?? task.submittedAt;
        const elapsedMs = age(since);
        const facts: BlockerFacts = {
          ...attemptFacts,
          partitionId: task.partitionId,
          ...(elapsedMs !== undefined ? { elapsedMs } : {}),
          ...(task.maxDurationMs !== undefined ? { maxDurationMs: task.maxDurationMs } : {}),
        };
        const overdue = elapsedMs !== undefined && task.maxDurationMs !== undefined && task.maxDurationMs > 0 && elapsedMs > task.maxDurationMs;
        recordTask({ id: task.id, kind: 'task', reason: task.attempt > 1 ? 'retrying' : 'running', severity: 'active', blocker: true, rootCause: false, facts, ageMs: elapsedMs, overdue });
        return;
      }
      default: {
        // PENDING, CREATING (and UNSPECIFIED): waiting for inputs, or should be queued already.
        // The same inputs as the cone index resolved them, in the same order.
        const inputs = taskInputIds(task);
        // IDs for the facts, indices for the walk (NONE where the cone lacks the input).
        const aborted: string[] = [];
        const missing: string[] = [];
        const incomplete: string[] = [];
        const abortedAt: number[] = [];
        const missingAt: number[] = [];
        const incompleteAt: number[] = [];
        let readySince = task.createdAt;
        for (let k = 0; k < inputs.length; k++) {
          const id = inputs[k]!;
          const at = cone.inputs[firstInput + k]!;
          const input = cone.at(at);
          if (input?.kind !== 'result') {
            incomplete.push(id);
            incompleteAt.push(at);
            continue;
          }
          if (input.status === 'COMPLETED') {
            if (input.completedAt !== undefined && (readySince === undefined || input.completedAt > readySince)) readySince = input.completedAt;
            continue;
          }
          if (input.status === 'ABORTED') {
            aborted.push(id);
            abortedAt.push(at);
          } else if (input.missing || input.status === 'NOTFOUND' || input.status === 'DELETED') {
            missing.push(id);
            missingAt.push(at);
          } else {
            incomplete.push(id);
            incompleteAt.push(at);
          }
        }
        if (aborted.length > 0 || missing.length > 0) {
          // Other unfinished inputs are still followed: they may hold further root causes.
          for (const at of [...abortedAt, ...missingAt, ...incompleteAt]) need(i, at);
          const first = aborted[0] ?? missing[0]!;
          recordTask({
            id: task.id,
            kind: 'task',
            reason: aborted.length > 0 ? 'aborted-input' : 'missing-input',
            severity: 'failed',
            blocker: true,
            rootCause: false,
            facts: { resultId: first, waitingOn: [...aborted, ...missing] },
            ageMs: age(task.createdAt),
          });
          return;
        }
        if (incomplete.length > 0) {
          for (const at of incompleteAt) need(i, at);
          recordTask({ id: task.id, kind: 'task', reason: 'waiting-dependencies', severity: 'active', blocker: true, rootCause: false, facts: { waitingOn: incomplete }, ageMs: age(task.createdAt) });
          return;
        }
        const waited = age(readySince);
        if (waited !== undefined && waited > thresholds.stuckPendingMs) {
          recordTask({ id: task.id, kind: 'task', reason: 'stuck-pending', severity: 'blocked', blocker: true, rootCause: true, facts: { waitingOn: [] }, ageMs: waited });
          return;
        }
        // Every input is there and Core is about to queue it.
        recordTask({ id: task.id, kind: 'task', reason: 'queued', severity: 'active', blocker: true, rootCause: false, facts: { partitionId: task.partitionId }, ageMs: waited });
      }
    }
  };

  if (cone.target !== NONE) order.push(cone.target);
  let cursor = 0;
  for (;;) {
    while (cursor < order.length) {
      const i = order[cursor++]!;
      const node = nodes[i]!;
      if (node.kind === 'result') onResult(node, i);
      else {
        if (node.status !== 'COMPLETED') unfinished[i] = 1;
        onTask(node, i);
      }
    }
    let discovered = false;
    for (const [from, to] of deferred.splice(0)) {
      if (to === cone.target || to === NONE) continue;
      if (neededBy[to] === undefined) discovered = true;
      // Already reached through edges: still record that the cascade needs it, for impact.
      need(from, to);
    }
    if (!discovered) break;
  }
  return walk;
}

function partitionActivity(cone: ConeIndex): Map<string, PartitionActivity> {
  const activity = new Map<string, PartitionActivity>();
  for (const node of cone.nodes) {
    if (node.kind !== 'task') continue;
    let entry = activity.get(node.partitionId);
    if (!entry) activity.set(node.partitionId, (entry = { latestStart: undefined, running: 0 }));
    if (node.startedAt !== undefined && (entry.latestStart === undefined || node.startedAt > entry.latestStart)) entry.latestStart = node.startedAt;
    if (node.status === 'DISPATCHED' || node.status === 'PROCESSING') entry.running += 1;
  }
  return activity;
}
