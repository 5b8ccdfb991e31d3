import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi } from './helpers';
import { suite, test } from './harness';

suite('activation', () => {
  test('activates without connecting when no endpoint is configured', async () => {
    const api = await extensionApi();
    assert.equal(api.services.connection.state, 'disconnected');
    assert.equal(api.services.connection.currentClient, undefined, 'no client is created before one is needed');
    assert.match(api.statusBar.text, /not connected/);
    assert.deepEqual(await api.services.tree.getChildren(), [], 'an empty tree lets the welcome content show');
  });

  test('registers every command the manifest contributes', async () => {
    await extensionApi();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: Array<{ command: string }> } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = manifest.contributes.commands.map((c) => c.command).filter((c) => !registered.has(c));
    assert.deepEqual(missing, []);
  });

  test('commands that need a connection explain how to get one', async () => {
    const api = await extensionApi();
    await assert.rejects(api.services.connection.getClient(), /No ArmoniK endpoint is selected.*Start the local simulator|No ArmoniK endpoint is selected/);
  });
});
