// The panel's header: verdict, progress, ETA and the top blockers, each pointing at the view
// node that shows it so a click can select it.

import type { Diagnosis } from '../types';
import type { ViewHeader } from '../../shared/view-graph';
import type { ViewIdLookup } from './aggregate';

export const HEADER_BLOCKERS = 5;

export function buildHeader(diagnosis: Diagnosis, repOf: ViewIdLookup): ViewHeader {
  return {
    resultId: diagnosis.target.id,
    resultName: diagnosis.target.name,
    verdict: diagnosis.verdict,
    headline: diagnosis.headline,
    progress: { done: diagnosis.progress.done, total: diagnosis.progress.total },
    etaMs: diagnosis.eta.remainingMs,
    etaAt: diagnosis.eta.at,
    blockers: diagnosis.blockers.slice(0, HEADER_BLOCKERS).map((b) => ({
      id: b.id,
      viewId: repOf.get(b.id) ?? b.id,
      kind: b.kind,
      status: b.status,
      reason: b.reason,
      explanation: b.explanation,
      nextStep: b.nextStep,
      impact: b.impact,
    })),
    blockerCount: diagnosis.blockers.length,
    rootCauseCount: diagnosis.rootCauses.length,
    cone: { ...diagnosis.cone },
    computedAt: diagnosis.computedAt,
  };
}
