import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphPanelController, type GraphPanelHost, type SaveRequest } from '../../../src/extension/graph/panel-controller';
import { PROTOCOL_VERSION, type HostMessage } from '../../../src/shared/protocol';
import { createSyntheticTrace, type SyntheticTrace } from '../../support/synthetic-trace';

const v = PROTOCOL_VERSION;
const tick = () => new Promise((r) => setTimeout(r, 5));
/** Waits for a throttled diff: the host spaces them by twice the last flush's cost. */
async function until(condition: () => boolean, ms = 2000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); await tick()) assert.ok(Date.now() < end, 'timed out');
}

function setup(trace: SyntheticTrace = createSyntheticTrace({ tasks: 300, scenario: 'running', seed: 5 })) {
  const posted: HostMessage[] = [];
  const commands: [string, string][] = [];
  const saved: SaveRequest[] = [];
  const logs: [string, string][] = [];
  const host: GraphPanelHost = {
    post: async (m) => (posted.push(m), true),
    executeCommand: async (c, id) => commands.push([c, id]),
    save: async (r) => (saved.push(r), r.destination === 'clipboard' ? { outcome: 'copied' as const } : { outcome: 'saved' as const, where: '/tmp/x' }),
    log: { info: (m) => logs.push(['info', m]), warn: (m) => logs.push(['warn', m]), error: (m) => logs.push(['error', m]) },
  };
  const controller = new GraphPanelController(trace, host, { endpoint: 'http://127.0.0.1:5001', hasAdminUrl: false, throttleMs: 0, imageTimeoutMs: 200 });
  const of = <T extends HostMessage['type']>(type: T) => posted.filter((m): m is Extract<HostMessage, { type: T }> => m.type === type);
  const response = (requestId: number) => posted.find((m): m is Extract<HostMessage, { type: 'response' }> => m.type === 'response' && m.requestId === requestId);
  return { trace, controller, posted, commands, saved, logs, of, response };
}

