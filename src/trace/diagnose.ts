// The diagnosis of a cone: verdict, ranked blockers with reasons and next steps, root causes with
// the chain leading to them, critical path and ETA. Pure: it reads the cone and the context and
// never calls the server, so it can run after every live update and on hand-built graphs.

import { describeFinding } from './analysis/blocker-text';
import { ConeIndex, NONE } from './analysis/cone-index';
import { coneMetrics } from './analysis/cone-metrics';
import type { DiagnosisContext } from './analysis/context';
import { criticalPathAndEta } from './analysis/critical-path';
import { computeImpact } from './analysis/impact';
import { completedWalk, needsOf, walkNeeded, type Finding, type NeededWalk, type Severity } from './analysis/needed-walk';
import type { ConeView } from './cone-view';
import { formatDuration } from './format-duration';
import type { Blocker, BlockerReason, Diagnosis, ResultNode, RootCause, Verdict } from './types';

const DEFAULT_MAX_BLOCKERS = 50;

export function diagnose(view: ConeView, context: DiagnosisContext): Diagnosis {
  const target = view.node(view.targetId);
  if (target?.kind !== 'result') throw new Error(`the cone does not contain its target result ${view.targetId}`);
  const cone = ConeIndex.of(view);
  const metrics = coneMetrics(cone);
  const walk: NeededWalk = target.status === 'COMPLETED' ? completedWalk(cone) : walkNeeded(view, cone, context);
  const findings = walk.findings;
  const verdict = verdictOf(target, findings);

  const rootSeverity = verdict === 'failed' ? 'failed' : verdict === 'blocked' ? 'blocked' : undefined;
  const rootFindings = rootSeverity === undefined ? [] : findings.filter((f) => f.rootCause && f.severity === rootSeverity);
  const blockerFindings = findings.filter((f) => f.blocker);
  const { impact, approximate } = computeImpact(walk, [...new Set([...blockerFindings, ...rootFindings].map((f) => f.index))]);
  resolveCascadeRoots(walk, blockerFindings);

  // Rank on numbers first and put words only on the blockers kept: a 100,000-task cone can have
  // tens of thousands of blockers.
  const maxBlockers = context.maxBlockers ?? DEFAULT_MAX_BLOCKERS;
  const rankedFindings = blockerFindings
    .map((finding) => ({ finding, impact: impact.get(finding.index) ?? 1 }))
    .sort(compareFindings);
  const kept = rankedFindings.slice(0, maxBlockers).map(({ finding, impact: weight }) => toBlocker(finding, weight, view, context));
  const blockerCounts: Partial<Record<BlockerReason, number>> = {};
  for (const { finding } of rankedFindings) blockerCounts[finding.reason] = (blockerCounts[finding.reason] ?? 0) + 1;

  const rankedRoots = rootFindings
    .map((finding) => ({ finding, impact: impact.get(finding.index) ?? 1 }))
    .sort((a, b) => b.impact - a.impact || (b.finding.ageMs ?? 0) - (a.finding.ageMs ?? 0) || a.finding.id.localeCompare(b.finding.id));
  const rootCauses: RootCause[] = rankedRoots.map(({ finding }) => {
    const node = view.node(finding.id);
    return {
      id: finding.id,
      kind: finding.kind,
      status: node?.status ?? 'UNSPECIFIED',
      reason: finding.reason,
      error: node?.kind === 'task' ? node.error : undefined,
    };
  });
  const chains = rankedRoots.map(({ finding }) => chainTo(walk, finding.index));

  const now = context.now;
  const { steps, eta } = criticalPathAndEta(cone, verdict, now, context.partitions);
  const diagnosis: Diagnosis = {
    target: { id: target.id, sessionId: target.sessionId, name: target.name, status: target.status, ownerTaskId: target.ownerTaskId },
    verdict,
    headline: '',
    progress: metrics.progress,
    blockers: kept,
    rootCauses,
    chains,
    criticalPath: steps,
    eta,
    cone: { tasks: metrics.tasks, results: metrics.results, depth: metrics.depth },
    stats: context.stats ?? { rpcs: 0, roundTrips: 0, ms: 0, bytesReceived: 0 },
    computedAt: now,
    blockersTotal: rankedFindings.length,
    blockerCounts,
    ...(approximate ? { impactApproximate: true } : {}),
    ...(context.endpoint !== undefined ? { endpoint: context.endpoint } : {}),
  };
  diagnosis.headline = headline(diagnosis, target, blockerCounts, rankedRoots.map((r) => r.finding), view, context);
  return diagnosis;
}

function verdictOf(target: ResultNode, findings: readonly Finding[]): Verdict {
  if (target.status === 'COMPLETED') return 'completed';
  if (target.status === 'ABORTED' || target.status === 'DELETED' || target.missing) return 'failed';
  if (findings.some((f) => f.severity === 'failed')) return 'failed';
  if (findings.some((f) => f.severity === 'blocked')) return 'blocked';
  return 'in-progress';
}

