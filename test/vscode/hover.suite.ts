import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { advanceToDemoFailure, closeAllEditors, connectTo, extensionApi, startManualSimulator, waitFor, workspaceRoot } from './helpers';
import { after, before, suite, test } from './harness';

const UNKNOWN = 'deadbeef-0000-4000-8000-000000000001';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

suite('hovers and links on IDs', () => {
  let sim: RunningSimulator;
  let doc: vscode.TextDocument;
  let ids: { task: string; result: string; session: string };

  async function hoverAt(id: string): Promise<string> {
    const offset = doc.getText().indexOf(id);
    assert.ok(offset >= 0, `${id} is in the log`);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 3));
    return hoverText(hovers);
  }

  before(async () => {
    sim = await startManualSimulator('demo');
    advanceToDemoFailure(sim);
    await connectTo(await extensionApi(), sim.endpoint);
    const sessionId = [...sim.engine.sessions()][0]!.sessionId;
    const failed = [...sim.engine.tasks(sessionId)].find((t) => t.status === 'ERROR' && t.outputError.includes('ArithmeticException'));
    assert.ok(failed, 'the demo has a failed fit task');
    ids = { task: failed.id, result: sim.targets.find((t) => t.name === 'var-report')!.resultId, session: sessionId };
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'logs', 'hover-test.log');
    const log = [
      `2025-01-14T17:31:02.118Z INFO  Worker  Processing task ${ids.task} of session ${ids.session}`,
      `2025-01-14T17:31:04.610Z ERROR Worker  Task ${ids.task} failed; result ${ids.result} aborted`,
      `2025-01-14T17:31:05.000Z WARN  Client  Unknown reference ${UNKNOWN}`,
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${log}\n`));
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'log');
  });
  after(async () => {
    await closeAllEditors();
    await sim?.stop();
  });

  test('a task ID shows its live status, error and command links', async () => {
    const text = await hoverAt(ids.task);
    assert.match(text, /\*\*ArmoniK task\*\* `[^`]+` — \*\*ERROR\*\*/);
    assert.match(text, /ArithmeticException: Curve fit did not converge/);
    assert.match(text, /command:armonik\.showTaskDetails\?/);
    assert.match(text, /command:armonik\.showTaskError\?/);
  });

  test('result, session and unknown IDs say what they are', async () => {
    assert.match(await hoverAt(ids.result), /\*\*ArmoniK result\*\* .* — \*\*ABORTED\*\*[\s\S]*command:armonik\.traceResult/);
    assert.match(await hoverAt(ids.session), /\*\*ArmoniK session\*\* .* — \*\*RUNNING\*\*/);
    assert.match(await hoverAt(UNKNOWN), /is not a task, result or session known to/);
  });

  test('IDs looked up together share one request per kind', async () => {
    const api = await extensionApi();
    api.services.resolver.invalidate();
    const client = await api.services.connection.getClient();
    const before = client.stats.rpcs;
    await Promise.all([ids.task, ids.result, ids.session, UNKNOWN].map((id) => hoverAt(id)));
    const calls = client.stats.rpcs - before;
    assert.ok(calls <= 3, `4 IDs looked up with ${calls} calls (at most one per kind)`);
  });

  test('every ID in the log is a link that opens it', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const ours = links.filter((l) => l.target?.scheme === 'command' && l.target.path === 'armonik.openId');
    assert.equal(ours.length, 5);
    assert.deepEqual(JSON.parse(decodeURIComponent(ours[0]!.target!.query)), [ids.task]);
  });

  test('IDs printed in the terminal are links that open the task details', async () => {
    const api = await extensionApi();
    const line = `pod/worker-7 task=${ids.task} ok`;
    const terminal = vscode.window.createTerminal({ name: 'kubectl logs' });
    try {
      const links = await api.terminalLinks.provideTerminalLinks({ line, terminal });
      assert.equal(links.length, 1);
      assert.equal(line.substr(links[0]!.startIndex, links[0]!.length!), ids.task);
      await api.terminalLinks.handleTerminalLink(links[0]!);
      await waitFor(() => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'armonik-task' && e.document.uri.path.endsWith(ids.task)), {
        message: 'the task details opened from the terminal link',
      });
    } finally {
      terminal.dispose();
    }
  });

  test('with the control plane down, a hover says it cannot look the ID up', async () => {
    const api = await extensionApi();
    api.services.resolver.invalidate();
    await sim.stop();
    await waitFor(async () => /cannot look it up on ArmoniK/.test(await hoverAt(ids.result)), {
      message: 'a "cannot look it up" hover',
      timeoutMs: 20_000,
      intervalMs: 500,
    });
  });
});
