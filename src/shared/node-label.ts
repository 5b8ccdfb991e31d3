// How nodes are named on screen. ArmoniK IDs are GUIDs: their first 8 characters tell them
// apart in practice, and the full ID is always one click away (side panel, Copy ID).

import type { TraceNode } from '../trace/types';

const RETRY_SEPARATOR = '###';
const MAX_NAME = 24;

/** `3f2a9c1e-…-…` → `3f2a9c1e`; a retry keeps its attempt suffix: `3f2a9c1e###2`. */
export function shortId(id: string): string {
  return cutId(id, '');
}

/** The same in prose and lists, where a cut ID must look cut: `3f2a9c1e…`, `3f2a9c1e…###2`. */
export function abbreviatedId(id: string): string {
  return cutId(id, '…');
}

function cutId(id: string, mark: string): string {
  const retry = id.indexOf(RETRY_SEPARATOR);
  const base = retry >= 0 ? id.slice(0, retry) : id;
  const suffix = retry >= 0 ? id.slice(retry) : '';
  const head = base.length > 12 ? `${base.slice(0, 8)}${mark}` : base;
  return head + suffix;
}

/** Keeps labels on one short line whatever a client named its result. */
export function clip(text: string, max = MAX_NAME): string {
  // Control characters would draw as boxes or break lines inside the canvas label.
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Two-line node label: name (or short ID) and status, so status is readable without colour. */
export function nodeLabel(node: TraceNode): string {
  if (node.kind === 'task') {
    const attempt = node.attempt > 1 && !node.id.includes(RETRY_SEPARATOR) ? ` #${node.attempt}` : '';
    return `task ${shortId(node.id)}${attempt}\n${node.status}`;
  }
  const name = node.name ? clip(node.name) : shortId(node.id);
  return `${name}\n${node.missing ? 'MISSING' : node.status}`;
}

/** One-line name for links and lists. */
export function nodeTitle(node: TraceNode): string {
  if (node.kind === 'task') return `task ${shortId(node.id)}`;
  return node.name ? `${clip(node.name)} (${shortId(node.id)})` : `result ${shortId(node.id)}`;
}
