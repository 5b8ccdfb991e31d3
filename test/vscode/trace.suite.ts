import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunningSimulator } from '../../src/simulator/simulator';
import type { LiveTrace } from '../../src/trace/types';
import type { CancellableProgress } from '../../src/extension/commands/progress';
import { shortId } from '../../src/shared/node-label';
import { startSimulator } from '../../src/simulator/simulator';
import { validateScenario } from '../../src/simulator/scenarios/scenario-validation';
import {
  advanceToDemoFailure,
  advanceUntil,
  activeEditorFor,
  closeAllEditors,
  connectTo,
  documentText,
  extensionApi,
  holdsFor,
  recordingLog,
  recordingMessages,
  startManualSimulator,
  waitFor,
  type ShownMessage,
} from './helpers';
import { after, before, suite, test } from './harness';

function commandLink(link: vscode.DocumentLink): { command: string; args: unknown[] } | undefined {
  const target = link.target;
  if (!target || target.scheme !== 'command') return undefined;
  return { command: target.path, args: JSON.parse(decodeURIComponent(target.query)) as unknown[] };
}

/** Graph panels of `resultId` in the window: webview tabs of the trace graph, titled by the
 * result's name or short ID (graph/graph-panel.ts). */
function graphTabsOf(resultId: string, name?: string): number {
  const titles = new Set([`Graph: ${shortId(resultId)}`, ...(name ? [`Graph: ${name}`] : [])]);
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('armonik.traceGraph') && titles.has(t.label)).length;
}

/** Runs `body` (which traces `resultId`) and checks that it opened nothing: no trace opened or
 * replaced, no graph panel asked for (GraphView.show) or shown, the active one unchanged. */
async function assertOpensNothing(result: { resultId: string; name?: string }, body: () => Promise<void>): Promise<void> {
  const api = await extensionApi();
  const view = api.services.graph();
  const before = { traces: api.services.traces.list(), active: view.activeResultId, tabs: graphTabsOf(result.resultId, result.name) };
  const shows: string[] = [];
  const show = view.show;
  view.show = (trace, info) => {
    shows.push(trace.resultId);
    show.call(view, trace, info);
  };
  try {
    await body();
  } finally {
    view.show = show;
  }
  assert.deepEqual(shows, [], 'no graph panel was asked for');
  assert.deepEqual(api.services.traces.list(), before.traces, 'no trace was opened or replaced');
  assert.equal(view.activeResultId, before.active, 'the graph panel still shows what it showed');
  await holdsFor(() => graphTabsOf(result.resultId, result.name) === before.tabs, 400, `no graph panel of ${result.resultId} opens`);
}

/** Runs `body` with the progress notification of Trace Result (Services.progress) cancelled, the
 * way its Cancel button does, at the first progress message `cancelAt` accepts; returns the
 * messages reported. */
