// SVG export of the view, written from the view model (positions, kinds, statuses) rather than
// from the canvas: the result is small, sharp at any zoom, and needs no library. Every string
// goes through escapeXml, so a hostile name cannot inject markup into the exported file.

import { statusClass } from '../src/shared/status-class';
import type { ViewEdge, ViewNode } from '../src/shared/view-graph';
import { EDGE_APPEARANCE } from './edge-appearance';
import type { Palette } from './theme';

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Where the segment from the centre of `node` towards (tx, ty) leaves its box. */
function boundary(node: ViewNode, tx: number, ty: number): { x: number; y: number } {
  const dx = tx - node.x;
  const dy = ty - node.y;
  if (dx === 0 && dy === 0) return { x: node.x, y: node.y };
  const hw = node.w / 2;
  const hh = node.h / 2;
  let t: number;
  if (node.kind === 'result') {
    t = 1 / Math.sqrt((dx * dx) / (hw * hw) + (dy * dy) / (hh * hh));
  } else {
    t = Math.min(dx === 0 ? Infinity : hw / Math.abs(dx), dy === 0 ? Infinity : hh / Math.abs(dy));
  }
  return { x: node.x + dx * t, y: node.y + dy * t };
}

function round(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

export function graphToSvg(nodes: readonly ViewNode[], edges: readonly ViewEdge[], palette: Palette): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pad = 40;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.x - n.w / 2);
    maxX = Math.max(maxX, n.x + n.w / 2);
    minY = Math.min(minY, n.y - n.h / 2);
    maxY = Math.max(maxY, n.y + n.h / 2);
  }
  if (nodes.length === 0) minX = minY = maxX = maxY = 0;
  const width = maxX - minX + 2 * pad;
  const height = maxY - minY + 2 * pad;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${round(height)}" viewBox="${round(minX - pad)} ${round(minY - pad)} ${round(width)} ${round(height)}" font-family="${escapeXml(palette.fontFamily)}" font-size="11">`,
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${escapeXml(palette.edge)}"/></marker>`,
    `<marker id="arrow-chain" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${escapeXml(palette.error)}"/></marker>`,
    '</defs>',
    `<rect x="${round(minX - pad)}" y="${round(minY - pad)}" width="${round(width)}" height="${round(height)}" fill="${escapeXml(palette.background)}"/>`,
  );
  out.push('<g class="edges">');
  for (const e of edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const a = boundary(s, t.x, t.y);
    const b = boundary(t, s.x, s.y);
    const look = EDGE_APPEARANCE[e.kind];
    const color = e.chain ? palette.error : e.kind === 'retry-of' ? palette.status.retried : palette.edge;
    out.push(
      `<line x1="${round(a.x)}" y1="${round(a.y)}" x2="${round(b.x)}" y2="${round(b.y)}" stroke="${escapeXml(color)}" stroke-width="${e.chain ? 3 : look.width}"${look.dash ? ` stroke-dasharray="${look.dash}"` : ''} marker-end="url(#${e.chain ? 'arrow-chain' : 'arrow'})"><title>${escapeXml(`${e.kind}${e.count > 1 ? ` ×${e.count}` : ''}`)}</title></line>`,
    );
  }
  out.push('</g>', '<g class="nodes">');
  for (const n of nodes) {
    const color = palette.status[statusClass(n.status)];
    const stroke = n.marks.rootCause ? palette.error : color;
    const strokeWidth = n.marks.rootCause ? 4 : n.marks.target ? 3.5 : n.kind === 'group' ? 3 : 1.5;
    const x = n.x - n.w / 2;
    const y = n.y - n.h / 2;
    out.push(`<g class="node ${n.kind}">`);
    if (n.kind === 'result') {
      out.push(`<ellipse cx="${round(n.x)}" cy="${round(n.y)}" rx="${round(n.w / 2)}" ry="${round(n.h / 2)}" fill="${escapeXml(color)}" fill-opacity="0.16" stroke="${escapeXml(stroke)}" stroke-width="${strokeWidth}"/>`);
    } else {
      if (n.kind === 'group') {
        out.push(`<rect x="${round(x + 5)}" y="${round(y - 5)}" width="${round(n.w)}" height="${round(n.h)}" rx="6" fill="${escapeXml(palette.background)}" stroke="${escapeXml(color)}" stroke-width="1.5"/>`);
      }
      out.push(`<rect x="${round(x)}" y="${round(y)}" width="${round(n.w)}" height="${round(n.h)}" rx="6" fill="${escapeXml(palette.background)}" stroke="${escapeXml(stroke)}" stroke-width="${strokeWidth}"/>`);
      out.push(`<rect x="${round(x)}" y="${round(y)}" width="${round(n.w)}" height="${round(n.h)}" rx="6" fill="${escapeXml(color)}" fill-opacity="0.16"/>`);
    }
    const lines = n.label.split('\n');
    const prefix = n.marks.rootCause ? '⚠ ' : n.marks.blockerRank !== undefined ? `#${n.marks.blockerRank} ` : '';
    const lineHeight = 13;
    const firstY = n.y - ((lines.length - 1) * lineHeight) / 2 + 4;
    out.push(`<text text-anchor="middle" fill="${escapeXml(palette.foreground)}"${n.marks.target || n.marks.rootCause ? ' font-weight="bold"' : ''}>`);
    lines.forEach((line, i) => {
      out.push(`<tspan x="${round(n.x)}" y="${round(firstY + i * lineHeight)}">${escapeXml((i === 0 ? prefix : '') + line)}</tspan>`);
    });
    out.push('</text>', `<title>${escapeXml(n.search)}</title>`, '</g>');
  }
  out.push('</g>', '</svg>');
  return out.join('\n');
}
