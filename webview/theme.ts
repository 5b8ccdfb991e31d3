// Colours come from the VS Code theme (`--vscode-*` variables on <body>). Cytoscape styles are
// JavaScript values, not CSS, so they are read with getComputedStyle and the graph style is
// rebuilt when the theme changes (VS Code swaps the body class: vscode-light, vscode-dark,
// vscode-high-contrast, vscode-high-contrast-light).

import type { StatusClass } from '../src/shared/status-class';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Palette {
  kind: ThemeKind;
  background: string;
  foreground: string;
  muted: string;
  border: string;
  focus: string;
  selection: string;
  error: string;
  critical: string;
  edge: string;
  fontFamily: string;
  status: Record<StatusClass, string>;
}

const FALLBACK: Record<'light' | 'dark', Omit<Palette, 'kind' | 'status'> & { status: Record<StatusClass, string> }> = {
  dark: {
    background: '#1e1e1e',
    foreground: '#cccccc',
    muted: '#9d9d9d',
    border: '#454545',
    focus: '#007fd4',
    selection: '#007fd4',
    error: '#f14c4c',
    critical: '#b180d7',
    edge: '#8b8b8b',
    fontFamily: 'system-ui, sans-serif',
    status: { failed: '#f14c4c', running: '#3794ff', queued: '#cca700', waiting: '#9d9d9d', retried: '#d18616', paused: '#b180d7', cancelled: '#6e6e6e', done: '#73c991' },
  },
  light: {
    background: '#ffffff',
    foreground: '#3b3b3b',
    muted: '#717171',
    border: '#c8c8c8',
    focus: '#0090f1',
    selection: '#0060c0',
    error: '#e51400',
    critical: '#652d90',
    edge: '#6f6f6f',
    fontFamily: 'system-ui, sans-serif',
    status: { failed: '#e51400', running: '#1a85ff', queued: '#bf8803', waiting: '#717171', retried: '#c27d1a', paused: '#652d90', cancelled: '#9a9a9a', done: '#388a34' },
  },
};

export function themeKind(body: HTMLElement): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  if (c.contains('vscode-light')) return 'light';
  return 'dark';
}

export function readPalette(body: HTMLElement = document.body): Palette {
  const kind = themeKind(body);
  const style = getComputedStyle(body);
  const base = FALLBACK[kind === 'light' || kind === 'high-contrast-light' ? 'light' : 'dark'];
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const foreground = v('--vscode-editor-foreground', v('--vscode-foreground', base.foreground));
  return {
    kind,
    background: v('--vscode-editor-background', base.background),
    foreground,
    muted: v('--vscode-descriptionForeground', base.muted),
    border: v('--vscode-contrastBorder', v('--vscode-editorWidget-border', base.border)),
    focus: v('--vscode-focusBorder', base.focus),
    selection: v('--vscode-focusBorder', base.selection),
    error: v('--vscode-errorForeground', base.error),
    critical: v('--vscode-charts-purple', base.critical),
    edge: v('--vscode-editorLineNumber-foreground', base.edge),
    fontFamily: v('--vscode-font-family', base.fontFamily),
    status: {
      failed: v('--vscode-testing-iconFailed', v('--vscode-errorForeground', base.status.failed)),
      running: v('--vscode-charts-blue', base.status.running),
      queued: v('--vscode-charts-yellow', base.status.queued),
      waiting: v('--vscode-descriptionForeground', base.status.waiting),
      retried: v('--vscode-charts-orange', base.status.retried),
      paused: v('--vscode-charts-purple', base.status.paused),
      cancelled: v('--vscode-disabledForeground', base.status.cancelled),
      done: v('--vscode-testing-iconPassed', base.status.done),
    },
  };
}

/** Calls `onChange` with a fresh palette whenever VS Code switches theme. */
export function watchTheme(onChange: (palette: Palette) => void, body: HTMLElement = document.body): () => void {
  let last = body.className;
  const observer = new MutationObserver(() => {
    if (body.className === last) return;
    last = body.className;
    onChange(readPalette(body));
  });
  observer.observe(body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  return () => observer.disconnect();
}
