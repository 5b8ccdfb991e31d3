// The side panel for the selected node: what it is, its state, why it blocks (if it does), its
// error, and its neighbours as links; plus the actions. Everything from the server is rendered
// as text. Errors can be megabytes: only a first excerpt is drawn, "Show more" adds more.

import type { GroupDetails, NodeDetails, NodeLink, TraceNodeDetails } from '../src/shared/node-details';
import { shortId } from '../src/shared/node-label';
import type { NodeCommand } from '../src/shared/protocol';
import { statusClass } from '../src/shared/status-class';
import { h, visibleText } from './dom-builder';
import { formatCount, formatDuration, formatTime } from './format';

export interface SidePanelActions {
  command(command: NodeCommand, nodeId: string): void;
  link(link: NodeLink): void;
  expand(groupId: string, more: boolean): void;
  collapse(groupId: string): void;
  focus(nodeId: string): void;
}

/** First excerpt of an error drawn, and how much each "Show more" adds. */
export const ERROR_EXCERPT = 4000;
export const ERROR_STEP = 32000;

export class SidePanel {
  readonly element = h('aside', { class: 'side-panel', 'aria-label': 'Selected node', tabindex: '-1' });
  private hasAdminUrl = false;

  constructor(private readonly actions: SidePanelActions) {
    this.showEmpty();
  }

  setAdminUrlAvailable(available: boolean): void {
    this.hasAdminUrl = available;
  }

  showEmpty(message = 'Select a node (click it, use the arrow keys, or pick a blocker above) to see its details.'): void {
    this.element.replaceChildren(h('p', { class: 'empty' }, message));
  }

  showLoading(label: string): void {
    this.element.replaceChildren(h('h2', {}, visibleText(label)), h('p', { class: 'empty' }, 'Loading…'));
  }

  show(details: NodeDetails): void {
    this.element.replaceChildren(...(details.kind === 'group' ? this.group(details) : this.node(details)));
  }

  private group(d: GroupDetails): Node[] {
    const more = d.expanded;
    const buttons = h(
      'div',
      { class: 'actions' },
      this.button(more ? `Show ${Math.min(50, d.count)} more` : `Expand (${formatCount(Math.min(50, d.count))} of ${formatCount(d.count)})`, () => this.actions.expand(d.id, more), 'expand-group'),
      more ? this.button('Collapse group', () => this.actions.collapse(d.id), 'collapse-group') : undefined,
      this.button('Focus path', () => this.actions.focus(d.id)),
    );
    return [
      h('h2', {}, visibleText(d.label)),
      h('p', { class: 'role' }, visibleText(d.role)),
      h('dl', { class: 'facts' }, ...this.fact('Status', d.status, `status s-${statusClass(d.status)}`), ...this.fact('Members', formatCount(d.count)), ...(d.blockerCount > 0 ? this.fact('Blockers inside', formatCount(d.blockerCount)) : [])),
      buttons,
      this.links(`Members (first ${d.members.length})`, d.members, 0),
    ];
  }

