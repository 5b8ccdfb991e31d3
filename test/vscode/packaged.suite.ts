import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LiveTrace } from '../../src/trace/types';
import { EXTENSION_ID, extensionApi, waitFor } from './helpers';
import { suite, test } from './harness';

// Runs only against the installed VSIX (test/ui/vsix.test.ts sets ARMONIK_TEST_VSIX): it checks
// that the packaged artifact has everything it needs at run time (bundles, protos, webview).
export const PACKAGED_SUITE = 'packaged extension (VSIX)';

suite(PACKAGED_SUITE, () => {
  test('is installed from the VSIX, not loaded from the sources', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the extension is installed');
    assert.ok(!ext.extensionPath.includes('/test/') && /armonik-trace\.armonik-trace-\d/.test(ext.extensionPath), `installed copy: ${ext.extensionPath}`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });

  test('activates, starts its bundled simulator and lists its sessions', async () => {
    const api = await extensionApi();
    const endpoint = await vscode.commands.executeCommand<string>('armonik.startSimulator', 'demo');
    assert.match(endpoint ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    await waitFor(() => api.services.connection.state === 'connected', { message: 'connected to the bundled simulator', timeoutMs: 30_000 });
    const roots = await api.services.tree.getChildren();
    assert.ok(roots.some((n) => n.kind === 'session'));
  }, { timeoutMs: 60_000 });

  test('traces a result and shows its graph from the packaged webview bundle', async () => {
    const api = await extensionApi();
    const target = api.services.simulator.running?.targets.find((t) => t.name === 'xva');
    assert.ok(target, 'the demo scenario reports its targets');
    const trace = (await vscode.commands.executeCommand('armonik.traceResult', target.resultId)) as LiveTrace | undefined;
    assert.ok(trace);
    assert.ok([...trace.nodes()].length > 1);
    await waitFor(() => api.services.graph().activeResultId === target.resultId, { message: 'the graph panel' });
  }, { timeoutMs: 60_000 });

  test('stops the simulator it started', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('armonik.stopSimulator');
    assert.equal(api.services.simulator.running, undefined);
    await waitFor(() => api.services.connection.state === 'disconnected', { message: 'disconnected after stopping the simulator' });
  });
});
