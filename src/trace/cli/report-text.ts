// The short human report of `armonik-trace trace`: verdict first, then the chain to the root
// causes, the top blockers with what to do, the critical path, the ETA and what it cost to know.

import { firstLine } from '../cascade-error';
import { formatDuration } from '../format-duration';
import { abbreviatedId } from '../../shared/node-label';
import { countOf } from '../report-words';
import type { Diagnosis, Verdict } from '../types';

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
  verdict(verdict: Verdict, text: string): string;
}

export const PLAIN: TextStyle = { bold: (t) => t, dim: (t) => t, verdict: (_v, t) => t };

export const ANSI: TextStyle = {
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
  verdict: (v, t) => {
    const color = v === 'completed' ? 32 : v === 'in-progress' ? 36 : v === 'blocked' ? 33 : 31;
    return `\x1b[1;${color}m${t}\x1b[0m`;
  },
};

const VERDICT_LABEL: Record<Verdict, string> = {
  completed: 'COMPLETED',
  'in-progress': 'IN PROGRESS',
  blocked: 'BLOCKED',
  failed: 'FAILED',
};

export interface TextOptions {
  maxBlockers: number;
  style: TextStyle;
  /** Wall-clock for "ETA at" (local time). */
  timeZone?: string;
}

export function renderText(diagnosis: Diagnosis, options: TextOptions): string {
  const { style } = options;
  const lines: string[] = [];
  const t = diagnosis.target;
  const name = t.name !== '' && t.name !== t.id ? `${t.name} ` : '';
  lines.push(`${style.verdict(diagnosis.verdict, VERDICT_LABEL[diagnosis.verdict])}  result ${name}${style.dim(t.id)}  ${style.dim(`session ${t.sessionId}`)}`);
  lines.push(diagnosis.headline);

  if (diagnosis.rootCauses.length > 0) {
    lines.push('', style.bold(diagnosis.verdict === 'failed' ? 'Root causes' : 'Blocked by'));
    diagnosis.rootCauses.slice(0, 3).forEach((root, index) => {
      const chain = diagnosis.chains[index] ?? [root.id];
      lines.push(`  ${chain.join(' ← ')}`);
      const error = root.error !== undefined ? `: ${firstLine(root.error, 200)}` : '';
      lines.push(`    ${root.kind} ${root.id} ${root.status} (${root.reason})${error}`);
    });
    if (diagnosis.rootCauses.length > 3) lines.push(style.dim(`  … and ${diagnosis.rootCauses.length - 3} more`));
  }

  if (diagnosis.blockers.length > 0) {
    const total = diagnosis.blockersTotal ?? diagnosis.blockers.length;
    const shown = diagnosis.blockers.slice(0, options.maxBlockers);
    const counts = Object.entries(diagnosis.blockerCounts ?? {})
      .map(([reason, count]) => `${count} ${reason}`)
      .join(', ');
    lines.push('', style.bold(`Blockers (${shown.length} of ${total}${counts ? `: ${counts}` : ''})`));
    shown.forEach((b, index) => {
      lines.push(`  ${index + 1}. [${b.reason}] ${b.explanation} ${style.dim(`(impact ${b.impact})`)}`);
      lines.push(`     → ${b.nextStep}`);
    });
  }

  if (diagnosis.criticalPath.length > 1) {
    const total = diagnosis.criticalPath.reduce((sum, s) => sum + s.durationMs, 0);
    // An estimate of 0 means there was nothing to estimate from: say so rather than "0ms".
    const unknown = (s: { estimated: boolean; durationMs: number }) => s.estimated && s.durationMs === 0;
    const steps = diagnosis.criticalPath
      .filter((s) => s.kind === 'task')
      .map((s) => `${abbreviatedId(s.id)} ${unknown(s) ? '?' : `${s.estimated ? '~' : ''}${formatDuration(s.durationMs)}`}`);
    const hidden = steps.length > 8 ? [...steps.slice(0, 3), `… ${steps.length - 6} more …`, ...steps.slice(-3)] : steps;
    // Unknown durations make the total a lower bound, and no total at all when nothing is known.
    const length = !diagnosis.criticalPath.some(unknown) ? formatDuration(total) : total > 0 ? `at least ${formatDuration(total)}` : 'durations unknown';
    lines.push('', `${style.bold('Critical path')} (${length}, ${countOf(steps.length, 'task')}): ${hidden.join(' → ')}`);
  }

  const eta = diagnosis.eta;
  if (diagnosis.verdict === 'in-progress') {
    if (eta.remainingMs !== undefined && eta.at !== undefined) {
      lines.push(`${style.bold('ETA')} ~${formatDuration(eta.remainingMs)} (${clock(eta.at, options.timeZone)})`);
    } else lines.push(`${style.bold('ETA')} unknown`);
    for (const assumption of eta.assumptions.slice(0, 3)) lines.push(style.dim(`  assuming ${assumption}`));
  }

  const s = diagnosis.stats;
  const live = s.liveMode === 'polling' ? ' · live by polling (no Events service)' : s.liveMode === 'events' ? ' · live' : '';
  lines.push(
    '',
    style.dim(
      `Cone: ${countOf(diagnosis.cone.tasks, 'task')}, ${countOf(diagnosis.cone.results, 'result')}, depth ${diagnosis.cone.depth} · ` +
        `${countOf(s.rpcs, 'RPC')}, ${countOf(s.roundTrips, 'round trip')}, ${formatBytes(s.bytesReceived)}, ${formatDuration(s.ms)}${live}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

function clock(epochMs: number, timeZone: string | undefined): string {
  return new Date(epochMs).toLocaleTimeString('en-GB', { hour12: false, ...(timeZone ? { timeZone } : {}) });
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
