// The legend: node shapes, status colours and edge styles, drawn with the same table the
// graph uses. SVG is built with createElementNS and attributes (no inline style, CSP-safe).

import { STATUS_CLASSES, STATUS_CLASS_LABEL } from '../src/shared/status-class';
import { h } from './dom-builder';
import { EDGE_APPEARANCE, EDGE_KIND_ORDER } from './edge-appearance';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) element.setAttribute(k, v);
  return element;
}

function edgeSample(dash: string | undefined, width: number): SVGElement {
  const root = svg('svg', { width: '44', height: '10', viewBox: '0 0 44 10', 'aria-hidden': 'true', class: 'edge-sample' });
  root.append(svg('line', { x1: '2', y1: '5', x2: '36', y2: '5', 'stroke-width': String(width), ...(dash ? { 'stroke-dasharray': dash } : {}) }));
  root.append(svg('path', { d: 'M35,1 L43,5 L35,9 z' }));
  return root;
}

export function buildLegend(): HTMLElement {
  const shapes = h(
    'ul',
    { class: 'legend-list' },
    h('li', {}, h('span', { class: 'shape shape-task', 'aria-hidden': 'true' }), 'Task'),
    h('li', {}, h('span', { class: 'shape shape-result', 'aria-hidden': 'true' }), 'Result (data)'),
    h('li', {}, h('span', { class: 'shape shape-group', 'aria-hidden': 'true' }), 'Group of similar siblings (select, then Expand)'),
    h('li', {}, h('span', { class: 'shape shape-root', 'aria-hidden': 'true' }), '⚠ Root cause; #n: n-th blocker; red halo: blocking chain'),
  );
  const statuses = h('ul', { class: 'legend-list' });
  for (const sclass of STATUS_CLASSES) statuses.append(h('li', {}, h('span', { class: `dot s-${sclass}`, 'aria-hidden': 'true' }), STATUS_CLASS_LABEL[sclass]));
  const edges = h('ul', { class: 'legend-list' });
  for (const kind of EDGE_KIND_ORDER) {
    const a = EDGE_APPEARANCE[kind];
    const item = h('li', { class: `edge-kind e-${kind}` });
    item.append(edgeSample(a.dash, a.width), h('strong', {}, kind), ` ${a.meaning}`);
    edges.append(item);
  }
  return h(
    'details',
    { class: 'menu legend' },
    h('summary', {}, 'Legend'),
    h('div', { class: 'menu-body legend-body' }, h('h3', {}, 'Nodes'), shapes, h('h3', {}, 'Status'), statuses, h('h3', {}, 'Edges'), edges),
  );
}
