import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { extensionApi, startManualSimulator, waitFor, workspaceRoot } from './helpers';
import { after, before, suite, test } from './harness';

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const config = () => vscode.workspace.getConfiguration('armonik');

suite('connection and status bar', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startManualSimulator('demo');
    const api = await extensionApi();
    api.services.selection.choose(undefined);
  });
  after(async () => {
    await config().update('endpoint', undefined, vscode.ConfigurationTarget.Workspace);
    await sim?.stop();
  });

  test('connects through the armonik.endpoint setting and shows endpoint and health', async () => {
    const api = await extensionApi();
    await config().update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Workspace);
    const snap = await waitFor(() => {
      const s = api.services.connection.snapshot;
      return s.state === 'connected' && s.target?.url === sim.endpoint ? s : undefined;
    }, { message: 'connected state' });
    assert.equal(snap.target?.source, 'settings');
    assert.deepEqual(snap.health?.map((h) => h.healthy), ['HEALTHY', 'HEALTHY', 'HEALTHY']);
    assert.ok(snap.versions?.core, 'core version read from the control plane');
    assert.equal(api.statusBar.text, `$(plug) ArmoniK 127.0.0.1:${sim.port}`);
    const roots = await api.services.tree.getChildren();
    assert.ok(roots.length > 0 && roots.every((n) => n.kind === 'session'), 'the tree lists sessions once connected');
  });

  test('a dead endpoint gives an actionable message and an error status bar, without a client storm', async () => {
    const api = await extensionApi();
    const port = await closedPort();
    await config().update('endpoint', `http://127.0.0.1:${port}`, vscode.ConfigurationTarget.Workspace);
    const snap = await waitFor(() => {
      const s = api.services.connection.snapshot;
      return s.state === 'error' && s.target?.url.endsWith(`:${port}`) ? s : undefined;
    }, { message: 'error state', timeoutMs: 20_000 });
    assert.match(snap.error?.message ?? '', new RegExp(`cannot reach ArmoniK at http://127\\.0\\.0\\.1:${port}.*(refused|running)`));
    assert.match(api.statusBar.text, /^\$\(error\) ArmoniK 127\.0\.0\.1:\d+$/);
    assert.deepEqual(await api.services.tree.getChildren(), [], 'the error welcome content replaces the tree');
    await assert.rejects(api.services.connection.getClient(), /cannot reach ArmoniK/);
  });

  test('comes back when the endpoint is reachable again', async () => {
    const api = await extensionApi();
    await config().update('endpoint', sim.endpoint, vscode.ConfigurationTarget.Workspace);
    await waitFor(() => api.services.connection.state === 'connected' && api.services.connection.snapshot.target?.url === sim.endpoint, {
      message: 'reconnected',
    });
    assert.equal(api.statusBar.text, `$(plug) ArmoniK 127.0.0.1:${sim.port}`);
  });

  test('Use Local Deployment connects to the control plane named by generated/armonik-output.json', async () => {
    const api = await extensionApi();
    const deployment = await startManualSimulator('diamond');
    // Where ArmoniK's localhost quick-deploy writes it, below the workspace root.
    const output = vscode.Uri.joinPath(workspaceRoot(), 'infrastructure', 'quick-deploy', 'localhost', 'generated', 'armonik-output.json');
    const outputJson = { armonik: { control_plane_url: deployment.endpoint, admin_app_url: 'http://127.0.0.1:5000/admin' } };
    await vscode.workspace.fs.writeFile(output, new TextEncoder().encode(JSON.stringify(outputJson)));
    try {
      assert.equal(await vscode.commands.executeCommand('armonik.useLocalDeployment'), true);
      const snap = await waitFor(() => {
        const s = api.services.connection.snapshot;
        return s.state === 'connected' && s.target?.url === deployment.endpoint ? s : undefined;
      }, { message: 'connected to the deployment' });
      assert.equal(snap.target?.source, 'deployment');
      assert.equal(snap.target?.adminUrl, 'http://127.0.0.1:5000/admin', 'the Admin GUI URL comes from the same file');
      assert.equal(api.statusBar.text, `$(plug) ArmoniK 127.0.0.1:${deployment.port}`);
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'infrastructure'), { recursive: true });
      api.services.selection.choose(undefined);
      await api.services.connection.reconnect('test');
      await deployment.stop();
    }
  });

  test('an explicit endpoint choice wins over the setting until it is reset', async () => {
    const api = await extensionApi();
    const other = await startManualSimulator('diamond');
    try {
      api.services.selection.choose({ url: other.endpoint, tls: {}, source: 'manual', label: 'other' });
      await api.services.connection.reconnect('test');
      assert.equal(api.services.connection.snapshot.target?.url, other.endpoint);
      api.services.selection.choose(undefined);
      await api.services.connection.reconnect('test');
      assert.equal(api.services.connection.snapshot.target?.url, sim.endpoint);
    } finally {
      await other.stop();
    }
  });
});
