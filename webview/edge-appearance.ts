// How each edge kind is drawn. One table feeds the Cytoscape style, the legend and the SVG
// export, so the three always agree.

import type { EdgeKind } from '../src/trace/types';

export interface EdgeAppearance {
  line: 'solid' | 'dotted' | 'dashed';
  /** SVG stroke-dasharray equivalent of `line`. */
  dash: string | undefined;
  arrow: 'triangle' | 'vee' | 'circle' | 'triangle-tee' | 'triangle-backcurve' | 'diamond';
  width: number;
  /** Legend text: what the arrow means, read source → target. */
  meaning: string;
}

export const EDGE_APPEARANCE: Readonly<Record<EdgeKind, EdgeAppearance>> = {
  output: { line: 'solid', dash: undefined, arrow: 'triangle', width: 2, meaning: 'result → task that must produce it' },
  input: { line: 'solid', dash: undefined, arrow: 'vee', width: 1.2, meaning: 'task → input it waits for' },
  payload: { line: 'dotted', dash: '2 3', arrow: 'circle', width: 1.2, meaning: 'task → its payload' },
  'delegated-to': { line: 'dashed', dash: '7 4', arrow: 'triangle-tee', width: 1.5, meaning: 'task → subtask it handed its output to' },
  'retry-of': { line: 'dashed', dash: '4 3', arrow: 'triangle-backcurve', width: 1.5, meaning: 'retry → attempt it replaces' },
  'subtask-of': { line: 'dotted', dash: '1 4', arrow: 'diamond', width: 1, meaning: 'subtask → task that created it' },
};

/** Edge kinds in legend order (the webview imports only types from src/trace). */
export const EDGE_KIND_ORDER = Object.keys(EDGE_APPEARANCE) as EdgeKind[];
