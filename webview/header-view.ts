// The header: verdict, headline, progress, ETA, live state and the top blockers as buttons.
// The blockers list is also the accessible entry point to "what blocks my result".

import type { LiveStatus } from '../src/shared/protocol';
import { shortId } from '../src/shared/node-label';
import type { HeaderBlocker, ViewHeader } from '../src/shared/view-graph';
import { append, clear, h, visibleText } from './dom-builder';
import { formatCount, formatDuration } from './format';

const VERDICT_TEXT: Record<ViewHeader['verdict'], string> = {
  completed: 'Completed',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  failed: 'Failed',
};

const LIVE_TEXT: Record<LiveStatus['state'], string> = {
  live: 'Live',
  paused: 'Paused',
  failed: 'Updates stopped',
  closed: 'Closed',
};

export class HeaderView {
  readonly element = h('header', { class: 'header', 'aria-label': 'Trace summary' });

  constructor(private readonly onBlocker: (blocker: HeaderBlocker) => void) {}

  render(header: ViewHeader, live: LiveStatus): void {
    const el = this.element;
    clear(el);
    const { done, total } = header.progress;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
    const eta =
      header.verdict === 'completed' ? 'done' : header.etaMs === undefined ? 'never, unless something changes' : `about ${formatDuration(header.etaMs)}`;
    const progress = h('progress', { class: 'progress', max: Math.max(total, 1), value: done, 'aria-label': 'Tasks completed' });
    append(
      el,
      h(
        'div',
        { class: 'header-top' },
        h('span', { class: `verdict verdict-${header.verdict}`, role: 'status' }, VERDICT_TEXT[header.verdict]),
        h('span', { class: 'result-name', title: header.resultId }, visibleText(header.resultName || shortId(header.resultId))),
        h('span', { class: `live live-${live.state}`, title: live.message ? visibleText(live.message) : undefined }, LIVE_TEXT[live.state], live.pendingUpdates > 0 ? ` (${formatCount(live.pendingUpdates)} updates waiting)` : ''),
      ),
      h('p', { class: 'headline' }, visibleText(header.headline)),
      live.message ? h('p', { class: 'live-message', role: 'alert' }, visibleText(live.message)) : undefined,
      h(
        'div',
        { class: 'header-facts' },
        progress,
        h('span', {}, `${formatCount(done)} / ${formatCount(total)} tasks done (${percent}%)`),
        h('span', {}, `ETA: ${eta}`),
        h('span', {}, `Cone: ${formatCount(header.cone.tasks)} tasks, ${formatCount(header.cone.results)} results, depth ${header.cone.depth}`),
      ),
    );
    if (header.blockers.length > 0) {
      const list = h('ol', { class: 'blockers', 'aria-label': `Top blockers (${header.blockerCount} in all)` });
      header.blockers.forEach((b, i) => {
        const button = h(
          'button',
          { class: `blocker-row reason-${b.reason}`, type: 'button', 'data-node-id': b.id, title: visibleText(b.nextStep) },
          h('span', { class: 'rank' }, `#${i + 1}`),
          h('span', { class: 'blocker-node' }, `${b.kind} ${shortId(b.id)}`),
          h('span', { class: 'blocker-status' }, b.status),
          h('span', { class: 'blocker-reason' }, b.reason),
          h('span', { class: 'blocker-text' }, visibleText(b.explanation)),
        );
        button.addEventListener('click', () => this.onBlocker(b));
        list.append(h('li', {}, button));
      });
      el.append(
        h('div', { class: 'blockers-title' }, `Top blockers (${formatCount(header.blockerCount)} in all, ${formatCount(header.rootCauseCount)} root cause${header.rootCauseCount === 1 ? '' : 's'})`),
        list,
      );
    }
  }
}
