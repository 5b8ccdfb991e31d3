// Words for a session's task counts (`CountTasksByStatus`), grouped the way a user thinks about
// progress rather than by Core's fourteen statuses. No vscode here.

import type { TaskStatus } from '../../armonik/model';

export type TaskCounts = Partial<Record<TaskStatus, number>>;

const BUCKETS: Array<{ label: string; statuses: TaskStatus[] }> = [
  { label: 'done', statuses: ['COMPLETED', 'PROCESSED'] },
  { label: 'failed', statuses: ['ERROR', 'TIMEOUT'] },
  { label: 'running', statuses: ['DISPATCHED', 'PROCESSING'] },
  { label: 'queued', statuses: ['SUBMITTED'] },
  { label: 'waiting', statuses: ['CREATING', 'PENDING'] },
  { label: 'paused', statuses: ['PAUSED'] },
  { label: 'cancelled', statuses: ['CANCELLING', 'CANCELLED'] },
];

export function totalTasks(counts: TaskCounts): number {
  return Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
}

/** `12 done · 3 failed · 5 running`, leaving out empty buckets and retried attempts (each
 * retried attempt has a successor that is counted instead). */
export function summarizeCounts(counts: TaskCounts): string {
  const parts: string[] = [];
  for (const bucket of BUCKETS) {
    const n = bucket.statuses.reduce((a, s) => a + (counts[s] ?? 0), 0);
    if (n > 0) parts.push(`${n.toLocaleString('en-US')} ${bucket.label}`);
  }
  return parts.length > 0 ? parts.join(' · ') : 'no tasks';
}

/** One line per status present, largest first, for tooltips. */
export function countLines(counts: TaskCounts): string[] {
  return Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([status, n]) => `${status}: ${(n ?? 0).toLocaleString('en-US')}`);
}
