// The Cytoscape stylesheet, built from the theme palette. Status drives colour (fill tint and
// border); kind drives shape (task: rounded box, result: ellipse, group: stacked box); marks
// add emphasis (target, blockers, root causes, chain); classes toggled by the UI handle
// selection, dimming, the critical-path overlay and filtered-out nodes.

import type cytoscape from 'cytoscape';
import { STATUS_CLASSES } from '../src/shared/status-class';
import { NODE_SIZE } from '../src/shared/view-graph';
import { EDGE_APPEARANCE, EDGE_KIND_ORDER } from './edge-appearance';
import type { Palette } from './theme';

export function buildGraphStyle(p: Palette): cytoscape.StylesheetJson {
  const highContrast = p.kind === 'high-contrast' || p.kind === 'high-contrast-light';
  const style: cytoscape.StylesheetJson = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': 11,
        // Cytoscape's parser rejects quoted family names.
        'font-family': p.fontFamily.replace(/["']/g, ''),
        color: p.foreground,
        'background-color': p.background,
        'background-opacity': 1,
        'border-width': highContrast ? 2 : 1.5,
        'border-color': p.border,
        'min-zoomed-font-size': 5,
      },
    },
    // Sizes per kind rather than data mappers: Cytoscape caches styles it can share.
    { selector: 'node.task', style: { shape: 'round-rectangle', width: NODE_SIZE.task.w, height: NODE_SIZE.task.h, 'text-max-width': `${NODE_SIZE.task.w - 14}px` } },
    { selector: 'node.result', style: { shape: 'ellipse', width: NODE_SIZE.result.w, height: NODE_SIZE.result.h, 'text-max-width': `${NODE_SIZE.result.w - 14}px` } },
    {
      selector: 'node.group',
      style: { shape: 'round-rectangle', width: NODE_SIZE.group.w, height: NODE_SIZE.group.h, 'text-max-width': `${NODE_SIZE.group.w - 14}px`, 'border-style': 'double', 'border-width': 4, 'font-size': 10.5 },
    },
    { selector: 'node.remainder', style: { 'border-style': 'dashed', 'border-width': 2 } },
  ];
  for (const sclass of STATUS_CLASSES) {
    const color = p.status[sclass];
    style.push({
      selector: `node.s-${sclass}`,
      style: { 'border-color': color, 'background-color': color, 'background-opacity': highContrast ? 0 : 0.16 },
    });
  }
  style.push(
    { selector: 'node.target', style: { 'border-width': 4, 'font-weight': 'bold' } },
    { selector: 'node.blocker', style: { 'border-width': 3 } },
    { selector: 'node.root-cause', style: { 'border-width': 5, 'border-color': p.error, 'font-weight': 'bold' } },
    { selector: 'node.chain', style: { 'underlay-color': p.error, 'underlay-opacity': 0.18, 'underlay-padding': 5, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.show-critical.critical', style: { 'outline-width': 3, 'outline-color': p.critical, 'outline-offset': 3, 'outline-opacity': 1 } },
    { selector: 'node:selected', style: { 'overlay-color': p.selection, 'overlay-opacity': 0.25, 'overlay-padding': 6 } },
    { selector: 'node.keyboard-focus', style: { 'outline-width': 2, 'outline-color': p.focus, 'outline-offset': 5, 'outline-style': 'dashed' } },
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': p.edge,
        'target-arrow-color': p.edge,
        'curve-style': 'bezier',
        'arrow-scale': 0.9,
        // High contrast themes promise full-strength strokes: a faded line falls below 3:1.
        opacity: highContrast ? 1 : 0.85,
      },
    },
  );
  for (const kind of EDGE_KIND_ORDER) {
    const a = EDGE_APPEARANCE[kind];
    style.push({ selector: `edge.e-${kind}`, style: { 'line-style': a.line, 'target-arrow-shape': a.arrow, width: a.width } });
  }
  style.push(
    // Provenance links: context, not flow; kept faint so the data flow reads first (in high
    // contrast they stay opaque: their dotted line and diamond arrow still set them apart).
    { selector: 'edge.e-subtask-of', style: { opacity: highContrast ? 1 : 0.35, 'curve-style': 'straight' } },
    { selector: 'edge.e-retry-of', style: { 'line-color': p.status.retried, 'target-arrow-color': p.status.retried } },
    { selector: 'edge.multi', style: { label: 'data(label)', 'font-size': 9, color: p.muted, 'text-background-color': p.background, 'text-background-opacity': 0.85, 'text-background-padding': '1px', 'min-zoomed-font-size': 8 } },
    { selector: 'edge.chain', style: { width: 3, 'line-color': p.error, 'target-arrow-color': p.error, opacity: 1 } },
    { selector: 'edge.show-critical.critical', style: { width: 4, 'line-color': p.critical, 'target-arrow-color': p.critical, opacity: 1 } },
    { selector: '.dimmed', style: { opacity: 0.15 } },
    { selector: '.filtered', style: { display: 'none' } },
    { selector: 'node.entering', style: { opacity: 0 } },
  );
  return style;
}
