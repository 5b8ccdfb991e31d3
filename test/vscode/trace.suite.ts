import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import type { LiveTrace } from '../../src/trace/types';
import { advanceToDemoFailure, activeEditorFor, closeAllEditors, connectTo, documentText, extensionApi, startManualSimulator, waitFor } from './helpers';
import { after, before, suite, test } from './harness';

function commandLink(link: vscode.DocumentLink): { command: string; args: unknown[] } | undefined {
  const target = link.target;
  if (!target || target.scheme !== 'command') return undefined;
  return { command: target.path, args: JSON.parse(decodeURIComponent(target.query)) as unknown[] };
}

suite('trace result, blockers and root cause', () => {
  let sim: RunningSimulator;
  const target = (name: string) => {
    const t = sim.targets.find((x) => x.name === name);
    assert.ok(t, `the demo scenario has a "${name}" target`);
    return t;
  };

  before(async () => {
    sim = await startManualSimulator('demo');
    advanceToDemoFailure(sim);
    await connectTo(await extensionApi(), sim.endpoint);
    await closeAllEditors();
  });
  after(async () => {
    await closeAllEditors();
    await sim?.stop();
  });

  test('Trace Result diagnoses the aborted risk report and opens its graph', async () => {
    const api = await extensionApi();
    const varReport = target('var-report');
    const trace = (await vscode.commands.executeCommand('armonik.traceResult', varReport.resultId)) as LiveTrace | undefined;
    assert.ok(trace, 'the command returns the live trace');
    assert.equal(trace.resultId, varReport.resultId);
    const d = trace.diagnosis();
    assert.equal(d.verdict, 'failed');
    assert.equal(d.target.status, 'ABORTED');
    assert.ok(d.rootCauses.length > 0);
    await waitFor(() => api.services.graph().activeResultId === varReport.resultId, { message: 'the graph panel of the traced result' });
    assert.equal(api.services.recent.recent()[0]?.resultId, varReport.resultId, 'remembered as a recent result');
  });

  test('Go to Next Blocking Task opens the blocker with why it blocks', async () => {
    const id = await vscode.commands.executeCommand<string>('armonik.nextBlocker');
    assert.ok(id, 'a blocker was opened');
    const editor = await activeEditorFor((u) => u.scheme === 'armonik-task', 'a task details document');
    const text = await documentText(editor, /Why it matters/, 'the blocker explanation');
    assert.match(text, /Blocker 1 of \d+: /);
    assert.equal(editor.document.languageId, 'armonik-task');
  });

  test('Show Root Cause opens the failing subtask with its full C# error, scrolled to it', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('armonik.showRootCause');
    const editor = await activeEditorFor((u) => u.scheme === 'armonik-task', 'the root cause details');
    const text = await documentText(editor, /CurveFitter/, 'the root cause error');
    assert.match(text, /Root cause 1 of \d+/);
    assert.match(text, /System\.ArithmeticException: Curve fit did not converge after 200 iterations/);
    assert.match(text, /at Acme\.Pricing\.Worker\.CurveFitter\.Fit\(CurveInput input, Int32 maxIterations\) in Worker\/CurveFitter\.cs:line 88/);
    const errorLine = api.services.details.errorLine(editor.document.uri);
    assert.ok(errorLine !== undefined);
    await waitFor(() => editor.selection.active.line === errorLine, { message: 'the cursor on the Error heading' });
  });

  test('stack frames become links that open the workspace file at the line', async () => {
    const editor = await activeEditorFor((u) => u.scheme === 'armonik-task', 'the root cause details');
    const links = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
      return l.some((x) => commandLink(x)?.command === 'armonik.openStackFrame') ? l : undefined;
    }, { message: 'stack frame links' });
    const frames = links.map(commandLink).filter((c) => c?.command === 'armonik.openStackFrame');
    const fitter = frames.find((f) => String(f!.args[0]).endsWith('/Worker/CurveFitter.cs'));
    assert.ok(fitter, `a link to Worker/CurveFitter.cs among ${JSON.stringify(frames)}`);
    assert.equal(fitter.args[1], 88);
    assert.ok(
      frames.some((f) => String(f!.args[0]).endsWith('/Worker/ComputeService.cs') && f!.args[1] === 42),
      `a link to Worker/ComputeService.cs:42 among ${JSON.stringify(frames)}`,
    );
    assert.equal(frames.length, 3, 'the three worker frames link, the SDK frames (no such file in the workspace) do not');
    const idLinks = links.map(commandLink).filter((c) => c?.command === 'armonik.showTaskDetails' || c?.command === 'armonik.traceResult');
    assert.ok(idLinks.length >= 2, `IDs in the details are links too: ${JSON.stringify(links.map((l) => l.target?.toString()))}`);
    await vscode.commands.executeCommand(fitter.command, ...fitter.args);
    const source = await activeEditorFor((u) => u.path.endsWith('/Worker/CurveFitter.cs'), 'CurveFitter.cs');
    assert.equal(source.selection.active.line, 87);
    assert.match(source.document.lineAt(87).text, /throw Diverged/);
  });

  test('the blocked XVA result is explained by the queue of a partition without workers', async () => {
    const xva = target('xva');
    const trace = (await vscode.commands.executeCommand('armonik.traceResult', xva.resultId)) as LiveTrace | undefined;
    assert.ok(trace);
    const d = trace.diagnosis();
    assert.notEqual(d.verdict, 'completed');
    assert.notEqual(d.verdict, 'failed');
    const queued = d.blockers.find((b) => b.facts.partitionId === 'gpu');
    assert.ok(queued, `a blocker on the gpu partition among ${JSON.stringify(d.blockers.map((b) => [b.reason, b.facts.partitionId]))}`);
  });

  test('an unknown result ID is refused with a message, and opens nothing', async () => {
    const api = await extensionApi();
    const before = api.services.traces.list().length;
    const result = await vscode.commands.executeCommand('armonik.traceResult', '0badc0de-0000-4000-8000-000000000000');
    assert.equal(result, undefined);
    assert.equal(api.services.traces.list().length, before);
  });
});
