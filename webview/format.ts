// Numbers and durations as the panel shows them.

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "1 node", "2,312 nodes": a count and its noun, plural when the count is not one. */
export function formatCountOf(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return 'unknown';
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = s / 60;
  if (m < 90) return `${Math.round(m)} min`;
  const hours = m / 60;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} days`;
}

export function formatTime(epochMs: number | undefined): string {
  if (epochMs === undefined) return '—';
  const d = new Date(epochMs);
  return Number.isNaN(d.getTime()) ? '—' : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}
