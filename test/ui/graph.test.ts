// UI tests of the trace graph panel in a real VS Code (code-server) driven through Chromium:
// trace the simulator's results from the command palette, read the graph inside the webview,
// click the top blocker, use "Go to Next Blocking Task", expand a group, export the diagnosis,
// and reload the window: the panel comes back (WebviewPanelSerializer) on the live trace.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { createClient } from '../../src/armonik/client';
import { startTrace } from '../../src/trace/start-trace';
import { TraceViewSession } from '../../src/trace/view/view-session';
import { openDemoWorkbench, type DemoWorkbench } from './support/workbench';

let wb: DemoWorkbench;
let page: Page;

/** The graph page inside the active webview (outer iframe → VS Code's inner frame). */
const graphFrame = (): FrameLocator => page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');

function uiTest(name: string, timeout: number, body: () => Promise<void>): void {
  test(name, { timeout }, async () => {
    try {
      await body();
    } catch (error) {
      await wb?.screenshot(`FAILED-graph-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`).catch(() => undefined);
      throw error;
    }
  });
}

function target(name: string) {
  const t = wb.sim.ready.targets.find((x) => x.name === name);
  assert.ok(t, `the demo scenario has a target named ${name}`);
  return t;
}

/** Traces a demo target through the command palette and waits for its graph. */
async function traceFromPalette(name: string): Promise<FrameLocator> {
  await wb.runCommand('ArmoniK: Trace Result');
  // The picker offers recent and suggested results; pasting the ID works for any result.
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor();
  await input.fill(target(name).resultId);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: target(name).resultId }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator('.tab.active', { hasText: `Graph: ${name}` }).waitFor({ timeout: 60_000 });
  const frame = graphFrame();
  await frame.locator('#graph[data-ready="true"]').waitFor({ timeout: 60_000 });
  return frame;
}

/** What a trace of this result, made independently of the extension, gives: the number of view
 * nodes our host-side view builder makes, and the task queued in its cone, if any. */
async function independentTrace(resultId: string): Promise<{ viewNodes: number; queuedTaskId: string | undefined }> {
  const client = createClient(wb.sim.ready.endpoint, { timeoutMs: 10_000 });
  try {
    const trace = await startTrace(client, { resultId });
    try {
      const queued = trace.diagnosis().blockers.find((b) => b.kind === 'task' && b.reason === 'queued');
      return { viewNodes: new TraceViewSession(trace).snapshot().nodes.length, queuedTaskId: queued?.id };
    } finally {
      trace.close();
    }
  } finally {
    client.close();
  }
}

async function expectedViewNodes(resultId: string): Promise<number> {
  return (await independentTrace(resultId)).viewNodes;
}

before(async () => {
  wb = await openDemoWorkbench({ waitForAborted: 'var-report', speed: 10 });
  page = wb.page;
}, { timeout: 240_000 });

after(async () => {
  await wb?.close();
});

uiTest('tracing the blocked result draws its cone, and the top blocker explains the queue', 120_000, async () => {
  const xva = target('xva');
  const frame = await traceFromPalette('xva');
  const drawn = Number(await frame.locator('#graph').getAttribute('data-node-count'));
  assert.equal(drawn, await expectedViewNodes(xva.resultId));
  assert.match((await frame.locator('.header').textContent()) ?? '', /queued/);
  await frame.locator('.blockers li').first().locator('button').click();
  const panel = frame.locator('.side-panel');
  await panel.locator('.blocker-box').waitFor();
  assert.match((await panel.textContent()) ?? '', /gpu/);
  await wb.screenshot('graph-blocked', { docs: true });
});

uiTest('the failed result: clicking the top blocker shows the worker error in the side panel', 120_000, async () => {
  const frame = await traceFromPalette('var-report');
  await frame.locator('.blockers li').first().locator('button').click();
  const error = frame.locator('.side-panel .error-text');
  await error.waitFor({ timeout: 30_000 });
  assert.match((await error.textContent()) ?? '', /ArithmeticException/);
  assert.match((await frame.locator('.side-panel').textContent()) ?? '', /Root cause/);
  await wb.screenshot('graph-root-cause', { docs: true });
});

uiTest('Go to Next Blocking Task selects the blocker in the graph', 120_000, async () => {
  // Next blocker works on the trace of the active graph panel: make it var-report's.
  await page.locator('.tab', { hasText: 'Graph: var-report' }).click();
  await wb.runCommand('ArmoniK: Go to Next Blocking Task');
  // The command opens the blocking task's details; the graph keeps the blocker selected.
  await page.locator('.tab.active', { hasText: /^Task / }).waitFor({ timeout: 30_000 });
  await page.locator('.tab', { hasText: 'Graph: var-report' }).click();
  const frame = graphFrame();
  await frame.locator('.side-panel .blocker-box').waitFor({ timeout: 30_000 });
  const selected = await frame.locator('body').getAttribute('data-selected');
  assert.ok(selected, 'a node is selected');
  const header = (await frame.locator('.blockers li').first().locator('button').getAttribute('data-node-id')) ?? '';
  assert.equal(selected, header, 'the first blocker is the one selected');
});

