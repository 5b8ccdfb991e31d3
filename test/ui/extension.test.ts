// UI tests of the extension in a real VS Code (code-server) driven through Chromium: the
// activity bar view, the tree, a hover in a log file, the command palette, the task details and
// the status bar. Screenshots go to test-results/screenshots/ (the best ones to docs/images/).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openDemoWorkbench, type DemoWorkbench } from './support/workbench';

let wb: DemoWorkbench;
let page: Page;

// Runs in the page: the screen position of the 6th character of `needle` in the active editor. Kept as
// a string because the test's TypeScript has no DOM types.
const TEXT_POSITION_SCRIPT = `(needle) => {
  const root = document.querySelector('.editor-group-container.active .editor-instance .view-lines') || document.querySelector('.view-lines');
  if (!root) return undefined;
  // Monaco positions its line elements absolutely and reuses them in any order: search each
  // rendered (visual) line on its own.
  for (const line of root.querySelectorAll('.view-line')) {
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let joined = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node, start: joined.length });
      joined += node.data.replace(/\u00a0/g, ' ');
    }
    const at = joined.indexOf(needle);
    if (at < 0) continue;
    const target = at + Math.min(5, needle.length - 1);
    const hit = nodes.filter((n) => n.start <= target).pop();
    const range = document.createRange();
    range.setStart(hit.node, target - hit.start);
    range.setEnd(hit.node, target - hit.start + 1);
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }
  return undefined;
}`;

/** Moves the mouse onto `text` in the active editor (from elsewhere, so the editor sees it
 * arrive). */
async function hoverEditorText(p: Page, text: string): Promise<{ x: number; y: number }> {
  const point = (await p.evaluate(`(${TEXT_POSITION_SCRIPT})(${JSON.stringify(text)})`)) as { x: number; y: number } | undefined;
  assert.ok(point, `"${text}" is visible in the editor`);
  await p.mouse.move(point.x + 200, point.y + 120);
  await p.mouse.move(point.x, point.y, { steps: 8 });
  return point;
}

/** Scrolls the active editor to a 1-based line (Go to Line). */
async function goToLine(p: Page, line: number): Promise<void> {
  await p.keyboard.press('Control+G');
  await p.locator('.quick-input-widget input.input').fill(`:${line}`);
  await p.keyboard.press('Enter');
}

const short = (id: string) => `${id.slice(0, 8)}…`;

/** A row of a tree view (not of a quick pick, which is a list too). */
const treeRow = (text: string | RegExp) => page.locator('.monaco-list-row[role="treeitem"]', { hasText: text });