describe('graph panel controller', () => {
  it('answers ready with a full snapshot of the trace', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    const [snapshot] = of('snapshot');
    assert.ok(snapshot);
    assert.equal(snapshot.graph.resultId, trace.resultId);
    assert.equal(snapshot.endpoint, 'http://127.0.0.1:5001');
    assert.equal(snapshot.sessionId, trace.sessionId);
    assert.equal(snapshot.hasAdminUrl, false);
    assert.ok(snapshot.graph.nodes.some((n) => n.marks.target));
    controller.dispose();
  });

  it('logs and ignores malformed messages without answering or crashing', async () => {
    const { controller, posted, logs } = setup();
    for (const raw of [undefined, 42, { v, type: 'request', requestId: 'x' }, { v: 2, type: 'ready' }, { v, type: 'command', command: 'evil', nodeId: 'a' }]) {
      await controller.handleMessage(raw);
    }
    assert.equal(posted.length, 0);
    assert.equal(logs.filter(([level, m]) => level === 'warn' && m.includes('malformed webview message')).length, 5);
    await controller.handleMessage({ v, type: 'ready' });
    assert.equal(posted.length, 1, 'still works afterwards');
    controller.dispose();
  });

  it('runs node buttons as extension commands with the node ID', async () => {
    const { controller, commands, trace } = setup();
    await controller.handleMessage({ v, type: 'command', command: 'armonik.showTaskError', nodeId: trace.resultId });
    assert.deepEqual(commands, [['armonik.showTaskError', trace.resultId]]);
    controller.dispose();
  });

  it('answers each request with its id, and failures with a readable error', async () => {
    const { controller, response, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    await controller.handleMessage({ v, type: 'request', requestId: 7, method: 'nodeDetails', nodeId: trace.resultId });
    const ok = response(7);
    assert.ok(ok?.ok && ok.result && 'kind' in ok.result && ok.result.kind === 'node');
    await controller.handleMessage({ v, type: 'request', requestId: 8, method: 'expandGroup', groupId: 'g:gone', more: false });
    const failed = response(8);
    assert.ok(failed && !failed.ok);
    if (failed && !failed.ok) assert.match(failed.error, /no longer exists/);
    await controller.handleMessage({ v, type: 'request', requestId: 9, method: 'setFocus', nodeId: 'nope' });
    assert.equal(response(9)?.ok, false);
    controller.dispose();
  });

  it('expands a group: a diff first, then the answer naming the shown nodes', async () => {
    const { controller, posted, of } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    const group = of('snapshot')[0]!.graph.nodes.find((n) => n.kind === 'group')!;
    await controller.handleMessage({ v, type: 'request', requestId: 1, method: 'expandGroup', groupId: group.id, more: false });
    const diffIndex = posted.findIndex((m) => m.type === 'diff');
    const answerIndex = posted.findIndex((m) => m.type === 'response');
    assert.ok(diffIndex >= 0 && diffIndex < answerIndex, 'the webview has the nodes before it selects one');
    const answer = posted[answerIndex] as Extract<HostMessage, { type: 'response' }>;
    assert.ok(answer.ok && answer.result !== null && 'viewIds' in answer.result && answer.result.viewIds.length > 0);
    controller.dispose();
  });

  it('sends live diffs while visible, nothing while hidden, and a snapshot when shown again', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    trace.step({ complete: 4, spawn: 1 });
    await tick();
    assert.equal(of('diff').length, 1);
    controller.setVisible(false);
    trace.step({ complete: 4 });
    await tick();
    assert.equal(of('diff').length, 1, 'no diff to a hidden webview');
    controller.setVisible(true);
    assert.equal(of('snapshot').length, 2, 'a full snapshot on becoming visible');
    controller.dispose();
  });

  it('holds updates while paused and catches up on resume', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    await controller.handleMessage({ v, type: 'setPaused', paused: true });
    assert.equal(of('live').at(-1)?.live.state, 'paused');
    trace.step({ complete: 4 });
    await tick();
    assert.equal(of('diff').length, 0);
    await controller.handleMessage({ v, type: 'setPaused', paused: false });
    assert.equal(of('diff').length, 1);
    assert.equal(of('diff')[0]!.live.state, 'live');
    controller.dispose();
  });

  it('tells a paused webview how many trace updates wait, one live message per update', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    await controller.handleMessage({ v, type: 'setPaused', paused: true });
    assert.equal(of('live').at(-1)!.live.pendingUpdates, 0);
    for (let i = 0; i < 3; i++) trace.step({ complete: 2 });
    await tick();
    assert.deepEqual(
      of('live').slice(-3).map((m) => [m.live.state, m.live.pendingUpdates]),
      [['paused', 1], ['paused', 2], ['paused', 3]],
    );
    assert.equal(of('diff').length, 0, 'still nothing drawn');
    await controller.handleMessage({ v, type: 'setPaused', paused: false });
    const resumed = of('diff');
    assert.equal(resumed.length, 1, 'resuming applies them in one diff');
    assert.deepEqual([resumed[0]!.live.state, resumed[0]!.live.pendingUpdates], ['live', 0]);
    trace.step({ complete: 2 });
    await until(() => of('diff').length === 2);
    assert.equal(of('diff')[1]!.live.pendingUpdates, 0, 'a live view has nothing waiting');
    assert.equal(of('live').filter((m) => m.live.state === 'live').length, 0, 'no count messages while live');
    controller.dispose();
  });

  it('counts an update received just before the pause and not drawn yet as waiting', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    trace.step({ complete: 2 });
    // The throttled diff has not gone out yet when the user pauses.
    await controller.handleMessage({ v, type: 'setPaused', paused: true });
    await tick();
    assert.equal(of('diff').length, 0);
    assert.deepEqual([of('live').at(-1)!.live.state, of('live').at(-1)!.live.pendingUpdates], ['paused', 1]);
    controller.dispose();
  });

  it('restarts the count when a user action draws the waiting updates while paused', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    const group = of('snapshot')[0]!.graph.nodes.find((n) => n.kind === 'group')!;
    await controller.handleMessage({ v, type: 'setPaused', paused: true });
    trace.step({ complete: 2 });
    trace.step({ complete: 2 });
    await tick();
    assert.equal(of('live').at(-1)!.live.pendingUpdates, 2);
    // Expanding re-reads the whole trace, so the two updates are in this diff.
    await controller.handleMessage({ v, type: 'request', requestId: 1, method: 'expandGroup', groupId: group.id, more: false });
    assert.deepEqual([of('diff')[0]!.live.state, of('diff')[0]!.live.pendingUpdates], ['paused', 0]);
    trace.step({ complete: 2 });
    await tick();
    assert.equal(of('live').at(-1)!.live.pendingUpdates, 1, 'counting starts again from there');
    controller.dispose();
  });

  it('posts no count to a hidden paused panel and shows it from zero with its snapshot', async () => {
    const { controller, of, posted, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    await controller.handleMessage({ v, type: 'setPaused', paused: true });
    controller.setVisible(false);
    const before = posted.length;
    trace.step({ complete: 2 });
    trace.step({ complete: 2 });
    await tick();
    assert.equal(posted.length, before, 'a hidden webview cannot receive');
    controller.setVisible(true);
    const snapshot = of('snapshot').at(-1)!;
    assert.deepEqual([snapshot.live.state, snapshot.live.pendingUpdates], ['paused', 0]);
    controller.dispose();
  });

  it('restores expanded groups and pause from the webview state after a reload', async () => {
    const first = setup();
    await first.controller.handleMessage({ v, type: 'ready' });
    const group = first.of('snapshot')[0]!.graph.nodes.find((n) => n.kind === 'group')!;
    first.controller.dispose();
    const second = setup(first.trace);
    await second.controller.handleMessage({ v, type: 'ready', restore: { expanded: { [group.id]: 50 }, focusNodeId: undefined, paused: true } });
    const snapshot = second.of('snapshot')[0]!;
    assert.ok(snapshot.graph.nodes.some((n) => n.fromGroup === group.id));
    assert.equal(snapshot.live.state, 'paused');
    assert.equal(snapshot.relayout, false, 'the webview keeps its saved viewport');
    second.controller.dispose();
  });

  it('says when the live feed failed for good', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    trace.fail(new Error('endpoint unreachable'));
    const live = of('live').at(-1)!;
    assert.equal(live.live.state, 'failed');
    assert.match(live.live.message!, /endpoint unreachable/);
    controller.dispose();
  });

  it('exports the diagnosis as JSON and Markdown, and images the webview drew', async () => {
    const { controller, saved, response } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    await controller.handleMessage({ v, type: 'request', requestId: 1, method: 'export', format: 'json', destination: 'clipboard' });
    assert.deepEqual(response(1)?.ok && response(1), { v, type: 'response', requestId: 1, ok: true, result: { outcome: 'copied' } });
    assert.equal(JSON.parse(saved[0]!.content as string).format, 'armonik-trace/diagnosis');
    await controller.handleMessage({ v, type: 'request', requestId: 2, method: 'export', format: 'markdown', destination: 'file' });
    assert.match(saved[1]!.suggestedName, /^armonik-trace-[0-9a-f]{8}\.md$/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');
    await controller.handleMessage({ v, type: 'request', requestId: 3, method: 'export', format: 'png', destination: 'file', data: png });
    assert.deepEqual([...(saved[2]!.content as Uint8Array).slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
    await controller.handleMessage({ v, type: 'request', requestId: 4, method: 'export', format: 'png', destination: 'file', data: 'bm90IGEgcG5n' });
    assert.equal(response(4)?.ok, false, 'a non-PNG is refused');
    await controller.handleMessage({ v, type: 'request', requestId: 5, method: 'export', format: 'svg', destination: 'file', data: '<img src=x>' });
    assert.equal(response(5)?.ok, false);
    controller.dispose();
  });

  it('asks the webview for an image when the export starts from the command palette', async () => {
    const { controller, of, saved } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    const exporting = controller.exportAs('svg');
    const request = of('exportImage')[0]!;
    assert.equal(request.format, 'svg');
    await controller.handleMessage({ v, type: 'imageData', requestId: request.requestId, format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' });
    assert.deepEqual(await exporting, { outcome: 'saved', where: '/tmp/x' });
    assert.match(saved[0]!.content as string, /^<svg/);
    await assert.rejects(controller.exportAs('png'), /did not answer in time/);
    controller.dispose();
  });

  it('focuses a node folded in a group by revealing it first', async () => {
    const trace = createSyntheticTrace({ tasks: 2000 });
    const { controller, of } = setup(trace);
    await controller.handleMessage({ v, type: 'ready' });
    const folded = [...trace.nodes()].find((n) => n.kind === 'task' && controller.session.viewIdOf(n.id) !== n.id)!;
    assert.equal(controller.focusNode(folded.id), true);
    assert.ok(of('diff')[0]!.diff.addedNodes.some((n) => n.id === folded.id));
    assert.deepEqual(of('select')[0], { v, type: 'select', nodeId: folded.id, viewId: folded.id });
    assert.equal(controller.focusNode('not-in-cone'), false);
    controller.dispose();
  });

  it('selects a node focused while the panel was hidden once it is shown again', async () => {
    const { controller, of, trace } = setup();
    await controller.handleMessage({ v, type: 'ready' });
    controller.setVisible(false);
    assert.equal(controller.focusNode(trace.resultId), true);
    assert.equal(of('select').length, 0, 'nothing is sent to a hidden webview');
    controller.setVisible(true);
    assert.deepEqual(of('select'), [{ v, type: 'select', nodeId: trace.resultId, viewId: trace.resultId }]);
    controller.dispose();
  });
});