uiTest('a group of the delegated pricing tree expands in place', 120_000, async () => {
  const frame = await traceFromPalette('portfolio-pv');
  const before = Number(await frame.locator('#graph').getAttribute('data-node-count'));
  await frame.locator('.outline > summary').click();
  const group = frame.locator('.outline-item.kind-group').first();
  await group.waitFor({ timeout: 10_000 });
  await group.click();
  await frame.locator('.side-panel button[data-action="expand-group"]').click();
  await frame.locator('.side-panel button[data-action="collapse-group"]').waitFor({ timeout: 30_000 });
  const afterExpand = Number(await frame.locator('#graph').getAttribute('data-node-count'));
  assert.ok(afterExpand > before, `${afterExpand} nodes after expanding, ${before} before`);
  await wb.screenshot('graph-expanded', { docs: true });
});

uiTest('Export Trace Graph saves the diagnosis as JSON', 120_000, async () => {
  await page.locator('.tab', { hasText: 'Graph: portfolio-pv' }).click();
  await wb.runCommand('ArmoniK: Export Trace Graph');
  const quick = page.locator('.quick-input-widget');
  await quick.locator('.monaco-list-row', { hasText: 'Diagnosis as JSON' }).first().click();
  // code-server's save dialog is VS Code's simple file dialog: a path in a quick input, which
  // proposes the workspace folder and the suggested name. Accept it as a user would.
  const file = join(wb.workspace.dir, `armonik-trace-${target('portfolio-pv').resultId.slice(0, 8)}.json`);
  const input = quick.locator('input.input');
  await input.waitFor();
  await page.waitForFunction(`(document.querySelector('.quick-input-widget input.input')?.value ?? '').endsWith('.json')`, undefined, { timeout: 10_000 });
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 20_000;
  while (!existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  assert.ok(existsSync(file), `${file} was written`);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(doc.format, 'armonik-trace/diagnosis');
  assert.equal(doc.diagnosis.target.id, target('portfolio-pv').resultId);
});

// Last: it reloads the window and cancels xva's queued task, which the tests above do not expect.
uiTest('after a window reload the graph panel comes back with the same graph and follows the live trace', 240_000, async () => {
  const xva = target('xva');
  // One panel, so that the restored one is the active editor and its webview the visible one.
  await wb.runCommand('View: Close All Editors');
  await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
  let frame = await traceFromPalette('xva');
  const drawn = Number(await frame.locator('#graph').getAttribute('data-node-count'));
  const independent = await independentTrace(xva.resultId);
  assert.equal(drawn, independent.viewNodes);
  const queued = independent.queuedTaskId;
  assert.ok(queued, 'xva waits on a task queued on the gpu partition');
  await frame.locator(`.blockers button[data-node-id="${queued}"]`).waitFor({ timeout: 10_000 });
  // The webview saves its state (which trace, viewport) 300 ms after drawing; VS Code keeps it
  // with the editor and hands it to the serializer after the reload.
  await page.waitForTimeout(1_500);

  // VS Code's own window reload: in the browser it saves the workbench state (open editors and
  // their webview state) before reloading the page. Reloading the page directly (F5) only gets a
  // best-effort save from the unload handler, which often misses the editors.
  const reloaded = page.waitForEvent('load', { timeout: 60_000 });
  await wb.runCommand('Developer: Reload Window');
  await reloaded;
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.tab.active', { hasText: 'Graph: xva' }).waitFor({ timeout: 60_000 });
  frame = graphFrame();
  await frame.locator('#graph[data-ready="true"]').waitFor({ timeout: 90_000 });
  assert.equal(Number(await frame.locator('#graph').getAttribute('data-node-count')), drawn, 'the restored panel draws as many nodes');
  assert.equal(await frame.locator('.header .result-name').getAttribute('title'), xva.resultId, 'the restored panel shows xva');
  assert.equal((await frame.locator('.header .live').textContent())?.trim(), 'Live');
  await frame.locator(`.blockers button[data-node-id="${queued}"]`).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.tab', { hasText: 'Graph: xva' }).count(), 1, 'one panel for xva');
  await wb.screenshot('graph-restored');

  // Live again: a change made on the control plane after the reload reaches the restored panel.
  const client = createClient(wb.sim.ready.endpoint, { timeoutMs: 10_000 });
  try {
    await client.tasks.cancel([queued]);
  } finally {
    client.close();
  }
  await frame.locator('.header .verdict.verdict-failed').waitFor({ timeout: 30_000 });
  assert.match((await frame.locator('.header .headline').textContent()) ?? '', /cancelled/);
  await wb.screenshot('graph-restored-live');
});
