// Walks what the target still needs — an unfinished result leads to its current owner, a waiting
// task to its unfinished inputs, a cascade to the task that really failed — and classifies every
// node met on the way with a blocker reason (reference §11.2–§11.7).

import { parseCascadeError } from '../cascade-error';
import type { ConeView } from '../cone-view';
import { resultOwner, taskInputIds } from '../task-relations';
import type { BlockerFacts, BlockerReason, ResultNode, TaskNode, TraceNode } from '../types';
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
  /** Node IDs in discovery order (breadth-first from the target). */
  order: string[];
  /** For each visited node, the first node that led to it (the target has none). */
  discoveredFrom: Map<string, string>;
  /** For each visited node, every visited node that needs it. */
  neededBy: Map<string, string[]>;
  findings: Map<string, Finding>;
  /** Visited tasks that are not COMPLETED: the remaining work impact counts. */
  unfinishedTasks: Set<string>;
}

interface PartitionActivity {
  latestStart: number | undefined;
  running: number;
}

export function walkNeeded(view: ConeView, context: DiagnosisContext): NeededWalk {
  const thresholds: DiagnosisThresholds = { ...DEFAULT_THRESHOLDS, ...context.thresholds };
  const now = context.now;
  const order: string[] = [];
  const discoveredFrom = new Map<string, string>();
  const neededBy = new Map<string, string[]>();
  const findings = new Map<string, Finding>();
  const unfinishedTasks = new Set<string>();
  const queue: string[] = [];
  /** Links that do not follow an edge (a cascade's named task): taken only if the edges did not
   * already reach the node, so chains follow edges whenever they can. */
  const deferred: Array<[string, string]> = [];
  const activity = partitionActivity(view);

  const visit = (id: string): void => {
    order.push(id);
    queue.push(id);
  };
  const need = (from: string, to: string): void => {
    const list = neededBy.get(to);
    if (list) {
      if (!list.includes(from)) list.push(from);
      return;
    }
    neededBy.set(to, [from]);
    discoveredFrom.set(to, from);
    visit(to);
  };
  const age = (since: number | undefined): number | undefined => (since === undefined ? undefined : Math.max(0, now - since));
  const record = (finding: Finding): void => {
    findings.set(finding.id, finding);
  };
  const sessionPaused = context.session?.status === 'PAUSED';
  const sessionCancelled = context.session?.status === 'CANCELLED';

  const laterAttempt = (task: TaskNode): TaskNode | undefined => {
    let latest: TaskNode | undefined;
    for (const edge of view.inEdges(task.id)) {
      if (edge.kind !== 'retry-of') continue;
      const next = view.node(edge.source);
      if (next?.kind === 'task') latest = next;
    }
    return latest;
  };

  const onResult = (result: ResultNode): void => {
    if (result.status === 'COMPLETED') return;
    const isTarget = result.id === view.targetId;
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
      });
      return;
    }
    const owner = resultOwner(result);
    if (result.status === 'ABORTED') {
      const ownerNode = owner.kind === 'task' ? view.node(owner.taskId) : undefined;
      if (ownerNode?.kind === 'task' && ownerNode.status !== 'COMPLETED') {
        need(result.id, ownerNode.id);
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
      });
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
      });
    };
    if (owner.kind === 'none') return orphan('no-owner', result.createdAt);
    if (owner.kind === 'client') return orphan('client-upload', result.createdAt);
    const ownerNode = view.node(owner.taskId);
    if (ownerNode === undefined) {
      if (view.missingTaskIds.has(owner.taskId)) orphan('owner-missing', result.createdAt);
      return;
    }
    if (ownerNode.kind === 'task' && ownerNode.status === 'COMPLETED') return orphan('owner-completed', ownerNode.endedAt ?? result.createdAt);
    need(result.id, owner.taskId);
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

  const onTask = (task: TaskNode): void => {
    const attemptFacts: BlockerFacts = task.attempt > 1 ? { attempt: task.attempt, maxAttempts: task.maxRetries + 1 } : {};
    switch (task.status) {
      case 'COMPLETED':
        return;
      case 'ERROR':
      case 'TIMEOUT': {
        const cascade = parseCascadeError(task.error);
        const abortedInputs = taskInputIds(task).filter((id) => {
          const input = view.node(id);
          return input?.kind === 'result' && input.status === 'ABORTED';
        });
        if (cascade !== undefined || (abortedInputs.length > 0 && task.error === undefined)) {
          for (const input of abortedInputs) need(task.id, input);
          if (cascade?.kind === 'upstream-failure') for (const upstream of cascade.upstreamTaskIds.slice(0, 1)) deferred.push([task.id, upstream]);
          record({
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
        record({
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
        record({
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
        if (next) {
          need(task.id, next.id);
          return;
        }
        record({
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
        record({ id: task.id, kind: 'task', reason: 'paused', severity: 'blocked', blocker: true, rootCause: true, facts: {}, ageMs: age(task.submittedAt ?? task.createdAt) });
        return;
      case 'SUBMITTED': {
        if (sessionPaused) {
          record({ id: task.id, kind: 'task', reason: 'paused', severity: 'blocked', blocker: true, rootCause: true, facts: {}, ageMs: age(task.submittedAt) });
          return;
        }
        const partition = partitionFacts(task);
        const queueAgeMs = age(task.submittedAt);
        const facts: BlockerFacts = { ...attemptFacts, ...partition.facts, ...(queueAgeMs !== undefined ? { queueAgeMs } : {}) };
        if (partition.evidence !== undefined) {
          record({ id: task.id, kind: 'task', reason: 'queued', severity: 'blocked', blocker: true, rootCause: true, facts, ageMs: queueAgeMs, partitionEvidence: partition.evidence });
          return;
        }
        record({ id: task.id, kind: 'task', reason: task.attempt > 1 ? 'retrying' : 'queued', severity: 'active', blocker: true, rootCause: false, facts, ageMs: queueAgeMs });
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
        record({ id: task.id, kind: 'task', reason: task.attempt > 1 ? 'retrying' : 'running', severity: 'active', blocker: true, rootCause: false, facts, ageMs: elapsedMs, overdue });
        return;
      }
      default: {
        // PENDING, CREATING (and UNSPECIFIED): waiting for inputs, or should be queued already.
        const inputs = taskInputIds(task);
        const aborted: string[] = [];
        const missing: string[] = [];
        const incomplete: string[] = [];
        let readySince = task.createdAt;
        for (const id of inputs) {
          const input = view.node(id);
          if (input?.kind !== 'result') {
            incomplete.push(id);
            continue;
          }
          if (input.status === 'COMPLETED') {
            if (input.completedAt !== undefined && (readySince === undefined || input.completedAt > readySince)) readySince = input.completedAt;
            continue;
          }
          if (input.status === 'ABORTED') aborted.push(id);
          else if (input.missing || input.status === 'NOTFOUND' || input.status === 'DELETED') missing.push(id);
          else incomplete.push(id);
        }
        if (aborted.length > 0 || missing.length > 0) {
          // Other unfinished inputs are still followed: they may hold further root causes.
          for (const id of [...aborted, ...missing, ...incomplete]) need(task.id, id);
          const first = aborted[0] ?? missing[0]!;
          record({
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
          for (const id of incomplete) need(task.id, id);
          record({ id: task.id, kind: 'task', reason: 'waiting-dependencies', severity: 'active', blocker: true, rootCause: false, facts: { waitingOn: incomplete }, ageMs: age(task.createdAt) });
          return;
        }
        const waited = age(readySince);
        if (waited !== undefined && waited > thresholds.stuckPendingMs) {
          record({ id: task.id, kind: 'task', reason: 'stuck-pending', severity: 'blocked', blocker: true, rootCause: true, facts: { waitingOn: [] }, ageMs: waited });
          return;
        }
        // Every input is there and Core is about to queue it.
        record({ id: task.id, kind: 'task', reason: 'queued', severity: 'active', blocker: true, rootCause: false, facts: { partitionId: task.partitionId }, ageMs: waited });
      }
    }
  };

  visit(view.targetId);
  let cursor = 0;
  for (;;) {
    while (cursor < queue.length) {
      const id = queue[cursor++]!;
      const node: TraceNode | undefined = view.node(id);
      if (node === undefined) continue;
      if (node.kind === 'result') onResult(node);
      else {
        if (node.status !== 'COMPLETED') unfinishedTasks.add(node.id);
        onTask(node);
      }
    }
    let discovered = false;
    for (const [from, to] of deferred.splice(0)) {
      if (to === view.targetId || view.node(to) === undefined) continue;
      if (!neededBy.has(to)) discovered = true;
      // Already reached through edges: still record that the cascade needs it, for impact.
      need(from, to);
    }
    if (!discovered) break;
  }
  return { order, discoveredFrom, neededBy, findings, unfinishedTasks };
}

function partitionActivity(view: ConeView): Map<string, PartitionActivity> {
  const activity = new Map<string, PartitionActivity>();
  for (const node of view.nodes()) {
    if (node.kind !== 'task') continue;
    let entry = activity.get(node.partitionId);
    if (!entry) activity.set(node.partitionId, (entry = { latestStart: undefined, running: 0 }));
    if (node.startedAt !== undefined && (entry.latestStart === undefined || node.startedAt > entry.latestStart)) entry.latestStart = node.startedAt;
    if (node.status === 'DISPATCHED' || node.status === 'PROCESSING') entry.running += 1;
  }
  return activity;
}
