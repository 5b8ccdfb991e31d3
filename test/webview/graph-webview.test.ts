// The graph webview in a real browser: the bundle, the protocol and the host-side controller,
// driven like a user through the harness page.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHarness, type HarnessSession } from './harness-page';

// Globals of the page, used only inside page.evaluate callbacks (which run in the browser).
// This file is type-checked without the DOM library, so they are declared here, minimally.
interface PageElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
  className: string;
}
declare const window: unknown;
declare const document: {
  querySelector(selector: string): PageElement | null;
  body: { className: string; dataset: Record<string, string | undefined> };
  activeElement: PageElement | null;
};
declare const sessionStorage: { clear(): void; getItem(key: string): string | null };

let harness: HarnessSession;

before(async () => {
  harness = await startHarness();
});
after(async () => {
  await harness?.close();
});

interface HarnessView {
  harness: {
    controller: { session: { graph: { nodes: { id: string; kind: string; x: number; y: number }[] } } };
    trace: { rootCauseId: string; resultId: string };
    commands: { command: string; nodeId: string }[];
    saved: { format: string; destination: string; text?: string; bytes: number }[];
    step(complete?: number, spawn?: number): void;
  };
  __pwned?: number;
}

describe('graph webview (browser)', () => {
  it('draws as many nodes as the host view holds, without CSP violations or errors', async () => {
    const { page, problems } = await harness.open('tasks=1000');
    const drawn = Number(await page.getAttribute('#graph', 'data-node-count'));
    const expected = await page.evaluate(() => (window as unknown as HarnessView).harness.controller.session.graph.nodes.length);
    assert.equal(drawn, expected);
    assert.ok(drawn > 50 && drawn < 600, `${drawn} nodes`);
    const onCanvas = await page.evaluate(() => (document.querySelector('#graph') as unknown as { _cyreg: { cy: { nodes(): { length: number } } } })._cyreg.cy.nodes().length);
    assert.equal(onCanvas, expected);
    assert.match((await page.textContent('.header'))!, /Failed.*final-result/s);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('shows the root cause error in the side panel when the top blocker is clicked', async () => {
    const { page, problems } = await harness.open('tasks=500');
    await page.click('.blockers li:first-child button');
    await page.waitForSelector('.side-panel .error-text');
    assert.match((await page.textContent('.side-panel .error-text'))!, /matrix block 17 is singular/);
    assert.match((await page.textContent('.side-panel'))!, /Root cause/);
    const rootCause = await page.evaluate(() => (window as unknown as HarnessView).harness.trace.rootCauseId);
    assert.equal(await page.evaluate(() => document.body.dataset.selected), rootCause);
    await page.click('.side-panel button[data-action="show-error"]');
    await page.waitForFunction(() => (window as unknown as HarnessView).harness.commands.length > 0);
    assert.deepEqual(await page.evaluate(() => (window as unknown as HarnessView).harness.commands), [{ command: 'armonik.showTaskError', nodeId: rootCause }]);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('expands a group from the node list and collapses it again', async () => {
    const { page } = await harness.open('tasks=2000');
    const before = Number(await page.getAttribute('#graph', 'data-node-count'));
    await page.click('.outline > summary');
    const group = page.locator('.outline-item.kind-group').first();
    const groupId = await group.getAttribute('data-node-id');
    await group.click();
    await page.click('.side-panel button[data-action="expand-group"]');
    await page.waitForFunction((n) => Number(document.querySelector('#graph')!.getAttribute('data-node-count')) > n, before);
    await page.waitForSelector('.side-panel button[data-action="collapse-group"]');
    const selected = await page.evaluate(() => document.body.dataset.selected);
    assert.notEqual(selected, groupId, 'a member of the group is selected');
    await page.click('.side-panel button[data-action="collapse-group"]');
    await page.waitForFunction((n) => Number(document.querySelector('#graph')!.getAttribute('data-node-count')) === n, before);
    await page.close();
  });

  it('renders hostile server strings as text and stays usable with a 1 MB error', async () => {
    const name = '<img src=x onerror="window.__pwned=9">';
    const { page, problems } = await harness.open(`tasks=200&error=huge&name=${encodeURIComponent(name)}`);
    await page.click('.blockers li:first-child button');
    await page.waitForSelector('.side-panel .error-text');
    const excerpt = (await page.textContent('.side-panel .error-text'))!;
    assert.ok(excerpt.includes('<img src=x onerror="window.__pwned=1">'), 'the markup is shown literally');
    assert.ok(excerpt.length <= 4100, `only an excerpt is drawn (${excerpt.length})`);
    assert.ok(!excerpt.includes('\u0007') && !excerpt.includes('\u001b') && !excerpt.includes('\u202e'), 'control characters are neutralised');
    assert.match((await page.textContent('.header'))!, /<img src=x onerror=/);
    assert.equal(await page.locator('img').count(), 0, 'no element was created from server text');
    await page.click('.side-panel .show-more');
    assert.ok((await page.textContent('.side-panel .error-text'))!.length > 30_000);
    assert.match((await page.textContent('.side-panel .error-note'))!, /"Show Error" opens all of it/);
    await page.click('.side-panel button[data-action="copy-id"]');
    await page.waitForFunction(() => (window as unknown as HarnessView).harness.commands.some((c) => c.command === 'armonik.copyId'));
    assert.equal(await page.evaluate(() => (window as unknown as HarnessView).__pwned), undefined);
    assert.deepEqual(problems, []);
    await page.close();
  });

  it('exports the diagnosis as JSON and the view as SVG and PNG', async () => {
    const { page } = await harness.open('tasks=300');
    await page.click('.export > summary');
    await page.click('button[data-export="json-file"]');
    await page.waitForSelector('.toast:not([hidden])');
    await page.click('.export > summary');
    await page.click('button[data-export="svg-file"]');
    await page.click('.export > summary');
    await page.click('button[data-export="png-file"]');
    await page.waitForFunction(() => (window as unknown as HarnessView).harness.saved.length === 3);
    const saved = await page.evaluate(() => (window as unknown as HarnessView).harness.saved);
    const resultId = await page.evaluate(() => (window as unknown as HarnessView).harness.trace.resultId);
    const doc = JSON.parse(saved[0]!.text!);
    assert.equal(doc.format, 'armonik-trace/diagnosis');
    assert.equal(doc.diagnosis.target.id, resultId);
    assert.match(saved[1]!.text!, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(saved[1]!.text!.includes('final-result'));
    assert.equal(saved[2]!.format, 'png');
    assert.ok(saved[2]!.bytes > 10_000, `png of ${saved[2]!.bytes} bytes`);
    assert.match((await page.textContent('.toast'))!, /Saved to harness\//);
    await page.close();
  });

  it('moves between connected nodes with the keyboard and searches with /', async () => {
    const { page } = await harness.open('tasks=300');
    const target = await page.evaluate(() => (window as unknown as HarnessView).harness.trace.resultId);
    await page.focus('#graph');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.body.dataset.selected), target, 'the first arrow selects the traced result');
    await page.keyboard.press('ArrowDown');
    const owner = await page.evaluate(() => document.body.dataset.selected);
    assert.notEqual(owner, target);
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.body.dataset.selected), target);
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'search-input');
    await page.keyboard.type(owner!.slice(0, 8));
    await page.waitForSelector('.search-option');
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => document.body.dataset.selected === id, owner);
    await page.close();
  });

  it('applies live updates as diffs without moving drawn nodes', async () => {
    const { page } = await harness.open('tasks=300&scenario=running&seed=5');
    const positions = () =>
      page.evaluate(() => {
        const cy = (document.querySelector('#graph') as unknown as { _cyreg: { cy: { nodes(): { map<T>(f: (n: { id(): string; position(): { x: number; y: number } }) => T): T[] } } } })._cyreg.cy;
        return Object.fromEntries(cy.nodes().map((n) => [n.id(), n.position()]));
      });
    const before = await positions();
    const progress = await page.textContent('.header-facts');
    await page.evaluate(() => (window as unknown as HarnessView).harness.step(6, 2));
    await page.waitForFunction((p) => document.querySelector('.header-facts')!.textContent !== p, progress);
    await page.waitForTimeout(500); // let entering nodes finish their animation
    const afterUpdate = await positions();
    let kept = 0;
    for (const [id, p] of Object.entries(before)) {
      if (!afterUpdate[id]) continue;
      kept++;
      assert.deepEqual(afterUpdate[id], p, `${id} moved`);
    }
    assert.ok(kept > 10);
    assert.ok(Object.keys(afterUpdate).some((id) => !before[id]), 'new nodes were drawn');
    await page.close();
  });

  it('restyles the graph when the theme changes', async () => {
    const { page } = await harness.open('tasks=50&theme=dark');
    const color = () => page.evaluate(() => (document.querySelector('#graph') as unknown as { _cyreg: { cy: { nodes(): { first(): { style(p: string): string } } } } })._cyreg.cy.nodes().first().style('color'));
    const dark = await color();
    await page.evaluate(() => (document.body.className = 'vscode-light'));
    await page.waitForFunction((d) => (document.querySelector('#graph') as unknown as { _cyreg: { cy: { nodes(): { first(): { style(p: string): string } } } } })._cyreg.cy.nodes().first().style('color') !== d, dark);
    assert.notEqual(await color(), dark);
    await page.close();
  });

  it('restores selection, viewport and expanded groups after a reload', async () => {
    const { page } = await harness.open('tasks=2000&reload=1');
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await page.waitForSelector('#graph[data-ready="true"]');
    await page.click('.outline > summary');
    await page.locator('.outline-item.kind-group').first().click();
    await page.click('.side-panel button[data-action="expand-group"]');
    await page.waitForSelector('.side-panel button[data-action="collapse-group"]');
    const selected = await page.evaluate(() => document.body.dataset.selected);
    const count = await page.getAttribute('#graph', 'data-node-count');
    // State is saved shortly after the last change (debounced, and the expansion's animation
    // moves the viewport): wait until what is stored holds the selection and the expanded group.
    await page.waitForFunction((id) => {
      const saved = JSON.parse(sessionStorage.getItem('armonik-harness-state') ?? 'null') as { selectedId?: string; expanded?: Record<string, number> } | null;
      return saved !== null && saved.selectedId === id && Object.keys(saved.expanded ?? {}).length > 0;
    }, selected);
    await page.reload();
    await page.waitForSelector('#graph[data-ready="true"]');
    await page.waitForFunction((id) => document.body.dataset.selected === id, selected);
    assert.equal(await page.getAttribute('#graph', 'data-node-count'), count);
    await page.close();
  });
});