async function cancellingTraceProgress(cancelAt: (message: string) => boolean, body: () => Promise<void>): Promise<string[]> {
  const s = (await extensionApi()).services;
  const reported: string[] = [];
  const original = s.progress;
  const cancelling: CancellableProgress = (title, task) =>
    original(title, async (report, token) => {
      const source = new vscode.CancellationTokenSource();
      const linked = token.onCancellationRequested(() => source.cancel());
      try {
        return await task((message) => {
          reported.push(message);
          report(message);
          if (cancelAt(message)) source.cancel();
        }, source.token);
      } finally {
        linked.dispose();
        source.dispose();
      }
    });
  s.progress = cancelling;
  try {
    await body();
  } finally {
    s.progress = original;
  }
  return reported;
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

  test('an unknown result ID is refused with a message naming the endpoint, and opens nothing', async () => {
    const unknown = '0badc0de-0000-4000-8000-000000000000';
    let result: unknown = 'not run';
    let shown: ShownMessage[] = [];
    await assertOpensNothing({ resultId: unknown }, async () => {
      shown = await recordingMessages(async () => {
        result = await vscode.commands.executeCommand('armonik.traceResult', unknown);
      });
    });
    assert.equal(result, undefined);
    assert.deepEqual(shown, [{ level: 'error', message: `ArmoniK: result ${unknown} not found on ${sim.endpoint}.`, actions: [] }]);
  });

  test('a pasted text that is not an ArmoniK ID is refused as such, without asking the control plane', async () => {
    const api = await extensionApi();
    const lookups = api.services.resolver.batchCounts;
    // A GUID cut short when copied, and a task name instead of an ID.
    for (const pasted of ['3f2a9c1e-7b4d-4e8a-9f10', 'compute-var']) {
      let result: unknown = 'not run';
      let shown: ShownMessage[] = [];
      await assertOpensNothing({ resultId: pasted }, async () => {
        shown = await recordingMessages(async () => {
          result = await vscode.commands.executeCommand('armonik.traceResult', pasted);
        });
      });
      assert.equal(result, undefined);
      assert.deepEqual(shown, [
        { level: 'error', message: `ArmoniK: "${pasted}" is not an ArmoniK ID: expected a GUID like 3f2a9c1e-7b4d-4e8a-9f10-2c3d4e5f6a7b.`, actions: [] },
      ]);
    }
    assert.deepEqual(api.services.resolver.batchCounts, lookups, 'no lookup was sent for a malformed ID');
  });

  test('a pasted ID with the quotes and comma of JSON around it is traced', async () => {
    const api = await extensionApi();
    const pv = target('portfolio-pv');
    const trace = (await vscode.commands.executeCommand('armonik.traceResult', `"${pv.resultId}",`)) as LiveTrace | undefined;
    assert.equal(trace?.resultId, pv.resultId);
    await waitFor(() => api.services.graph().activeResultId === pv.resultId, { message: 'the graph panel of the pasted result' });
  });

  /** Traces a demo target with its progress cancelled at `cancelAt`, checking that it opens
   * nothing; returns the progress reported, the messages shown and the log. */
  async function cancelledTrace(name: string, cancelAt: (message: string) => boolean): Promise<{ reported: string[]; shown: ShownMessage[]; logged: string[] }> {
    const { resultId } = target(name);
    let reported: string[] = [];
    let shown: ShownMessage[] = [];
    let logged: string[] = [];
    await assertOpensNothing({ resultId, name }, async () => {
      logged = await recordingLog(async () => {
        shown = await recordingMessages(async () => {
          reported = await cancellingTraceProgress(cancelAt, async () => {
            assert.equal(await vscode.commands.executeCommand('armonik.traceResult', resultId), undefined, 'a cancelled trace returns nothing');
          });
        });
      });
    });
    return { reported, shown, logged };
  }

  test('cancelling a running trace opens nothing, shows no error, and the log says it was cancelled', async () => {
    const greeks = target('greeks');
    const { reported, shown, logged } = await cancelledTrace('greeks', () => true);
    assert.deepEqual(reported, ['target: 0 tasks, 0 results'], 'cancelled while looking the target up');
    assert.deepEqual(shown, [], 'no message, no error popup');
    assert.ok(logged.includes(`[trace] ${greeks.resultId}: cancelled`), `the log says it was cancelled: ${JSON.stringify(logged)}`);
  });

  test('a trace cancelled during its last step is dropped, and the open trace of that result stays', async () => {
    const api = await extensionApi();
    const varReport = target('var-report');
    const open = api.services.traces.get(varReport.resultId);
    assert.ok(open, 'var-report is still traced (first test)');
    // "live" is reported once the engine has built the trace, just before it hands it back.
    const { reported, shown, logged } = await cancelledTrace('var-report', (m) => m.startsWith('live:'));
    assert.ok(reported.some((m) => m.startsWith('cone:')) && reported.at(-1)!.startsWith('live:'), `cancelled at the end: ${JSON.stringify(reported)}`);
    assert.deepEqual(shown, []);
    assert.ok(logged.includes(`[trace] ${varReport.resultId}: cancelled`), `the log says it was cancelled: ${JSON.stringify(logged)}`);
    assert.equal(api.services.traces.get(varReport.resultId), open, 'the trace already open was not replaced');
  });
});

