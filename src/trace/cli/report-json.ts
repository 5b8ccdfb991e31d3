// The JSON report of `armonik-trace trace --format json`: a stable, versioned schema
// (docs/trace-report.md, docs/trace-report.schema.json) built from a Diagnosis. Times are ISO
// strings, absent values are null (never missing keys), so consumers can rely on the shape.

import type { DiscoveredEndpoint } from '../../armonik/discovery';
import type { BlockerFacts, BlockerReason, Diagnosis, LiveMode, Verdict } from '../types';

export const REPORT_SCHEMA_VERSION = 1;

export interface TraceReportV1 {
  schemaVersion: 1;
  endpoint: { url: string; source: DiscoveredEndpoint['source'] };
  result: { id: string; name: string; status: string; ownerTaskId: string; sessionId: string };
  verdict: Verdict;
  headline: string;
  progress: { done: number; total: number };
  blockers: Array<{
    id: string;
    kind: 'task' | 'result';
    status: string;
    reason: BlockerReason;
    explanation: string;
    nextStep: string;
    impact: number;
    ageMs: number | null;
    error: string | null;
    facts: BlockerFacts;
  }>;
  blockersTotal: number;
  blockerCounts: Partial<Record<BlockerReason, number>>;
  rootCauses: Array<{ id: string; kind: 'task' | 'result'; status: string; reason: BlockerReason; error: string | null }>;
  chains: string[][];
  criticalPath: Array<{ id: string; kind: 'task' | 'result'; status: string; durationMs: number; estimated: boolean }>;
  eta: { remainingMs: number | null; at: string | null; assumptions: string[] };
  cone: { tasks: number; results: number; depth: number };
  stats: { rpcs: number; roundTrips: number; ms: number; bytesReceived: number; liveMode: LiveMode };
  computedAt: string;
}

const iso = (ms: number | undefined): string | null => (ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

export function toReport(diagnosis: Diagnosis, endpoint: Pick<DiscoveredEndpoint, 'url' | 'source'>): TraceReportV1 {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    endpoint: { url: endpoint.url, source: endpoint.source },
    result: {
      id: diagnosis.target.id,
      name: diagnosis.target.name,
      status: diagnosis.target.status,
      ownerTaskId: diagnosis.target.ownerTaskId,
      sessionId: diagnosis.target.sessionId,
    },
    verdict: diagnosis.verdict,
    headline: diagnosis.headline,
    progress: { ...diagnosis.progress },
    blockers: diagnosis.blockers.map((b) => ({
      id: b.id,
      kind: b.kind,
      status: b.status,
      reason: b.reason,
      explanation: b.explanation,
      nextStep: b.nextStep,
      impact: b.impact,
      ageMs: b.ageMs ?? null,
      error: b.error ?? null,
      facts: { ...b.facts },
    })),
    blockersTotal: diagnosis.blockersTotal ?? diagnosis.blockers.length,
    blockerCounts: { ...(diagnosis.blockerCounts ?? {}) },
    rootCauses: diagnosis.rootCauses.map((r) => ({ id: r.id, kind: r.kind, status: r.status, reason: r.reason, error: r.error ?? null })),
    chains: diagnosis.chains.map((chain) => [...chain]),
    criticalPath: diagnosis.criticalPath.map((s) => ({ id: s.id, kind: s.kind, status: s.status, durationMs: s.durationMs, estimated: s.estimated })),
    eta: { remainingMs: diagnosis.eta.remainingMs ?? null, at: iso(diagnosis.eta.at), assumptions: [...diagnosis.eta.assumptions] },
    cone: { ...diagnosis.cone },
    stats: {
      rpcs: diagnosis.stats.rpcs,
      roundTrips: diagnosis.stats.roundTrips,
      ms: diagnosis.stats.ms,
      bytesReceived: diagnosis.stats.bytesReceived,
      liveMode: diagnosis.stats.liveMode ?? 'snapshot',
    },
    computedAt: iso(diagnosis.computedAt) ?? new Date(0).toISOString(),
  };
}
