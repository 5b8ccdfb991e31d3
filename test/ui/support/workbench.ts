// The code-server + Chromium harness of the UI tests: starts the simulator (child process, like
// the extension does), waits for the demo's failure, prepares the demo workspace, opens VS Code
// in the browser with our extension loaded, and offers the few UI actions tests need.
// Other UI specs (e.g. the graph panel's) reuse `openDemoWorkbench`.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { createClient } from '../../../src/armonik/client';
import { startSimulatorChild, type SimulatorChild } from '../../../src/extension/simulator/simulator-child';
import { launchChromium, openWorkbench, root, scratchDir, startCodeServer, workbenchUrl, type CodeServer } from '../../../scripts/code-server-session.mjs';
import { prepareDemoWorkspace, type DemoWorkspace } from '../../../scripts/demo-workspace';

export const SCREENSHOTS = join(root, 'test-results', 'screenshots');
export const DOC_IMAGES = join(root, 'docs', 'images');

export interface DemoWorkbench {
  page: Page;
  sim: SimulatorChild;
  workspace: DemoWorkspace;
  /** Saves a PNG under test-results/screenshots (and docs/images when `docs`). */
  screenshot(name: string, options?: { docs?: boolean; locator?: Locator }): Promise<string>;
  /** Runs a command from the command palette by its title ("ArmoniK: Trace Result…"). */
  runCommand(title: string): Promise<void>;
  /** Opens a workspace file by path through Quick Open. */
  openFile(relativePath: string): Promise<void>;
  close(): Promise<void>;
}

export interface DemoWorkbenchOptions {
  scenario?: string;
  speed?: number;
  /** Wait until this simulator target's result is ABORTED before opening VS Code. */
  waitForAborted?: string;
  /** Color theme label as the theme picker shows it (default "Dark Modern"). */
  theme?: string;
  userSettings?: Record<string, unknown>;
  /** Extra settings of the demo workspace (e.g. a small `armonik.pageSize`). */
  workspaceSettings?: Record<string, unknown>;
}

async function waitForResultStatus(endpoint: string, resultId: string, status: string, timeoutMs: number): Promise<void> {
  const client = createClient(endpoint, { timeoutMs: 5000 });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const r = await client.results.get(resultId);
      if (r.status === status) return;
      if (Date.now() > deadline) throw new Error(`result ${resultId} is still ${r.status} after ${timeoutMs / 1000} s (wanted ${status})`);
      await new Promise((res) => setTimeout(res, 250));
    }
  } finally {
    client.close();
  }
}

export async function openDemoWorkbench(options: DemoWorkbenchOptions = {}): Promise<DemoWorkbench> {
  const cleanup: Array<() => Promise<void> | void> = [];
  const close = async (): Promise<void> => {
    for (const fn of cleanup.reverse()) await Promise.resolve(fn()).catch(() => undefined);
  };
  try {
    const sim = await startSimulatorChild({
      execPath: process.execPath,
      script: join(root, 'dist', 'simulator.js'),
      args: ['--scenario', options.scenario ?? 'demo', '--port', '0', '--speed', String(options.speed ?? 10), '--json'],
      startTimeoutMs: 30_000,
    });
    cleanup.push(() => sim.stop());
    const aborted = options.waitForAborted && sim.ready.targets.find((t) => t.name === options.waitForAborted);
    if (aborted) await waitForResultStatus(sim.ready.endpoint, aborted.resultId, 'ABORTED', 90_000);

    const scratch = scratchDir('ui-workspace');
    cleanup.push(() => scratch.dispose());
    const workspace = await prepareDemoWorkspace({
      endpoint: sim.ready.endpoint,
      dir: scratch.dir,
      targets: sim.ready.targets,
      follow: false,
      // Git settings go to the workspace: the web workbench keeps user settings in the browser's
      // storage, so a fresh browser would not see them in the user-data folder.
      extraSettings: {
        'git.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        ...options.workspaceSettings,
      },
    });

    const server: CodeServer = await startCodeServer({ userSettings: options.userSettings });
    cleanup.push(() => server.stop());
    const browser: Browser = await launchChromium();
    cleanup.push(() => browser.close());
    const page = await openWorkbench(browser, workbenchUrl(server, { folder: workspace.dir, extensionDevelopmentPath: root }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The extension activates on startup finished: its status bar item shows the endpoint.
    await page.locator('.statusbar-item', { hasText: 'ArmoniK' }).first().waitFor({ timeout: 60_000 });

    const screenshot = async (name: string, o: { docs?: boolean; locator?: Locator } = {}): Promise<string> => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      if (o.locator) await o.locator.screenshot({ path });
      else await page.screenshot({ path });
      if (o.docs) {
        mkdirSync(DOC_IMAGES, { recursive: true });
        if (o.locator) await o.locator.screenshot({ path: join(DOC_IMAGES, `${name}.png`) });
        else await page.screenshot({ path: join(DOC_IMAGES, `${name}.png`) });
      }
      return path;
    };
    const quickInput = page.locator('.quick-input-widget');
    const runCommand = async (title: string): Promise<void> => {
      const input = quickInput.locator('input.input');
      const row = quickInput.locator('.monaco-list-row', { hasText: title }).first();
      // Just after a webview tab is clicked, its frame takes the focus a moment later, which
      // closes a palette opened in between (and a key pressed inside the frame can be dropped
      // by its keybinding forwarding): open the palette again, as a user would.
      for (let attempt = 0; ; attempt++) {
        try {
          await page.keyboard.press('F1');
          await input.waitFor({ timeout: 5_000 });
          await input.fill(`>${title}`, { timeout: 5_000 });
          await row.waitFor({ timeout: 10_000 });
          await row.click({ timeout: 5_000 });
          return;
        } catch (error) {
          if (attempt >= 3) throw error;
          await page.waitForTimeout(500);
        }
      }
    };
    const openFile = async (relativePath: string): Promise<void> => {
      await page.keyboard.press('Control+P');
      const input = quickInput.locator('input.input');
      await input.waitFor();
      await input.fill(relativePath);
      const name = relativePath.split('/').at(-1)!;
      await quickInput.locator('.monaco-list-row', { hasText: name }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tab.active', { hasText: name }).waitFor();
    };
    // The Extension Development Host window ignores `workbench.colorTheme` from settings here, so
    // the theme is picked the way a user would.
    await runCommand('Preferences: Color Theme');
    await quickInput.locator('input.input').fill(options.theme ?? 'Dark Modern');
    await quickInput.locator('.monaco-list-row', { hasText: options.theme ?? 'Dark Modern' }).first().waitFor();
    await page.keyboard.press('Enter');
    await quickInput.waitFor({ state: 'hidden' });
    return { page, sim, workspace, screenshot, runCommand, openFile, close };
  } catch (error) {
    await close();
    throw error;
  }
}
