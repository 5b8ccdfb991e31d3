// The graph view's controls in a real browser: status filters, dimming, the critical-path
// overlay, focus, pausing live updates, high contrast, search by name, what screen readers get
// and how edge kinds are drawn. Each test drives the control like a user and checks what the
// user would notice on the canvas (through Cytoscape's computed styles) or in the page.
//
// Callbacks given to page.evaluate run in the browser from their source text: they must not
// declare named inner functions (tsx wraps those in a `__name` helper the page lacks).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { STATUS_CLASSES, STATUS_CLASS_LABEL } from '../../src/shared/status-class';
import { startHarness, type HarnessSession } from './harness-page';

// Page globals, used only inside page.evaluate callbacks (this file has no DOM library).
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  parentElement: PageElement | null;
}
declare const window: unknown;
declare const document: {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  activeElement: PageElement | null;
  body: { className: string; dataset: Record<string, string | undefined> };
};
declare function getComputedStyle(element: unknown): { backgroundColor: string; color: string; getPropertyValue(name: string): string };
declare function setInterval(callback: () => void, ms: number): number;
declare function clearInterval(id: number): void;

/** The slice of Cytoscape read here. */
interface CyElement {
  id(): string;
  classes(): string[];
  visible(): boolean;
  data(name: string): unknown;
  style(name: string): string;
  isEdge(): boolean;
  source(): CyElement;
  target(): CyElement;
}
interface CyCollection {
  length: number;
  map<T>(f: (e: CyElement) => T): T[];
}
interface Cy {
  nodes(selector?: string): CyCollection;
  edges(selector?: string): CyCollection;
}
interface GraphElement {
  _cyreg: { cy: Cy };
}

interface TraceEdge {
  kind: string;
  source: string;
  target: string;
}
interface HarnessView {
  harness: {
    controller: { session: { graph: { nodes: unknown[] }; viewIdOf(id: string): string | undefined } };
    trace: {
      resultId: string;
      rootCauseId: string;
      node(id: string): { kind: string; name?: string; payloadId?: string } | undefined;
      nodes(): Iterable<{ id: string; kind: string; name?: string }>;
      outEdges(id: string): TraceEdge[];
      inEdges(id: string): TraceEdge[];
      diagnosis(): { criticalPath: { id: string }[]; progress: { done: number; total: number } };
      onDidChange(listener: () => void): () => void;
    };
    posted: { type: string }[];
    step(complete?: number, spawn?: number): void;
  };
  __changes?: number;
  __stepper?: number;
}

/** What one drawn element looks like: its classes, whether it is visible, chosen styles. */
interface Drawn {
  id: string;
  classes: string[];
  visible: boolean;
  status: string;
  source: string;
  target: string;
  style: Record<string, string>;
}

/** Every node and edge on the canvas with the computed values of `props`. */
async function drawn(page: Page, props: string[] = []): Promise<{ nodes: Drawn[]; edges: Drawn[] }> {
  return page.evaluate((props) => {
    const cy = (document.querySelector('#graph') as unknown as GraphElement)._cyreg.cy;
    return {
      nodes: cy.nodes().map((e) => ({
        id: e.id(),
        classes: e.classes(),
        visible: e.visible(),
        status: String(e.data('status')),
        source: '',
        target: '',
        style: Object.fromEntries(props.map((p) => [p, e.style(p)])),
      })),
      edges: cy.edges().map((e) => ({
        id: e.id(),
        classes: e.classes(),
        visible: e.visible(),
        status: '',
        source: e.source().id(),
        target: e.target().id(),
        style: Object.fromEntries(props.map((p) => [p, e.style(p)])),
      })),
    };
  }, props);
}

const has = (element: Drawn, ...classes: string[]) => classes.some((c) => element.classes.includes(c));

/** "rgb(1, 2, 3)" or "#010203" → [1, 2, 3]. */
function rgb(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim());
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const parts = /rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(color);
  assert.ok(parts, `not a colour: ${color}`);
  return [Number(parts[1]), Number(parts[2]), Number(parts[3])];
}

/** `color` drawn at `opacity` over `under`: what the eye gets. */
function blend(color: string, opacity: number, under: string): string {
  const [a, b] = [rgb(color), rgb(under)];
  return `rgb(${a.map((v, i) => v * opacity + b[i]! * (1 - opacity)).join(',')})`;
}

