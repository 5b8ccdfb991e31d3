// What the webview remembers across reloads (`vscode.setState`): which trace it shows (the
// host's serializer re-attaches to it), the viewport, selection and the user's view choices.
// Read back defensively: the state may come from an older version of the extension.

import type { StatusClass } from '../src/shared/status-class';
import { STATUS_CLASSES } from '../src/shared/status-class';

export interface PersistedState {
  v: 1;
  resultId: string;
  sessionId: string;
  endpoint: string;
  zoom: number | undefined;
  pan: { x: number; y: number } | undefined;
  selectedId: string | undefined;
  hiddenClasses: StatusClass[];
  expanded: Record<string, number>;
  focusNodeId: string | undefined;
  paused: boolean;
  dimOthers: boolean;
  showCritical: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length < 1024 ? value : undefined;
}

export function readPersistedState(raw: unknown): PersistedState | undefined {
  if (!isRecord(raw) || raw.v !== 1) return undefined;
  const resultId = text(raw.resultId);
  if (!resultId) return undefined;
  const expanded: Record<string, number> = {};
  if (isRecord(raw.expanded)) {
    for (const [id, shown] of Object.entries(raw.expanded)) {
      const n = finite(shown);
      if (n !== undefined && n > 0 && id.length < 1024) expanded[id] = Math.floor(n);
    }
  }
  const pan = isRecord(raw.pan) && finite(raw.pan.x) !== undefined && finite(raw.pan.y) !== undefined ? { x: raw.pan.x as number, y: raw.pan.y as number } : undefined;
  return {
    v: 1,
    resultId,
    sessionId: text(raw.sessionId) ?? '',
    endpoint: text(raw.endpoint) ?? '',
    zoom: finite(raw.zoom),
    pan,
    selectedId: text(raw.selectedId),
    hiddenClasses: Array.isArray(raw.hiddenClasses) ? raw.hiddenClasses.filter((c): c is StatusClass => (STATUS_CLASSES as readonly unknown[]).includes(c)) : [],
    expanded,
    focusNodeId: text(raw.focusNodeId),
    paused: raw.paused === true,
    dimOthers: raw.dimOthers === true,
    showCritical: raw.showCritical === true,
  };
}