/** The stack frames of the worker languages other than C# (see the fixture workspace's python/,
 * java/ and node/ folders), each thrown by a task of this scenario. */
const STACK_SCENARIO = validateScenario(
  {
    name: 'stack-frames',
    description: 'Python and Java worker errors, with frames in the test workspace.',
    partitions: [{ id: 'default', workers: 2 }],
    sessions: [
      {
        name: 'pricing',
        partitions: ['default'],
        options: { maxRetries: 1, priority: 1, maxDuration: '5m' },
        results: [{ name: 'curve', data: 'curve=EUR;date=2025-01-14' }],
        tasks: [
          {
            name: 'price-bond',
            inputs: ['curve'],
            outputs: ['bond-pv'],
            behaviour: {
              duration: '1s',
              outcome: {
                kind: 'error',
                language: 'python',
                exception: 'ValueError',
                message: 'tenor 40Y is outside the curve (1Y-30Y)',
                frames: [
                  { function: 'zero_rate', file: '/app/pricing/discount.py', line: 17, code: 'raise ValueError(f"tenor {tenor_years}Y is outside the curve")' },
                  { function: 'discount_factor', file: '/app/pricing/discount.py', line: 8, code: 'rate = zero_rate(curve, tenor_years)' },
                  { function: 'price_leg', file: '/app/pricing/discount.py', line: 27, code: 'return sum(amount * discount_factor(curve, tenor) for tenor, amount in cash_flows)' },
                  { function: 'process', file: '/usr/local/lib/python3.12/site-packages/armonik/worker/agent.py', line: 140, code: 'output = handler(task)' },
                ],
              },
            },
          },
          {
            name: 'price-swaption',
            inputs: ['curve'],
            outputs: ['swaption-pv'],
            behaviour: {
              duration: '1s',
              outcome: {
                kind: 'error',
                language: 'java',
                exception: 'java.lang.IllegalStateException',
                message: 'no volatility quote for 10Y x 5Y',
                frames: [
                  { function: 'com.acme.pricing.SwaptionPricer.volatility', file: 'com/acme/pricing/SwaptionPricer.java', line: 21 },
                  { function: 'com.acme.pricing.SwaptionPricer.price', file: 'com/acme/pricing/SwaptionPricer.java', line: 12 },
                ],
              },
            },
          },
        ],
      },
    ],
    targets: [],
  },
  'test:stack-frames',
);

/** What a Node worker reports: the simulator renders C#, Python and Java only, so this text is
 * given to a seeded task as is. */
const NODE_ERROR = [
  'RangeError: no volatility quote around tenor 12Y',
  '    at interpolate (/app/src/pricer.js:9:11)',
  '    at priceOption (/app/src/pricer.js:17:15)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async Worker.handle (/app/node_modules/@acme/worker-sdk/lib/worker.js:40:7)',
].join('\n');

interface FrameLink {
  file: string;
  line: number;
  column: number;
}