/** WCAG 2 contrast ratio of two colours (1 to 21). */
function contrast(x: string, y: string): number {
  const luminance = (color: string) => {
    const [r, g, b] = rgb(color).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(x), luminance(y)].sort((p, q) => q - p);
  return (light! + 0.05) / (dark! + 0.05);
}

let harness: HarnessSession;

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

describe('graph controls (browser)', () => {
  it('hides the nodes of an unticked status and shows them again when it is ticked', async () => {
    const { page, problems } = await harness.open('tasks=300');
    const all = await drawn(page);
    assert.ok(all.nodes.every((n) => n.visible));
    // The traced result always stays (here it is failed, not completed).
    const completed = all.nodes.filter((n) => has(n, 's-done') && !has(n, 'target'));
    assert.ok(completed.length > 20, `${completed.length} completed nodes`);
    await page.click('.filters > summary');
    const box = page.getByRole('checkbox', { name: STATUS_CLASS_LABEL.done });
    await box.uncheck();
    await page.waitForFunction(() => {
      const cy = (document.querySelector('#graph') as unknown as GraphElement)._cyreg.cy;
      return cy.nodes(':visible').length < cy.nodes().length;
    });
    const filtered = await drawn(page);
    const hidden = new Set(filtered.nodes.filter((n) => !n.visible).map((n) => n.id));
    assert.deepEqual([...hidden].sort(), completed.map((n) => n.id).sort(), 'exactly the completed nodes are hidden');
    for (const e of filtered.edges) {
      if (hidden.has(e.source) || hidden.has(e.target)) assert.equal(e.visible, false, `edge ${e.id} to a hidden node is drawn`);
    }
    await box.check();
    await page.waitForFunction((n) => (document.querySelector('#graph') as unknown as GraphElement)._cyreg.cy.nodes(':visible').length === n, all.nodes.length);
    assert.ok((await drawn(page)).edges.every((e) => e.visible), 'every edge is back');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('dims the nodes off the blocking chain on demand and stops when toggled off', async () => {
    const { page, problems } = await harness.open('tasks=300');
    const opacity = (e: Drawn) => Number(e.style.opacity);
    assert.ok((await drawn(page, ['opacity'])).nodes.every((n) => opacity(n) === 1), 'nothing is dimmed before asking');
    await page.click('button[data-action="dim"]');
    await page.waitForSelector('button[data-action="dim"][aria-pressed="true"]');
    const dimmed = await drawn(page, ['opacity']);
    // What the diagnosis points at stays at full strength: the chain, the result, the blockers.
    const kept = dimmed.nodes.filter((n) => has(n, 'chain', 'target', 'root-cause', 'blocker'));
    const rest = dimmed.nodes.filter((n) => !has(n, 'chain', 'target', 'root-cause', 'blocker'));
    assert.ok(kept.filter((n) => has(n, 'chain')).length >= 4 && rest.length > 50);
    for (const n of kept) assert.equal(opacity(n), 1, `${n.id} (${n.classes.join(' ')}) is dimmed`);
    for (const n of rest) assert.ok(opacity(n) <= 0.3, `${n.id} is not dimmed (${opacity(n)})`);
    for (const e of dimmed.edges) {
      if (has(e, 'chain')) assert.equal(opacity(e), 1, `chain edge ${e.id} is dimmed`);
      else assert.ok(opacity(e) <= 0.3, `edge ${e.id} is not dimmed`);
    }
    // Selecting a dimmed node brings it and its neighbours back.
    const picked = rest.find((n) => has(n, 'task'))!;
    const around = new Set([picked.id, ...dimmed.edges.filter((e) => e.source === picked.id || e.target === picked.id).flatMap((e) => [e.source, e.target])]);
    await page.click('.outline > summary');
    await page.click(`.outline-item[data-node-id="${picked.id}"]`);
    await page.waitForFunction((id) => document.body.dataset.selected === id, picked.id);
    for (const n of (await drawn(page, ['opacity'])).nodes) {
      if (around.has(n.id)) assert.equal(opacity(n), 1, `neighbour ${n.id} of the selection is dimmed`);
    }
    await page.click('button[data-action="dim"]');
    await page.waitForSelector('button[data-action="dim"][aria-pressed="false"]');
    const undimmed = await drawn(page, ['opacity']);
    assert.ok(undimmed.nodes.every((n) => opacity(n) === 1), 'every node is back to full strength');
    assert.ok(undimmed.edges.every((e) => opacity(e) > 0.3), 'every edge is back');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('highlights the critical path of the diagnosis, and nothing else, when the overlay is on', async () => {
    // A running trace: no failure chain, so the overlay is the only emphasis on these nodes.
    const { page, problems } = await harness.open('tasks=300&scenario=running&seed=5');
    const path = await page.evaluate(() => (window as unknown as HarnessView).harness.trace.diagnosis().criticalPath.map((s) => s.id));
    assert.ok(path.length >= 4, `critical path of ${path.length}`);
    const outlined = (n: Drawn) => parseFloat(n.style['outline-width']!) > 0;
    assert.ok((await drawn(page, ['outline-width'])).nodes.every((n) => !outlined(n)), 'no overlay before asking');
    await page.click('button[data-action="critical"]');
    await page.waitForSelector('button[data-action="critical"][aria-pressed="true"]');
    const shown = await drawn(page, ['outline-width', 'outline-color', 'line-color', 'width']);
    const highlighted = shown.nodes.filter(outlined);
    assert.deepEqual(highlighted.map((n) => n.id).sort(), [...path].sort(), 'exactly the critical path nodes are outlined');
    const colour = highlighted[0]!.style['outline-color']!;
    assert.ok(highlighted.every((n) => n.style['outline-color'] === colour));
    // Its edges: the ones joining consecutive steps of the path, drawn thick in the same colour.
    const steps = new Set(path.slice(1).map((id, i) => [path[i]!, id].sort().join(' ')));
    const onPath = shown.edges.filter((e) => steps.has([e.source, e.target].sort().join(' ')));
    assert.equal(onPath.length, path.length - 1);
    for (const e of shown.edges) {
      const lit = e.style['line-color'] === colour && parseFloat(e.style.width!) >= 4;
      assert.equal(lit, onPath.includes(e), `edge ${e.id} ${lit ? 'is' : 'is not'} highlighted`);
    }
    await page.click('button[data-action="critical"]');
    await page.waitForSelector('button[data-action="critical"][aria-pressed="false"]');
    assert.ok((await drawn(page, ['outline-width'])).nodes.every((n) => !outlined(n)), 'the overlay is gone');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('focuses on the paths from the result to the selected node and shows the whole cone again', async () => {
    const { page, problems } = await harness.open('tasks=300');
    const whole = Number(await page.getAttribute('#graph', 'data-node-count'));
    // The second blocker: a queued task off the failure chain.
    const blocker = (await page.getAttribute('.blockers li:nth-child(2) button', 'data-node-id'))!;
    await page.click('.blockers li:nth-child(2) button');
    await page.waitForFunction((id) => document.body.dataset.selected === id, blocker);
    // The data-flow paths from the result down to the blocker, worked out from the trace itself.
    const expected = await page.evaluate((focus) => {
      const trace = (window as unknown as HarnessView).harness.trace;
      const flow = new Set(['output', 'input', 'payload', 'retry-of']);
      const down = new Set([trace.resultId]);
      const downQueue = [trace.resultId];
      for (let i = 0; i < downQueue.length; i++) {
        for (const e of trace.outEdges(downQueue[i]!)) {
          if (!flow.has(e.kind) || down.has(e.target)) continue;
          down.add(e.target);
          downQueue.push(e.target);
        }
      }
      const up = new Set([focus]);
      const upQueue = [focus];
      for (let i = 0; i < upQueue.length; i++) {
        for (const e of trace.inEdges(upQueue[i]!)) {
          if (!flow.has(e.kind) || up.has(e.source)) continue;
          up.add(e.source);
          upQueue.push(e.source);
        }
      }
      return [...up].filter((id) => down.has(id));
    }, blocker);
    assert.ok(expected.length >= 3 && expected.length < whole / 4, `path of ${expected.length} nodes`);
    await page.click('button[data-action="focus"]');
    await page.waitForFunction((n) => Number(document.querySelector('#graph')!.getAttribute('data-node-count')) === n, expected.length);
    assert.deepEqual((await drawn(page)).nodes.map((n) => n.id).sort(), [...expected].sort(), 'only the path is drawn');
    assert.equal(await page.evaluate(() => document.body.dataset.selected), blocker, 'the focused node stays selected');
    assert.equal(await page.getAttribute('button[data-action="focus"]', 'aria-pressed'), 'true');
    assert.match((await page.textContent('.status-line'))!, new RegExp(`focused on ${blocker.slice(0, 8)}`));
    await page.click('button[data-action="focus"]');
    await page.waitForFunction((n) => Number(document.querySelector('#graph')!.getAttribute('data-node-count')) === n, whole);
    assert.equal(await page.getAttribute('button[data-action="focus"]', 'aria-pressed'), 'false');
    assert.doesNotMatch((await page.textContent('.status-line'))!, /focused on/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('holds live updates back while paused and applies them on resume', async () => {
    const { page, problems } = await harness.open('tasks=300&scenario=running&seed=5');
    const view = () =>
      page.evaluate(() => ({
        facts: document.querySelector('.header-facts')!.textContent,
        nodes: document.querySelector('#graph')!.getAttribute('data-node-count'),
        diffs: (window as unknown as HarnessView).harness.posted.filter((m) => m.type === 'diff').length,
      }));
    await page.click('button[data-action="pause"]');
    // The host confirms: every update sent before the pause has arrived by then.
    await page.waitForSelector('.header .live.live-paused');
    assert.equal(await page.getAttribute('button[data-action="pause"]', 'aria-pressed'), 'true');
    assert.equal(await page.textContent('button[data-action="pause"]'), 'Resume live updates');
    const paused = await view();
    // Live updates keep coming from the trace, over more than one throttle period of the host
    // (200 ms in the harness), so an unpaused host would have sent a diff in the meantime.
    await page.evaluate(() => {
      const w = window as unknown as HarnessView;
      w.__changes = 0;
      w.harness.trace.onDidChange(() => (w.__changes = (w.__changes ?? 0) + 1));
      w.__stepper = setInterval(() => w.harness.step(3, 1), 40);
    });
    await page.waitForFunction(() => ((window as unknown as HarnessView).__changes ?? 0) >= 12);
    await page.evaluate(() => clearInterval((window as unknown as HarnessView).__stepper!));
    const progress = await page.evaluate(() => (window as unknown as HarnessView).harness.trace.diagnosis().progress);
    assert.deepEqual(await view(), paused, 'nothing was applied while paused');
    assert.ok(!paused.facts!.includes(`${progress.done} / ${progress.total} tasks done`), 'the trace did move on');
    assert.ok(await page.isVisible('.header .live.live-paused'));
    await page.click('button[data-action="pause"]');
    await page.waitForFunction((text) => document.querySelector('.header-facts')!.textContent!.includes(text), `${progress.done} / ${progress.total} tasks done`);
    await page.waitForSelector('.header .live.live-live');
    const resumed = await view();
    assert.ok(resumed.diffs > paused.diffs);
    assert.equal(Number(resumed.nodes), await page.evaluate(() => (window as unknown as HarnessView).harness.controller.session.graph.nodes.length));
    assert.equal(await page.getAttribute('button[data-action="pause"]', 'aria-pressed'), 'false');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('says how many trace updates wait while paused, in the theme badge colours, and clears the count on resume', async () => {
    const { page, problems } = await harness.open('tasks=300&scenario=running&seed=5');
    const badgeText = () => page.evaluate(() => document.querySelector('.header .live')!.textContent);
    const step = (times: number) =>
      page.evaluate((n) => {
        for (let i = 0; i < n; i++) (window as unknown as HarnessView).harness.step(3, 1);
      }, times);
    await page.click('button[data-action="pause"]');
    await page.waitForSelector('.header .live.live-paused');
    assert.equal(await badgeText(), 'Paused');
    // A keyboard user reading the blockers keeps their place while the count changes.
    const blocker = page.locator('.blockers li:first-child button');
    await blocker.focus();
    const focused = await blocker.getAttribute('data-node-id');
    // Each step is one coalesced trace change, as the live trace delivers them.
    await step(1);
    await page.waitForFunction(() => document.querySelector('.header .live')!.textContent === 'Paused · 1 update waiting');
    await step(2);
    await page.waitForFunction(() => document.querySelector('.header .live')!.textContent === 'Paused · 3 updates waiting');
    assert.equal(await page.getByRole('status', { name: 'Live updates paused, 3 trace updates waiting', exact: true }).count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-node-id')), focused, 'focus stayed on the blocker');
    // The count is a badge in the theme's badge colours, readable in each theme.
    const colours = () =>
      page.evaluate(() => {
        const pill = getComputedStyle(document.querySelector('.header .live-waiting'));
        const theme = getComputedStyle(document.body);
        return { fg: pill.color, bg: pill.backgroundColor, themeFg: theme.getPropertyValue('--vscode-badge-foreground'), themeBg: theme.getPropertyValue('--vscode-badge-background') };
      });
    const dark = await colours();
    await page.evaluate(() => (document.body.className = 'vscode-light'));
    const light = await colours();
    for (const c of [dark, light]) {
      assert.deepEqual(rgb(c.fg), rgb(c.themeFg), 'text follows --vscode-badge-foreground');
      assert.deepEqual(rgb(c.bg), rgb(c.themeBg), 'fill follows --vscode-badge-background');
      assert.ok(contrast(c.fg, c.bg) >= 4.5, `count text ${c.fg} on ${c.bg}`);
    }
    assert.notDeepEqual(rgb(dark.bg), rgb(light.bg), 'the badge changes with the theme');
    // Resuming applies the waiting updates and the count goes.
    const progress = await page.evaluate(() => (window as unknown as HarnessView).harness.trace.diagnosis().progress);
    await page.click('button[data-action="pause"]');
    await page.waitForSelector('.header .live.live-live');
    assert.equal(await badgeText(), 'Live');
    assert.equal(await page.getByRole('status', { name: 'Live updates on', exact: true }).count(), 1);
    assert.ok((await page.textContent('.header-facts'))!.includes(`${progress.done} / ${progress.total} tasks done`), 'the waiting updates are drawn');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('lists in "Nodes in view" only what the status filter leaves drawn, following the selection', async () => {
    const { page, problems } = await harness.open('tasks=300');
    const onCanvas = () =>
      page.evaluate(() => {
        const cy = (document.querySelector('#graph') as unknown as GraphElement)._cyreg.cy;
        return { shown: cy.nodes(':visible').map((e) => e.id()).sort(), total: cy.nodes().length };
      });
    const listed = async () => {
      await page.click('.outline > summary');
      await page.waitForSelector('.outline[open] .outline-item');
      return page.evaluate(() => ({
        ids: Array.from(document.querySelectorAll('.outline-list .outline-item')).map((e) => e.getAttribute('data-node-id')!).sort(),
        note: document.querySelector('.outline-note')?.textContent ?? null,
      }));
    };
    await page.click('.filters > summary');
    await page.getByRole('checkbox', { name: STATUS_CLASS_LABEL.done }).uncheck();
    await page.waitForFunction(() => {
      const cy = (document.querySelector('#graph') as unknown as GraphElement)._cyreg.cy;
      return cy.nodes(':visible').length < cy.nodes().length;
    });
    const filtered = await onCanvas();
    const hiddenCount = filtered.total - filtered.shown.length;
    assert.ok(hiddenCount > 20, `${hiddenCount} hidden`);
    assert.equal(await page.textContent('.outline > summary'), `Nodes in view (${filtered.shown.length} of ${filtered.total})`);
    const list = await listed();
    assert.deepEqual(list.ids, filtered.shown, 'the list holds exactly the drawn nodes');
    assert.equal(list.note, `${hiddenCount} nodes hidden by the status filter (Statuses menu).`);
    // A hidden node reached another way (search) is drawn while selected, so it is listed then.
    const hidden = (await drawn(page)).nodes.find((n) => !n.visible && has(n, 'task'))!;
    await page.click('.search-input');
    await page.keyboard.type(hidden.id);
    await page.waitForFunction((id) => document.querySelector('.search-option')?.getAttribute('data-node-id') === id, hidden.id);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.body.dataset.selected === id, hidden.id);
    const revealed = await onCanvas();
    assert.ok(revealed.shown.includes(hidden.id), 'the selected node is drawn');
    assert.equal(await page.textContent('.outline > summary'), `Nodes in view (${filtered.shown.length + 1} of ${filtered.total})`);
    assert.deepEqual((await listed()).ids, revealed.shown);
    // Picking another node from the list selects it; the filtered one is hidden again, in both.
    const other = filtered.shown.find((id) => id !== hidden.id)!;
    await page.click(`.outline-item[data-node-id="${other}"]`);
    await page.waitForFunction((id) => document.body.dataset.selected === id, other);
    assert.equal(await page.getAttribute('.outline', 'open'), null, 'the list closes on pick');
    assert.deepEqual((await onCanvas()).shown, filtered.shown);
    assert.deepEqual((await listed()).ids, filtered.shown);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('draws the graph with high-contrast colours, strokes and no faded lines in a high-contrast theme', async () => {
    const { page, problems } = await harness.open('tasks=300&theme=dark');
    const props = ['color', 'background-color', 'background-opacity', 'border-color', 'border-width', 'line-color', 'opacity'];
    const dark = await drawn(page, props);
    await page.evaluate(() => (document.body.className = 'vscode-high-contrast'));
    await page.waitForFunction((d) => (document.querySelector('#graph') as unknown as GraphElement)._cyreg.cy.nodes().map((n) => n.style('color'))[0] !== d, dark.nodes[0]!.style.color);
    const hc = await drawn(page, props);
    // The colour the canvas is drawn on (the first ancestor of the container with a background).
    const canvas = await page.evaluate(() => {
      for (let e = document.querySelector('#graph'); e; e = e.parentElement) {
        const bg = getComputedStyle(e).backgroundColor;
        if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
      }
      return 'rgb(255, 255, 255)';
    });
    assert.deepEqual(rgb(canvas), [0, 0, 0], 'the page follows the theme');
    const plain = dark.nodes.findIndex((n) => has(n, 'task') && !has(n, 'target', 'blocker', 'root-cause'));
    assert.ok(parseFloat(hc.nodes[plain]!.style['border-width']!) > parseFloat(dark.nodes[plain]!.style['border-width']!), 'strokes get heavier');
    assert.notEqual(hc.nodes[plain]!.style['border-color'], dark.nodes[plain]!.style['border-color'], 'status colours follow the theme');
    for (const n of hc.nodes) {
      const fill = blend(n.style['background-color']!, Number(n.style['background-opacity']), canvas);
      // Labels: WCAG AAA for text; borders (the status colour): 3:1 for graphics, at least 2 px.
      assert.ok(contrast(n.style.color!, fill) >= 7, `label of ${n.id}: ${n.style.color} on ${fill}`);
      assert.ok(contrast(n.style['border-color']!, canvas) >= 3, `border of ${n.id}: ${n.style['border-color']}`);
      assert.ok(parseFloat(n.style['border-width']!) >= 2, `border of ${n.id} is ${n.style['border-width']}`);
    }
    for (const e of hc.edges) {
      const line = blend(e.style['line-color']!, Number(e.style.opacity), canvas);
      assert.ok(contrast(line, canvas) >= 3, `edge ${e.id} (${e.classes.join(' ')}) draws as ${line}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('finds a result by its name, even folded in a group, and selects it', async () => {
    const { page, problems } = await harness.open('tasks=2000');
    // A result named like a user would name it, shown only through a group.
    const wanted = await page.evaluate(() => {
      const { trace, controller } = (window as unknown as HarnessView).harness;
      for (const node of trace.nodes()) {
        if (node.kind === 'result' && /^final-result(\.\d+){2}$/.test(node.name ?? '') && controller.session.viewIdOf(node.id) !== node.id) return { id: node.id, name: node.name! };
      }
      return undefined;
    });
    assert.ok(wanted, 'a folded named result exists');
    await page.click('.search-input');
    await page.keyboard.type(wanted.name);
    // Typing may briefly list the matches of a shorter query: wait for the full name's answer.
    await page.waitForFunction((id) => document.querySelector('.search-option')?.getAttribute('data-node-id') === id, wanted.id);
    const first = page.locator('.search-option').first();
    assert.match((await first.textContent())!, new RegExp(`${wanted.name.replace(/\./g, '\\.')} .*\\(in a group\\)`));
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.body.dataset.selected === id, wanted.id);
    await page.waitForFunction((name) => document.querySelector('.side-panel')!.textContent!.includes(name), wanted.name);
    assert.ok((await drawn(page)).nodes.some((n) => n.id === wanted.id), 'the result is drawn on its own');
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('gives screen readers named controls, their states and a list of the nodes in view', async () => {
    const { page, problems } = await harness.open('tasks=300');
    const graph = page.getByRole('application', { name: /^Dependency graph\. Arrow keys move between connected nodes/ });
    assert.equal(await graph.count(), 1);
    const help = (await graph.getAttribute('aria-describedby'))!;
    assert.match((await page.textContent(`#${help}`))!, /Nodes in view list/);
    const toolbar = page.getByRole('toolbar', { name: 'Graph tools' });
    assert.equal(await toolbar.getByRole('combobox', { name: 'Search nodes by ID or result name' }).count(), 1);
    for (const name of ['Dim others', 'Critical path', 'Pause live updates']) {
      assert.equal(await toolbar.getByRole('button', { name, pressed: false }).count(), 1, `toggle "${name}"`);
    }
    assert.ok(await toolbar.getByRole('button', { name: 'Focus on selection' }).isDisabled(), 'focus needs a selection');
    await toolbar.getByRole('button', { name: 'Dim others' }).click();
    assert.equal(await toolbar.getByRole('button', { name: 'Dim others', pressed: true }).count(), 1, 'the toggle state is exposed');
    await page.click('.filters > summary');
    const statuses = page.getByRole('group', { name: 'Show statuses' });
    for (const sclass of STATUS_CLASSES) {
      assert.equal(await statuses.getByRole('checkbox', { name: STATUS_CLASS_LABEL[sclass], checked: true }).count(), 1, `filter "${STATUS_CLASS_LABEL[sclass]}"`);
    }
    // The canvas is opaque to assistive technology: the outline names every node, status included.
    await page.click('.outline > summary');
    const outline = page.getByRole('list', { name: 'Nodes in view' });
    const nodes = (await drawn(page)).nodes;
    assert.equal(await outline.getByRole('button').count(), nodes.length, 'one entry per node');
    // Accessible names as Playwright computes them (the snapshot YAML-quotes lines holding a #).
    const names = [...(await outline.ariaSnapshot()).matchAll(/^\s*- '?button "(.*)"'?$/gm)].map((m) => m[1]!);
    assert.equal(names.length, nodes.length);
    const statusWords = new Set(nodes.map((n) => n.status));
    for (const name of names) assert.ok([...statusWords].some((s) => name.includes(s)), `"${name}" does not say its status`);
    assert.ok(names.some((n) => /^final-result — ABORTED \(traced result/.test(n)), 'the traced result is marked as such');
    const entry = outline.getByRole('button', { name: /^task .* — ERROR \(root cause/ });
    await entry.click();
    await page.waitForFunction(() => document.body.dataset.selected !== undefined && document.body.dataset.selected !== '');
    assert.match((await page.getByRole('status').filter({ hasText: /^Selected / }).textContent())!, /^Selected task [0-9a-f]{8}, ERROR\.$/);
    await page.getByRole('complementary', { name: 'Selected node' }).getByText('Root cause').first().waitFor();
    assert.equal(await page.getByRole('list', { name: /^Top blockers \(\d+ in all\)$/ }).count(), 1);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('draws each edge kind with its own line and arrow, as the legend shows', async () => {
    const { page, problems } = await harness.open('tasks=300');
    // Completed payloads are folded into their task: reveal one (search its ID) to draw its edge.
    const payload = await page.evaluate(() => {
      const trace = (window as unknown as HarnessView).harness.trace;
      return trace.node(trace.rootCauseId)!.payloadId!;
    });
    await page.click('.search-input');
    await page.keyboard.type(payload);
    await page.waitForFunction((id) => document.querySelector('.search-option')?.getAttribute('data-node-id') === id, payload);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.body.dataset.selected === id, payload);
    const { edges } = await drawn(page, ['line-style', 'target-arrow-shape']);
    const kinds = ['input', 'output', 'payload', 'delegated-to', 'retry-of', 'subtask-of'];
    const looks = new Map<string, string>();
    for (const kind of kinds) {
      const ofKind = edges.filter((e) => has(e, `e-${kind}`));
      assert.ok(ofKind.length > 0, `no ${kind} edge drawn`);
      const styles = new Set(ofKind.map((e) => `${e.style['line-style']} line, ${e.style['target-arrow-shape']} arrow`));
      assert.equal(styles.size, 1, `${kind} edges are drawn ${[...styles].join(' / ')}`);
      looks.set(kind, [...styles][0]!);
    }
    assert.equal(new Set(looks.values()).size, kinds.length, `two kinds look alike: ${JSON.stringify(Object.fromEntries(looks))}`);
    await page.click('.legend > summary');
    for (const kind of kinds) {
      assert.match((await page.textContent(`.legend .edge-kind.e-${kind}`))!, new RegExp(`^${kind} `), `legend entry for ${kind}`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
});
