// An accessible list of the nodes in view. The canvas is invisible to screen readers; this
// list (built when opened, so it costs nothing otherwise) lets anyone reach every node.

import { statusClass } from '../src/shared/status-class';
import type { ViewNode } from '../src/shared/view-graph';
import { h, visibleText } from './dom-builder';
import { formatCount } from './format';

export class NodeOutline {
  private readonly summary = h('summary', {}, 'Nodes in view');
  private readonly list = h('ul', { class: 'outline-list', 'aria-label': 'Nodes in view' });
  readonly element = h('details', { class: 'menu outline' }, this.summary, h('div', { class: 'menu-body' }, this.list));
  private nodes: () => Iterable<ViewNode> = () => [];

  constructor(private readonly pick: (id: string) => void) {
    this.element.addEventListener('toggle', () => {
      if ((this.element as HTMLDetailsElement).open) this.render();
    });
  }

  update(nodes: () => Iterable<ViewNode>, count: number): void {
    this.nodes = nodes;
    this.summary.textContent = `Nodes in view (${formatCount(count)})`;
    if ((this.element as HTMLDetailsElement).open) this.render();
  }

  private render(): void {
    const items: HTMLElement[] = [];
    const sorted = [...this.nodes()].sort((a, b) => a.y - b.y || a.x - b.x);
    for (const node of sorted) {
      const [first, second] = node.label.split('\n');
      const marks = [node.marks.target ? 'traced result' : '', node.marks.rootCause ? 'root cause' : '', node.marks.blockerRank ? `blocker #${node.marks.blockerRank}` : '', node.marks.chain ? 'on blocking chain' : '']
        .filter(Boolean)
        .join(', ');
      const button = h(
        'button',
        { type: 'button', class: `outline-item kind-${node.kind}`, 'data-node-id': node.id },
        h('span', { class: `dot s-${statusClass(node.status)}`, 'aria-hidden': 'true' }),
        visibleText(first ?? ''),
        second ? h('span', { class: 'outline-second' }, ` — ${visibleText(second)}`) : undefined,
        marks ? h('span', { class: 'outline-marks' }, ` (${marks})`) : undefined,
      );
      button.addEventListener('click', () => {
        (this.element as HTMLDetailsElement).open = false;
        this.pick(node.id);
      });
      items.push(h('li', {}, button));
    }
    this.list.replaceChildren(...items);
  }
}
