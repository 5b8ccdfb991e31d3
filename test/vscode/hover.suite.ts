import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import { advanceToDemoFailure, closeAllEditors, connectTo, extensionApi, startManualSimulator, waitFor, workspaceRoot } from './helpers';
import { after, before, suite, test } from './harness';
import { startSlowControlPlane, type SlowControlPlane } from './slow-control-plane';

const UNKNOWN = 'deadbeef-0000-4000-8000-000000000001';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** The hover text on the first occurrence of `id` in `doc`. */
async function hoverIn(doc: vscode.TextDocument, id: string): Promise<string> {
  const offset = doc.getText().indexOf(id);
  assert.ok(offset >= 0, `${id} is in ${doc.uri.path}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset + 3));
  return hoverText(hovers);
}

/** Writes `text` to `relPath` in the workspace and opens it. */
async function openWorkspaceFile(relPath: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), ...relPath.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

const config = () => vscode.workspace.getConfiguration('armonik');

suite('hovers and links on IDs', () => {
  let sim: RunningSimulator;
  let doc: vscode.TextDocument;
  let ids: { task: string; result: string; session: string };

  const hoverAt = (id: string): Promise<string> => hoverIn(doc, id);

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

  test('IDs in a JSON document have hovers too', async () => {
    const json = await openWorkspaceFile('hover-test.json', `${JSON.stringify({ job: 'risk', taskId: ids.task, output: { resultId: ids.result } }, null, 2)}\n`);
    assert.equal(json.languageId, 'json');
    assert.match(await hoverIn(json, ids.task), /\*\*ArmoniK task\*\* `[^`]+` — \*\*ERROR\*\*[\s\S]*ArithmeticException/);
    assert.match(await hoverIn(json, ids.result), /\*\*ArmoniK result\*\* .* — \*\*ABORTED\*\*/);
  });

  test('IDs in a plain-text document have hovers too', async () => {
    const txt = await openWorkspaceFile('hover-test.txt', `Support ticket: session ${ids.session} is slow, see task ${ids.task}.\n`);
    assert.equal(txt.languageId, 'plaintext');
    assert.match(await hoverIn(txt, ids.session), /\*\*ArmoniK session\*\* .* — \*\*RUNNING\*\*/);
    assert.match(await hoverIn(txt, ids.task), /\*\*ArmoniK task\*\* .* — \*\*ERROR\*\*/);
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

suite('hover timeout on a slow control plane', () => {
  let slow: SlowControlPlane;
  let doc: vscode.TextDocument;
  const ID = 'a1b2c3d4-0000-4000-8000-00000000abcd';

  /** Hovers the ID and measures how long the hover took to answer. */
  async function timedHover(): Promise<{ text: string; ms: number }> {
    const started = Date.now();
    const text = await hoverIn(doc, ID);
    return { text, ms: Date.now() - started };
  }

  before(async () => {
    slow = await startSlowControlPlane();
    const api = await extensionApi();
    await connectTo(api, slow.endpoint);
    api.services.resolver.invalidate();
    doc = await openWorkspaceFile('logs/slow-hover.log', `2025-01-14T17:31:02.118Z INFO  Client  waiting for result ${ID}\n`);
  });
  after(async () => {
    await config().update('hover.timeoutMs', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
    const api = await extensionApi();
    api.services.selection.choose(undefined);
    await api.services.connection.reconnect('test');
    await slow?.stop();
  });

  test('a lookup slower than armonik.hover.timeoutMs answers "looking it up…" at the timeout instead of blocking', async () => {
    await config().update('hover.timeoutMs', 300, vscode.ConfigurationTarget.Workspace);
    const quick = await timedHover();
    assert.match(quick.text, /looking it up on ArmoniK… \(hover again in a moment\)/);
    assert.ok(slow.lookups > 0, 'the lookup did reach the control plane, which holds it');
    assert.ok(quick.ms >= 250, `the hover waited for the lookup up to the timeout (${quick.ms} ms)`);
    assert.ok(quick.ms < 1400, `the hover gave up at about 300 ms, not at the 1500 ms default (${quick.ms} ms)`);

    // The setting is read at each hover: a longer timeout waits longer, and still gives up.
    await config().update('hover.timeoutMs', 1500, vscode.ConfigurationTarget.Workspace);
    const patient = await timedHover();
    assert.match(patient.text, /looking it up on ArmoniK…/);
    assert.ok(patient.ms >= 1400 && patient.ms < 4000, `the hover gave up at about 1500 ms (${patient.ms} ms)`);
  }, { timeoutMs: 20_000 });

  test('once the slow lookup completes, the next hover shows its answer', async () => {
    slow.release();
    await waitFor(async () => /is not a task, result or session known to/.test((await timedHover()).text), {
      message: 'the answer of the lookup on a later hover',
      timeoutMs: 10_000,
      intervalMs: 200,
    });
    // Answered from the cache: immediately, whatever the timeout.
    const cached = await timedHover();
    assert.match(cached.text, /is not a task, result or session known to/);
    assert.ok(cached.ms < 1000, `a cached answer does not wait for the 1500 ms timeout (${cached.ms} ms)`);
  });
});