suite('worker stack frames in task details', () => {
  let sim: RunningSimulator;
  const taskId = (name: string) => {
    const id = sim.scenario?.tasks.get(name);
    assert.ok(id, `the scenario has a "${name}" task`);
    return id;
  };

  before(async () => {
    sim = await startSimulator({ scenario: STACK_SCENARIO, clock: { kind: 'manual' }, seed: 7 });
    const failed = ['price-bond', 'price-swaption'].map(taskId);
    advanceUntil(sim, () => failed.every((id) => sim.engine.task(id)?.status === 'ERROR'), 'the python and java tasks failed');
    await connectTo(await extensionApi(), sim.endpoint);
    await closeAllEditors();
  });
  after(async () => {
    await closeAllEditors();
    await sim?.stop();
  });

  /** Opens the task's details and returns the targets of its stack-frame links, in order. */
  async function frameLinks(id: string, errorText: RegExp): Promise<FrameLink[]> {
    assert.equal(await vscode.commands.executeCommand('armonik.showTaskDetails', id), id);
    const editor = await activeEditorFor((u) => u.scheme === 'armonik-task' && u.path.endsWith(id), `the details of ${id}`);
    await documentText(editor, errorText, `the error of ${id}`);
    const links = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
      return l.some((x) => commandLink(x)?.command === 'armonik.openStackFrame') ? l : undefined;
    }, { message: `stack frame links in the details of ${id}` });
    return links
      .map(commandLink)
      .filter((c) => c?.command === 'armonik.openStackFrame')
      .map((c) => ({ file: String(c!.args[0]), line: Number(c!.args[1]), column: Number(c!.args[2]) }));
  }

  /** Follows a frame link the way a click does, and returns the editor it opened. */
  async function follow(link: FrameLink, path: string): Promise<vscode.TextEditor> {
    await vscode.commands.executeCommand('armonik.openStackFrame', link.file, link.line, link.column);
    return activeEditorFor((u) => u.scheme === 'file' && u.path.endsWith(`/${path}`), path);
  }

  test('Python traceback frames open the workspace file at the line', async () => {
    const links = await frameLinks(taskId('price-bond'), /ValueError: tenor 40Y is outside the curve/);
    // Python prints the outermost call first; the SDK's agent.py is not in the workspace.
    assert.deepEqual(
      links.map((l) => [l.file.replace(/^.*\/(python\/)/, '$1'), l.line]),
      [
        ['python/pricing/discount.py', 27],
        ['python/pricing/discount.py', 8],
        ['python/pricing/discount.py', 17],
      ],
    );
    const source = await follow(links.at(-1)!, 'python/pricing/discount.py');
    assert.equal(source.selection.active.line, 16);
    assert.match(source.document.lineAt(16).text, /raise ValueError/);
  });

  test('Java frames open the class file found from its package, at the line', async () => {
    const links = await frameLinks(taskId('price-swaption'), /java\.lang\.IllegalStateException: no volatility quote/);
    const path = 'java/src/main/java/com/acme/pricing/SwaptionPricer.java';
    // The SDK frames (fr.aneo.armonik.worker.sdk) have no source in the workspace.
    assert.deepEqual(
      links.map((l) => [l.file.endsWith(`/${path}`), l.line]),
      [
        [true, 21],
        [true, 12],
      ],
      JSON.stringify(links),
    );
    const source = await follow(links[0]!, path);
    assert.equal(source.selection.active.line, 20);
    assert.match(source.document.lineAt(20).text, /throw new IllegalStateException/);
  });

  test('Node frames open the workspace file at the line and column', async () => {
    const sessionId = sim.scenario!.sessions.get('pricing')!;
    const task = sim.engine.seedTask(sessionId, { outputNames: ['fx-option-pv'], status: 'ERROR', error: NODE_ERROR, createdAt: sim.engine.now(), durationMs: 800 });
    const links = await frameLinks(task.id, /RangeError: no volatility quote around tenor 12Y/);
    // node: internals and node_modules are not linked.
    assert.deepEqual(
      links.map((l) => [l.file.endsWith('/node/src/pricer.js'), l.line, l.column]),
      [
        [true, 9, 11],
        [true, 17, 15],
      ],
      JSON.stringify(links),
    );
    const source = await follow(links[0]!, 'node/src/pricer.js');
    assert.deepEqual([source.selection.active.line, source.selection.active.character], [8, 10]);
    assert.equal(source.document.getText(new vscode.Range(8, 10, 8, 26)), 'new RangeError(`');
  });
});