  private node(d: TraceNodeDetails): Node[] {
    const n = d.node;
    const parts: Node[] = [];
    parts.push(h('h2', {}, `${n.kind} ${shortId(n.id)}`));
    parts.push(h('p', { class: 'full-id' }, h('code', { 'aria-label': 'Full ID' }, visibleText(n.id))));
    const facts: Node[] = [...this.fact('Status', n.status, `status s-${statusClass(n.status)}`)];
    if (d.rootCause) facts.push(...this.fact('Role', 'Root cause', 'root-cause-label'));
    if (n.kind === 'task') {
      facts.push(
        ...this.fact('Partition', n.partitionId || '—'),
        ...this.fact('Pod', n.podHostname || '—'),
        ...this.fact('Attempt', `${n.attempt} of ${n.maxRetries + 1}`),
        ...this.fact('Created', formatTime(n.createdAt)),
        ...this.fact('Submitted', formatTime(n.submittedAt)),
        ...this.fact('Started', formatTime(n.startedAt)),
        ...this.fact('Ended', formatTime(n.endedAt)),
        ...(n.durationMs !== undefined ? this.fact('Duration', formatDuration(n.durationMs)) : []),
      );
    } else {
      facts.push(
        ...this.fact('Name', n.name || '—'),
        ...this.fact('Size', `${formatCount(n.size)} bytes`),
        ...this.fact('Created', formatTime(n.createdAt)),
        ...this.fact('Completed', formatTime(n.completedAt)),
      );
      if (n.missing) facts.push(...this.fact('Warning', 'Referenced but unknown to the server'));
    }
    parts.push(h('dl', { class: 'facts' }, ...facts));
    if (d.blocker) {
      parts.push(
        h(
          'section',
          { class: `blocker-box reason-${d.blocker.reason}`, 'aria-label': 'Why it blocks' },
          h('h3', {}, `Blocks the result: ${d.blocker.reason}`),
          h('p', {}, visibleText(d.blocker.explanation)),
          h('p', { class: 'next-step' }, 'Next step: ', visibleText(d.blocker.nextStep)),
        ),
      );
    }
    const actions = h('div', { class: 'actions' });
    if (n.kind === 'task') {
      actions.append(this.button('Show Details', () => this.actions.command('armonik.showTaskDetails', n.id), 'show-details'));
      actions.append(this.button('Show Error', () => this.actions.command('armonik.showTaskError', n.id), 'show-error', d.errorLength === 0));
    } else {
      actions.append(this.button('Trace this result', () => this.actions.command('armonik.traceResult', n.id), 'trace-result'));
    }
    actions.append(this.button('Copy ID', () => this.actions.command('armonik.copyId', n.id), 'copy-id'));
    actions.append(this.button('Open in Admin GUI', () => this.actions.command('armonik.openInAdminGui', n.id), 'open-admin', !this.hasAdminUrl));
    actions.append(this.button('Focus path', () => this.actions.focus(n.id), 'focus-path'));
    if (d.fromGroup) actions.append(this.button('Collapse its group', () => this.actions.collapse(d.fromGroup!), 'collapse-group'));
    parts.push(actions);
    if (d.error !== undefined && d.error.length > 0) parts.push(this.errorBlock(d.error, d.errorLength));
    if (n.kind === 'task') {
      parts.push(this.links('Inputs', d.inputs, d.omitted.inputs));
      parts.push(this.links('Outputs', d.outputs, d.omitted.outputs));
      if (d.payload) parts.push(this.links('Payload', [d.payload], 0));
      if (d.createdBy) parts.push(this.links(n.attempt > 1 ? 'Retry of' : 'Created by', [d.createdBy], 0));
      if (d.retries.length > 0) parts.push(this.links('Other attempts', d.retries, 0));
    } else {
      if (d.owner) parts.push(this.links('Produced by (owner)', [d.owner], 0));
      parts.push(this.links('Used by', d.outputs, d.omitted.outputs));
      if (d.createdBy) parts.push(this.links('Created by', [d.createdBy], 0));
    }
    return parts;
  }

  private errorBlock(error: string, totalLength: number): Node {
    const pre = h('pre', { class: 'error-text', tabindex: '0', 'aria-label': 'Error message' });
    let shown = Math.min(ERROR_EXCERPT, error.length);
    pre.textContent = visibleText(error.slice(0, shown));
    const section = h('section', { class: 'error-box', 'aria-label': 'Error' }, h('h3', {}, 'Error'), pre);
    const note = h('p', { class: 'error-note' });
    const more = h('button', { type: 'button', class: 'show-more' });
    const update = () => {
      const remaining = error.length - shown;
      more.textContent = `Show more (${formatCount(remaining)} more characters)`;
      more.hidden = remaining <= 0;
      note.textContent = totalLength > error.length ? `The error has ${formatCount(totalLength)} characters; "Show Error" opens all of it.` : '';
    };
    more.addEventListener('click', () => {
      const next = Math.min(error.length, shown + ERROR_STEP);
      pre.append(document.createTextNode(visibleText(error.slice(shown, next))));
      shown = next;
      update();
    });
    update();
    section.append(more, note);
    return section;
  }

  private links(title: string, links: readonly NodeLink[], omitted: number): Node {
    const list = h('ul', { class: 'links' });
    for (const link of links) {
      const button = h(
        'button',
        { type: 'button', class: 'link', 'data-node-id': link.id, title: link.viewId ? undefined : 'Not in the traced cone' },
        h('span', { class: `dot s-${statusClass(link.status)}`, 'aria-hidden': 'true' }),
        visibleText(link.label),
        ' ',
        h('span', { class: 'link-status' }, link.status),
      );
      button.addEventListener('click', () => this.actions.link(link));
      list.append(h('li', {}, button));
    }
    if (links.length === 0) list.append(h('li', { class: 'none' }, 'none'));
    if (omitted > 0) list.append(h('li', { class: 'none' }, `… and ${formatCount(omitted)} more`));
    return h('section', { class: 'link-section', 'aria-label': title }, h('h3', {}, `${title} (${formatCount(links.length + omitted)})`), list);
  }

  private fact(term: string, value: string, cls?: string): Node[] {
    return [h('dt', {}, term), h('dd', { class: cls }, visibleText(value))];
  }

  private button(label: string, onClick: () => void, name?: string, disabled = false): HTMLButtonElement {
    const button = h('button', { type: 'button', 'data-action': name, disabled }, label);
    button.addEventListener('click', onClick);
    return button;
  }
}
