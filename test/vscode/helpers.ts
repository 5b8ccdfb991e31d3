// Helpers shared by the in-host suites: the extension's test API, polling, an in-process
// simulator and connecting the extension to it.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ArmoniKTraceExtensionApi } from '../../src/extension/main';
import { startSimulator, type RunningSimulator } from '../../src/simulator/simulator';

export const EXTENSION_ID = 'armonik-trace.armonik-trace';

export async function extensionApi(): Promise<ArmoniKTraceExtensionApi> {
  const ext = vscode.extensions.getExtension<ArmoniKTraceExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; message: string },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${options.message}${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 100));
  }
}

/** The simulator with a manual clock: tests decide when time passes (`engine.advance`). */
export function startManualSimulator(scenario: string, params?: Record<string, number>): Promise<RunningSimulator> {
  return startSimulator({ scenario, params, clock: { kind: 'manual' }, seed: 7 });
}

/** Moves the manual clock by `stepMs` until `done()` holds (or `maxMs` of virtual time passed). */
export function advanceUntil(sim: RunningSimulator, done: () => boolean, message: string, stepMs = 1000, maxMs = 600_000): void {
  for (let elapsed = 0; !done(); elapsed += stepMs) {
    assert.ok(elapsed < maxMs, `${message}: not reached after ${maxMs / 1000} s of simulated time`);
    sim.engine.advance(stepMs);
  }
}

/** The demo state the suites start from: the curve fit has failed and its error cascaded to the
 * risk report, while pricing tasks are still running. */
export function advanceToDemoFailure(sim: RunningSimulator): void {
  const varReport = sim.targets.find((t) => t.name === 'var-report');
  assert.ok(varReport, 'the demo scenario has a var-report target');
  advanceUntil(sim, () => sim.engine.result(varReport.resultId)?.status === 'ABORTED', 'var-report aborted');
}

/** Points the extension at `endpoint` the way "Switch Endpoint → Enter URL" does. */
export async function connectTo(api: ArmoniKTraceExtensionApi, endpoint: string): Promise<void> {
  const s = api.services;
  s.selection.choose({ url: endpoint, tls: {}, source: 'manual', label: endpoint });
  const snap = await s.connection.reconnect('test');
  assert.equal(snap.state, 'connected', `could not connect to ${endpoint}: ${snap.error?.message ?? ''}`);
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host has no workspace folder');
  return folder.uri;
}

/** Waits for a visible editor (the active one first) showing a document whose URI matches. */
export function activeEditorFor(match: (uri: vscode.Uri) => boolean, message: string): Promise<vscode.TextEditor> {
  return waitFor(() => {
    const editors = [vscode.window.activeTextEditor, ...vscode.window.visibleTextEditors];
    return editors.find((e) => e && match(e.document.uri));
  }, { message });
}

/** Waits until a document's text satisfies `match` (virtual documents load asynchronously). */
export function documentText(editor: vscode.TextEditor, match: RegExp, message: string): Promise<string> {
  return waitFor(() => {
    const text = editor.document.getText();
    return match.test(text) ? text : undefined;
  }, { message });
}