/** For cascades and dead inputs, the nearest root cause they (transitively) need. */
function resolveCascadeRoots(walk: NeededWalk, findings: readonly Finding[]): void {
  const cascades = findings.filter((f) => f.reason === 'cascade' || f.reason === 'aborted-input');
  if (cascades.length === 0) return;
  const needs = needsOf(walk);
  const seen = new Int32Array(walk.cone.size);
  for (let k = 0; k < cascades.length; k++) {
    const finding = cascades[k]!;
    const stamp = k + 1;
    seen[finding.index] = stamp;
    const queue = [finding.index];
    for (let q = 0; q < queue.length; q++) {
      const current = walk.findingAt[queue[q]!];
      if (current && current !== finding && current.rootCause && current.kind === 'task') {
        finding.facts.rootCauseTaskId = current.id;
        break;
      }
      for (const next of needs[queue[q]!] ?? []) {
        if (seen[next] !== stamp) {
          seen[next] = stamp;
          queue.push(next);
        }
      }
    }
  }
}

function toBlocker(finding: Finding, impact: number, view: ConeView, context: DiagnosisContext): Blocker {
  const node = view.node(finding.id);
  const text = describeFinding(finding, view, context);
  const blocker: Blocker = {
    id: finding.id,
    kind: finding.kind,
    status: node?.status ?? 'UNSPECIFIED',
    reason: finding.reason,
    explanation: text.explanation,
    nextStep: text.nextStep,
    impact,
    ageMs: finding.ageMs,
    facts: finding.facts,
  };
  if (node?.kind === 'task' && node.error !== undefined) blocker.error = node.error;
  return blocker;
}

/** What needs someone first: a failure, then a blocked queue or orphan, then work that will go on
 * by itself (see Severity). */
const SEVERITY_RANK: Record<Severity, number> = { failed: 0, blocked: 1, active: 2 };

/** Blockers that need intervention before work that is only under way, then the most impactful,
 * then the oldest, then by ID so that equal blockers keep a stable order. */
function compareFindings(a: { finding: Finding; impact: number }, b: { finding: Finding; impact: number }): number {
  const fa = a.finding;
  const fb = b.finding;
  return (
    SEVERITY_RANK[fa.severity] - SEVERITY_RANK[fb.severity] ||
    b.impact - a.impact ||
    (fb.ageMs ?? -1) - (fa.ageMs ?? -1) ||
    (fa.id < fb.id ? -1 : fa.id > fb.id ? 1 : 0)
  );
}

/** Node IDs from the target down to `root`, along the first way the walk found each node. */
function chainTo(walk: NeededWalk, root: number): string[] {
  const { cone } = walk;
  const chain = [root];
  const guard = new Set(chain);
  let current = root;
  while (current !== cone.target) {
    const previous = walk.discoveredFrom[current]!;
    if (previous === NONE || guard.has(previous)) break;
    chain.push(previous);
    guard.add(previous);
    current = previous;
  }
  if (chain[chain.length - 1] !== cone.target) chain.push(cone.target);
  return chain.reverse().map((i) => cone.nodes[i]!.id);
}

function headline(
  diagnosis: Diagnosis,
  target: ResultNode,
  counts: Partial<Record<BlockerReason, number>>,
  roots: readonly Finding[],
  view: ConeView,
  context: DiagnosisContext,
): string {
  const name = target.name !== '' && target.name !== target.id ? `${target.name} (${target.id})` : target.id;
  switch (diagnosis.verdict) {
    case 'completed':
      return `Result ${name} is completed.`;
    case 'failed': {
      const root = roots[0];
      const why = root !== undefined ? describeFinding(root, view, context).explanation : `the result is ${target.status}`;
      const more = roots.length > 1 ? ` (and ${roots.length - 1} other root cause${roots.length > 2 ? 's' : ''})` : '';
      return `Result ${name} will never be produced: ${why}${more}.`;
    }
    case 'blocked': {
      const root = roots[0];
      const why = root !== undefined ? describeFinding(root, view, context).explanation : 'it cannot progress';
      const more = roots.length > 1 ? ` (and ${roots.length - 1} other blocker${roots.length > 2 ? 's' : ''})` : '';
      return `Result ${name} is blocked: ${why}${more}.`;
    }
    case 'in-progress': {
      const parts = (['running', 'retrying', 'queued', 'waiting-dependencies'] as const)
        .filter((reason) => counts[reason] !== undefined)
        .map((reason) => `${counts[reason]} ${reason === 'waiting-dependencies' ? 'waiting' : reason}`);
      const eta = diagnosis.eta.remainingMs !== undefined ? `; ETA ~${formatDuration(diagnosis.eta.remainingMs)}` : '';
      const activity = parts.length > 0 ? ` (${parts.join(', ')})` : '';
      return `Result ${name} is in progress: ${diagnosis.progress.done}/${diagnosis.progress.total} tasks done${activity}${eta}.`;
    }
  }
}
