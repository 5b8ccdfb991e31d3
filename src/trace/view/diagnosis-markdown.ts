// The diagnosis as Markdown, to paste into an issue or a chat. Server strings (names, errors)
// are data: they go into code spans and fences sized so that no backtick run inside can close
// them, and table cells are escaped, so a hostile error text cannot break the layout.

import type { Diagnosis } from '../types';

/** Longest error excerpt per root cause; the JSON export has the full text. */
export const MARKDOWN_ERROR_LIMIT = 4000;
const TABLE_ROWS = 20;

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** Inline code that survives backticks and line breaks in `text`. */
export function code(text: string): string {
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  const ticks = '`'.repeat(longestRun(flat, '`') + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** A fenced block that no line of `text` can close. */
export function fence(text: string, info = 'text'): string {
  const ticks = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
  return `${ticks}${info}\n${text}\n${ticks}`;
}

function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
}

function formatMs(ms: number | undefined): string {
  if (ms === undefined) return 'unknown';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = s / 60;
  if (m < 90) return `${Math.round(m)} min`;
  return `${(m / 60).toFixed(1)} h`;
}

function stripControls(text: string): string {
  // Keep newlines and tabs; other control characters are invisible noise or terminal escapes.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\uFFFD');
}

export function diagnosisToMarkdown(diagnosis: Diagnosis, context: { endpoint?: string } = {}): string {
  const t = diagnosis.target;
  const lines: string[] = [];
  const name = t.name ? `${code(stripControls(t.name))} ` : '';
  lines.push(`## ArmoniK Trace: result ${name}(${code(t.id)})`, '');
  lines.push(`**Verdict: ${diagnosis.verdict}.** ${cell(stripControls(diagnosis.headline))}`, '');
  const { done, total } = diagnosis.progress;
  const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
  lines.push(`- Session: ${code(t.sessionId)}`);
  if (context.endpoint) lines.push(`- Endpoint: ${code(context.endpoint)}`);
  lines.push(`- Result status: ${t.status}`);
  lines.push(`- Progress: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} tasks completed (${percent}%)`);
  const eta = diagnosis.eta;
  lines.push(`- ETA: ${eta.remainingMs === undefined ? 'never, unless something changes' : eta.remainingMs === 0 ? 'done' : `${formatMs(eta.remainingMs)}${eta.at ? ` (about ${new Date(eta.at).toISOString()})` : ''}`}`);
  lines.push(`- Cone: ${diagnosis.cone.tasks.toLocaleString('en-US')} tasks, ${diagnosis.cone.results.toLocaleString('en-US')} results, depth ${diagnosis.cone.depth}`);
  lines.push(`- Computed at: ${new Date(diagnosis.computedAt).toISOString()}`, '');

  if (diagnosis.rootCauses.length > 0) {
    lines.push(`### Root causes (${diagnosis.rootCauses.length})`, '');
    diagnosis.rootCauses.slice(0, TABLE_ROWS).forEach((cause, i) => {
      lines.push(`${i + 1}. ${cause.kind} ${code(cause.id)}: ${cause.status} (${cause.reason})`);
      if (cause.error) {
        const error = stripControls(cause.error);
        const excerpt = error.length > MARKDOWN_ERROR_LIMIT ? `${error.slice(0, MARKDOWN_ERROR_LIMIT)}\n… (${(error.length - MARKDOWN_ERROR_LIMIT).toLocaleString('en-US')} more characters)` : error;
        lines.push('', fence(excerpt).replace(/^/gm, '   '), '');
      }
    });
    if (diagnosis.rootCauses.length > TABLE_ROWS) lines.push(`… and ${diagnosis.rootCauses.length - TABLE_ROWS} more.`);
    lines.push('');
  }

  if (diagnosis.blockers.length > 0) {
    lines.push(`### Top blockers (${diagnosis.blockers.length} in all)`, '');
    lines.push('| # | Node | Status | Reason | Impact | Explanation | Next step |', '|---|---|---|---|---|---|---|');
    diagnosis.blockers.slice(0, TABLE_ROWS).forEach((b, i) => {
      lines.push(`| ${i + 1} | ${b.kind} ${cell(code(b.id))} | ${b.status} | ${b.reason} | ${b.impact} | ${cell(stripControls(b.explanation))} | ${cell(stripControls(b.nextStep))} |`);
    });
    lines.push('');
  }

  if (diagnosis.chains.length > 0) {
    lines.push('### Blocking chain', '');
    for (const chain of diagnosis.chains.slice(0, 5)) lines.push(`- ${chain.map((id) => code(id)).join(' → ')}`);
    lines.push('');
  }

  if (diagnosis.criticalPath.length > 0) {
    lines.push('### Critical path', '');
    lines.push('| Step | Node | Status | Duration |', '|---|---|---|---|');
    diagnosis.criticalPath.forEach((step, i) => {
      lines.push(`| ${i + 1} | ${step.kind} ${cell(code(step.id))} | ${step.status} | ${formatMs(step.durationMs)}${step.estimated ? ' (estimated)' : ''} |`);
    });
    lines.push('');
  }
  if (eta.assumptions.length > 0) {
    lines.push('ETA assumptions: ' + eta.assumptions.map((a) => cell(stripControls(a))).join('; ') + '.', '');
  }
  lines.push('_Generated by ArmoniK Trace._', '');
  return lines.join('\n');
}
