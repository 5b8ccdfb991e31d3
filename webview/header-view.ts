// The header: verdict, headline, progress, ETA, live state and the top blockers as buttons.
// The blockers list is also the accessible entry point to "what blocks my result".

import type { LiveStatus } from '../src/shared/protocol';
import { shortId } from '../src/shared/node-label';
import type { HeaderBlocker, ViewHeader } from '../src/shared/view-graph';
import { append, clear, h, visibleText } from './dom-builder';
import { formatCount, formatCountOf, formatDuration } from './format';

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

const LIVE_LABEL: Record<LiveStatus['state'], string> = {
  live: 'Live updates on',
  paused: 'Live updates paused',
  failed: 'Live updates stopped',
  closed: 'Trace closed',
};

export class HeaderView {
  readonly element = h('header', { class: 'header', 'aria-label': 'Trace summary' });
  // A labelled status, not a live region: announcing every update that arrives while paused
  // would talk over whatever the user paused to read. It is read in full when reached.
  private readonly badge = h('span', { class: 'live', role: 'status', 'aria-live': 'off' });
  private readonly liveMessage = h('p', { class: 'live-message', role: 'alert', hidden: true });

  constructor(private readonly onBlocker: (blocker: HeaderBlocker) => void) {}

  /** Only the live state changed (an update arrived while paused): redraws the badge alone, so
   * keyboard focus on a blocker and a screen reader's place in the header survive. */
  renderLive(live: LiveStatus): void {
    const waiting = live.pendingUpdates;
    this.badge.className = `live live-${live.state}`;
    this.badge.replaceChildren(LIVE_TEXT[live.state]);
    if (waiting > 0) this.badge.append(' · ', h('span', { class: 'live-waiting' }, `${formatCountOf(waiting, 'update')} waiting`));
    this.badge.setAttribute('aria-label', waiting > 0 ? `${LIVE_LABEL[live.state]}, ${formatCountOf(waiting, 'trace update')} waiting` : LIVE_LABEL[live.state]);
    if (live.message) this.badge.title = visibleText(live.message);
    else this.badge.removeAttribute('title');
    this.liveMessage.textContent = live.message ? visibleText(live.message) : '';
    this.liveMessage.hidden = !live.message;
  }

  render(header: ViewHeader, live: LiveStatus): void {
    const el = this.element;
    clear(el);
    this.renderLive(live);
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
        this.badge,
      ),
      h('p', { class: 'headline' }, visibleText(header.headline)),
      this.liveMessage,
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
        h('div', { class: 'blockers-title' }, `Top blockers (${formatCount(header.blockerCount)} in all, ${formatCountOf(header.rootCauseCount, 'root cause')})`),
        list,
      );
    }
  }
}