/** A UI test that leaves a screenshot of the workbench when it fails. */
function uiTest(name: string, timeout: number, body: () => Promise<void>): void {
  test(name, { timeout }, async () => {
    try {
      await body();
    } catch (error) {
      await wb?.screenshot(`FAILED-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
      throw error;
    }
  });
}

before(async () => {
  wb = await openDemoWorkbench({ waitForAborted: 'var-report', speed: 10, workspaceSettings: { 'armonik.pageSize': 10 } });
  page = wb.page;
}, { timeout: 240_000 });

after(async () => {
  await wb?.close();
});

uiTest('the ArmoniK view lists the session with its status and task counts', 60_000, async () => {
  await page.locator('.activitybar .action-item a[aria-label^="ArmoniK"]').click();
  // A wider side bar, as users do for trees with descriptions (drag its edge).
  const bar = await page.locator('.part.sidebar').boundingBox();
  assert.ok(bar);
  await page.mouse.move(bar.x + bar.width - 1, bar.y + bar.height / 2);
  await page.mouse.down();
  await page.mouse.move(bar.x + bar.width + 170, bar.y + bar.height / 2, { steps: 6 });
  await page.mouse.up();
  const sessionId = wb.sim.ready.targets[0]!.sessionId;
  const row = treeRow(short(sessionId));
  await row.waitFor();
  await page.locator('.monaco-list-row[role="treeitem"] .label-description', { hasText: 'done' }).first().waitFor();
  assert.match((await row.textContent()) ?? '', /running/);
  await wb.screenshot('sessions-view', { docs: true });
});

uiTest('a session expands into Results and Tasks, and a status filter narrows the tasks', 60_000, async () => {
  const sessionId = wb.sim.ready.targets[0]!.sessionId;
  await treeRow(short(sessionId)).click();
  const tasksRow = treeRow(/^Tasks/).first();
  await tasksRow.waitFor();
  await treeRow(/^Results/).first().waitFor();
  await tasksRow.click();
  await treeRow('Load more…').first().waitFor();
  await tasksRow.hover();
  await tasksRow.locator('.action-label[aria-label="Filter by Status…"]').click();
  const quick = page.locator('.quick-input-widget');
  await quick.locator('.monaco-list-row', { hasText: 'ERROR' }).first().waitFor();
  // Multi-select: clicking a row toggles its checkbox; Enter accepts the checked ones.
  await quick.locator('.monaco-list-row', { hasText: /^ERROR/ }).first().click();
  await page.keyboard.press('Enter');
  await treeRow('Tasks (ERROR)').waitFor();
  const errorRows = page.locator('.monaco-list-row[role="treeitem"] .label-description', { hasText: /^ERROR/ });
  await errorRows.first().waitFor();
  assert.ok((await errorRows.count()) >= 1);
  await wb.screenshot('tree-filtered', { docs: true });
});

uiTest('hovering a task ID in the worker log shows its live status and actions', 60_000, async () => {
  await wb.openFile('logs/worker.log');
  const lines = readFileSync(wb.workspace.logFile, 'utf8').split('\n');
  const index = lines.findIndex((l) => / failed: /.test(l));
  assert.ok(index >= 0, 'the log has a failed task line');
  const taskId = /Task (\S+) failed/.exec(lines[index]!)![1]!;
  await goToLine(page, index + 1);
  await page.locator('.view-line', { hasText: taskId }).first().waitFor();
  const point = await hoverEditorText(page, taskId);
  const hover = page.locator('.monaco-hover', { hasText: 'ArmoniK task' });
  try {
    await hover.waitFor({ timeout: 8_000 });
  } catch {
    // A mouse hover can be swallowed while the editor is still settling: ask for the hover with
    // the keyboard at the same place (Show Hover), as a keyboard user would.
    await page.mouse.click(point.x, point.y);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await hover.waitFor({ timeout: 15_000 });
  }
  assert.match((await hover.textContent()) ?? '', /ERROR[\s\S]*Show Details/);
  await wb.screenshot('hover', { docs: true });
  await page.keyboard.press('Escape');
});

uiTest('Trace Result from the command palette traces the chosen result', 90_000, async () => {
  await wb.runCommand('ArmoniK: Trace Result');
  const quick = page.locator('.quick-input-widget');
  const target = quick.locator('.monaco-list-row', { hasText: 'var-report' }).first();
  await target.waitFor();
  await wb.screenshot('trace-result-pick', { docs: true });
  await target.click();
  await page.locator('iframe.webview').first().waitFor({ timeout: 60_000 });
  // The graph is drawn inside the webview's inner frame.
  const graph = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await graph.locator('canvas').first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(1500);
  await wb.screenshot('trace-graph', { docs: true });
});

uiTest('Show Root Cause opens the failing task with its error; a stack frame opens the source', 90_000, async () => {
  await wb.runCommand('ArmoniK: Show Root Cause');
  await page.locator('.tab.active', { hasText: /^Task / }).waitFor({ timeout: 30_000 });
  const editor = page.locator('.editor-group-container.active .view-lines');
  await editor.locator('.view-line', { hasText: 'System.ArithmeticException' }).first().waitFor({ timeout: 30_000 });
  assert.match((await editor.textContent()) ?? '', /Error\s*-----/, 'scrolled to the error section');
  await wb.screenshot('task-details', { docs: true });
  // Document links open on Ctrl+click.
  // The frame may wrap after "Worker/": aim at the file name.
  const point = (await page.evaluate(`(${TEXT_POSITION_SCRIPT})(${JSON.stringify('CurveFitter.cs')})`)) as { x: number; y: number } | undefined;
  assert.ok(point, 'the C# frame is visible');
  await page.keyboard.down('Control');
  await page.mouse.click(point.x, point.y);
  await page.keyboard.up('Control');
  await page.locator('.tab.active', { hasText: 'CurveFitter.cs' }).waitFor({ timeout: 30_000 });
  await page.locator('.view-line', { hasText: 'throw Diverged' }).first().waitFor();
  await wb.screenshot('stack-frame-opened');
});

uiTest('the status bar shows the endpoint and opens the connection options', 60_000, async () => {
  const item = page.locator('.statusbar-item', { hasText: 'ArmoniK' }).first();
  assert.match((await item.textContent()) ?? '', /ArmoniK 127\.0\.0\.1:\d+/);
  await item.click();
  const quick = page.locator('.quick-input-widget');
  await quick.locator('.monaco-list-row', { hasText: 'Switch Endpoint' }).waitFor();
  await wb.screenshot('connection-menu', { docs: true });
  await page.keyboard.press('Escape');
});

uiTest('the session context menu pauses and resumes it, after a modal confirmation', 90_000, async () => {
  const sessionId = wb.sim.ready.targets[0]!.sessionId;
  const row = treeRow(short(sessionId));
  // The activity bar icon toggles the side bar: click it only when the view is not showing.
  if (!(await row.isVisible())) await page.locator('.activitybar .action-item a[aria-label^="ArmoniK"]').click();
  const menuItem = (label: string) => page.locator('.context-view .monaco-menu .action-item', { hasText: label });

  const dialog = page.locator('.monaco-dialog-box');
  // The row is re-rendered when a live update lands, which can swallow a click on its menu: open
  // the menu again (at most twice more) until the confirmation shows.
  // A click can also land while the menu still ignores the mouse (just opened): the item it
  // highlighted is then chosen with Enter, as with the keyboard.
  const shown = (ms: number) => dialog.waitFor({ timeout: ms }).then(() => true, () => false);
  const choose = async (label: string): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      if (!(await menuItem(label).isVisible())) await row.click({ button: 'right' });
      await menuItem(label).click();
      if (await shown(3_000)) return;
      if (await menuItem(label).isVisible()) {
        await menuItem(label).hover();
        await page.keyboard.press('Enter');
        if (await shown(3_000)) return;
      }
      if (attempt >= 2) throw new Error(`choosing "${label}" in the session's context menu opened no confirmation`);
      await page.keyboard.press('Escape');
    }
  };

  await row.click({ button: 'right' });
  await menuItem('Pause Session').waitFor();
  assert.equal(await menuItem('Resume Session').count(), 0, 'Resume is only offered on a paused session');
  await wb.screenshot('session-context-menu', { docs: true });
  await choose('Pause Session');
  assert.match((await dialog.textContent()) ?? '', /Pause session .*\?[\s\S]*Queued tasks stop being dispatched/);
  await dialog.locator('.monaco-button', { hasText: 'Pause Session' }).click();
  await row.locator('.label-description', { hasText: /^paused/ }).waitFor({ timeout: 15_000 });

  await choose('Resume Session');
  await dialog.locator('.monaco-button', { hasText: 'Resume Session' }).click();
  await row.locator('.label-description', { hasText: /^running/ }).waitFor({ timeout: 15_000 });
});
