// Helpers shared by the in-host suites: the extension's test API, polling, an in-process
// simulator and connecting the extension to it.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ArmoniKTraceExtensionApi } from '../../src/extension/main';
import { startSimulator, type RunningSimulator } from '../../src/simulator/simulator';

import { waitFor } from '../support/wait-for';

export { waitFor };

export const EXTENSION_ID = 'armonik-trace.armonik-trace';

export async function extensionApi(): Promise<ArmoniKTraceExtensionApi> {
  const ext = vscode.extensions.getExtension<ArmoniKTraceExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : ext.activate();
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

export interface ShownMessage {
  level: 'error' | 'warn' | 'info';
  message: string;
  actions: string[];
}

/** Runs `body` with the messages the extension's commands show (Services.notify) recorded
 * instead of shown, none of them answered, and returns them. */
export async function recordingMessages(body: () => Promise<void>): Promise<ShownMessage[]> {
  const s = (await extensionApi()).services;
  const shown: ShownMessage[] = [];
  const original = s.notify;
  const record = (level: ShownMessage['level']) => async (message: string, ...actions: string[]) => {
    shown.push({ level, message, actions });
    return undefined;
  };
  s.notify = { error: record('error'), warn: record('warn'), info: record('info') };
  try {
    await body();
  } finally {
    s.notify = original;
  }
  return shown;
}

const LOG_METHODS = new Set<PropertyKey>(['trace', 'debug', 'info', 'warn', 'error', 'appendLine']);

/** Runs `body` with what is logged through Services.log (the "ArmoniK Trace" output channel)
 * recorded as well as logged, and returns those lines. Components handed the channel at
 * activation log past this; commands read Services.log at each use. */
export async function recordingLog(body: () => Promise<void>): Promise<string[]> {
  const s = (await extensionApi()).services;
  const lines: string[] = [];
  const original = s.log;
  s.log = new Proxy(original, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (!LOG_METHODS.has(property)) return value.bind(target);
      return (message: unknown, ...rest: unknown[]) => {
        lines.push(message instanceof Error ? message.message : String(message));
        return value.apply(target, [message, ...rest]);
      };
    },
  });
  try {
    await body();
  } finally {
    s.log = original;
  }
  return lines;
}

/** Runs `body` with the URLs the extension opens outside VS Code (Services.openExternal)
 * recorded instead of opened, and returns them. */
export async function recordingExternalOpens(body: () => Promise<void>): Promise<string[]> {
  const s = (await extensionApi()).services;
  const opened: string[] = [];
  const original = s.openExternal;
  s.openExternal = async (uri) => {
    opened.push(uri.toString(true));
    return true;
  };
  try {
    await body();
  } finally {
    s.openExternal = original;
  }
  return opened;
}

/** Checks that `probe` keeps holding for `ms` (that something does not happen soon after). */
export async function holdsFor(probe: () => boolean, ms: number, message: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    assert.ok(probe(), message);
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(probe(), message);
}
