// An accessible list of the nodes in view. The canvas is invisible to screen readers; this
// list (built when opened, so it costs nothing otherwise) lets anyone reach every node.
//
// It lists what the canvas draws, by the canvas's own rule: a node a status filter hides is
// left out, as in VS Code's filtered views (Problems, a filtered tree), where filtered items
// disappear and a count says how many are shown. Listing hidden nodes would make the list and
// the canvas disagree, and picking one would select something the user asked not to see. A
// closing note says how many the filter hides, so nobody takes them for gone.

import { statusClass } from '../src/shared/status-class';
import type { ViewNode } from '../src/shared/view-graph';
import { h, visibleText } from './dom-builder';
import { formatCount, formatCountOf } from './format';

export class NodeOutline {
  private readonly summary = h('summary', {}, 'Nodes in view');
  private readonly list = h('ul', { class: 'outline-list', 'aria-label': 'Nodes in view' });
  readonly element = h('details', { class: 'menu outline' }, this.summary, h('div', { class: 'menu-body' }, this.list));
  private nodes: () => Iterable<ViewNode> = () => [];
  private isShown: (node: ViewNode) => boolean = () => true;

  constructor(private readonly pick: (id: string) => void) {
    // Emptied on close: a big list costs nothing while closed, and reopening never shows
    // the previous entries for a moment ('toggle' fires after the menu has opened).
    this.element.addEventListener('toggle', () => {
      if ((this.element as HTMLDetailsElement).open) this.render();
      else this.list.replaceChildren();
    });
  }

  /** Call whenever the nodes, the status filter or the selection change (the selected node is
   * drawn even when filtered). */
  update(nodes: () => Iterable<ViewNode>, isShown: (node: ViewNode) => boolean): void {
    this.nodes = nodes;
    this.isShown = isShown;
    let total = 0;
    let shown = 0;
    for (const node of nodes()) {
      total++;
      if (isShown(node)) shown++;
    }
    this.summary.textContent = shown === total ? `Nodes in view (${formatCount(total)})` : `Nodes in view (${formatCount(shown)} of ${formatCount(total)})`;
    if ((this.element as HTMLDetailsElement).open) this.render();
  }

  private render(): void {
    const items: HTMLElement[] = [];
    const all = [...this.nodes()];
    const sorted = all.filter(this.isShown).sort((a, b) => a.y - b.y || a.x - b.x);
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
    const hidden = all.length - sorted.length;
    if (hidden > 0) {
      items.push(h('li', { class: 'outline-note' }, `${formatCountOf(hidden, 'node')} hidden by the status filter (Statuses menu).`));
    }
    this.list.replaceChildren(...items);
  }
}
