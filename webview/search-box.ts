// Search by ID or result name over the whole cone (the host searches; folded nodes are found
// too and revealed on pick). `/` focuses it; arrows and Enter pick a match.

import type { SearchMatch } from '../src/shared/protocol';
import { statusClass } from '../src/shared/status-class';
import { h, visibleText } from './dom-builder';
import { formatCount } from './format';

export class SearchBox {
  readonly input = h('input', {
    type: 'search',
    class: 'search-input',
    placeholder: 'Search ID or name  ( / )',
    'aria-label': 'Search nodes by ID or result name',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': 'search-results',
    'aria-autocomplete': 'list',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  private readonly list = h('ul', { id: 'search-results', class: 'search-results', role: 'listbox', hidden: true });
  readonly element = h('div', { class: 'search' }, this.input, this.list);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private matches: SearchMatch[] = [];
  private active = -1;
  private generation = 0;

  constructor(
    private readonly search: (query: string) => Promise<{ matches: SearchMatch[]; total: number }>,
    private readonly pick: (match: SearchMatch) => void,
  ) {
    this.input.addEventListener('input', () => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.run(), 180);
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        if (this.matches.length === 0) return;
        this.active = (this.active + (event.key === 'ArrowDown' ? 1 : -1) + this.matches.length) % this.matches.length;
        this.highlight();
      } else if (event.key === 'Enter') {
        event.preventDefault();
        const match = this.matches[Math.max(0, this.active)];
        if (match) this.choose(match);
        else void this.run();
      } else if (event.key === 'Escape') {
        this.close();
      }
    });
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 200));
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private async run(): Promise<void> {
    const query = this.input.value.trim();
    const generation = ++this.generation;
    if (!query) {
      this.close();
      return;
    }
    try {
      const { matches, total } = await this.search(query);
      if (generation !== this.generation) return;
      this.matches = matches;
      this.active = matches.length > 0 ? 0 : -1;
      this.renderList(total);
    } catch (error) {
      this.matches = [];
      this.list.replaceChildren(h('li', { class: 'none' }, `Search failed: ${error instanceof Error ? error.message : String(error)}`));
      this.list.hidden = false;
    }
  }

  private renderList(total: number): void {
    this.list.replaceChildren();
    this.matches.forEach((match, i) => {
      const item = h(
        'li',
        { role: 'option', id: `search-option-${i}`, class: 'search-option', 'data-node-id': match.id, 'aria-selected': i === this.active ? 'true' : 'false' },
        h('span', { class: `dot s-${statusClass(match.status)}`, 'aria-hidden': 'true' }),
        visibleText(match.label),
        ' ',
        h('span', { class: 'link-status' }, match.status),
        match.viewId && match.viewId !== match.id ? h('span', { class: 'in-group' }, ' (in a group)') : undefined,
      );
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.choose(match);
      });
      this.list.append(item);
    });
    if (this.matches.length === 0) this.list.append(h('li', { class: 'none' }, 'No node matches.'));
    else if (total > this.matches.length) this.list.append(h('li', { class: 'none' }, `${formatCount(total - this.matches.length)} more matches; type more of the ID.`));
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  private highlight(): void {
    this.list.querySelectorAll('[role=option]').forEach((el, i) => el.setAttribute('aria-selected', i === this.active ? 'true' : 'false'));
    if (this.active >= 0) this.input.setAttribute('aria-activedescendant', `search-option-${this.active}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private choose(match: SearchMatch): void {
    this.close();
    this.pick(match);
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
