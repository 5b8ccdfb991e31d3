import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ID_LENGTH, parseHostMessage, parseWebviewMessage, PROTOCOL_VERSION } from '../../../src/shared/protocol';

const v = PROTOCOL_VERSION;

describe('webview message validation', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { v, type: 'ready' },
      { v, type: 'ready', restore: { expanded: { 'g:abc': 50 }, focusNodeId: 't1', paused: true } },
      { v, type: 'command', command: 'armonik.showTaskError', nodeId: 't1' },
      { v, type: 'request', requestId: 1, method: 'nodeDetails', nodeId: 't1' },
      { v, type: 'request', requestId: 2, method: 'expandGroup', groupId: 'g:1', more: true },
      { v, type: 'request', requestId: 3, method: 'collapseGroup', groupId: 'g:1' },
      { v, type: 'request', requestId: 4, method: 'setFocus', nodeId: null },
      { v, type: 'request', requestId: 5, method: 'reveal', nodeId: 't' },
      { v, type: 'request', requestId: 6, method: 'search', query: 'abc', limit: 20 },
      { v, type: 'request', requestId: 7, method: 'export', format: 'png', destination: 'file', data: 'iVBOR' },
      { v, type: 'request', requestId: 8, method: 'relayout' },
      { v, type: 'setPaused', paused: false },
      { v, type: 'imageData', requestId: 9, format: 'svg', data: '<svg/>' },
      { v, type: 'imageError', requestId: 9, message: 'no' },
      { v, type: 'log', level: 'warn', message: 'hi' },
    ];
    for (const raw of good) {
      const parsed = parseWebviewMessage(raw);
      assert.ok(parsed.ok, `${JSON.stringify(raw)} rejected: ${parsed.ok ? '' : parsed.reason}`);
    }
    const restored = parseWebviewMessage(good[1]);
    assert.ok(restored.ok && restored.message.type === 'ready');
    if (restored.ok && restored.message.type === 'ready') assert.deepEqual(restored.message.restore, { expanded: { 'g:abc': 50 }, focusNodeId: 't1', paused: true });
  });

  it('rejects malformed messages with a reason a log reader understands', () => {
    const bad: [unknown, RegExp][] = [
      [null, /expected an object, got null/],
      ['ready', /expected an object/],
      [[1, 2], /got an array/],
      [{ type: 'ready' }, /protocol version undefined does not match/],
      [{ v: 99, type: 'ready' }, /protocol version 99 does not match the extension's 1 \(reload the window\)/],
      [{ v, type: 'explode' }, /unknown message type "explode"/],
      [{ v, type: 'command', command: 'workbench.action.terminal.new', nodeId: 't' }, /unknown command/],
      [{ v, type: 'command', command: 'armonik.copyId', nodeId: '' }, /needs a "nodeId"/],
      [{ v, type: 'command', command: 'armonik.copyId', nodeId: 'x'.repeat(MAX_ID_LENGTH + 1) }, /needs a "nodeId"/],
      [{ v, type: 'request', requestId: -1, method: 'relayout' }, /requestId/],
      [{ v, type: 'request', requestId: 1.5, method: 'relayout' }, /requestId/],
      [{ v, type: 'request', requestId: 1, method: 'rm -rf' }, /unknown request method/],
      [{ v, type: 'request', requestId: 1, method: 'search', query: 'q'.repeat(10_000) }, /at most 512 characters/],
      [{ v, type: 'request', requestId: 1, method: 'search', query: 'a', limit: 1e9 }, /limit/],
      [{ v, type: 'request', requestId: 1, method: 'export', format: 'exe', destination: 'file' }, /format/],
      [{ v, type: 'request', requestId: 1, method: 'export', format: 'json', destination: '/etc/passwd' }, /destination/],
      [{ v, type: 'ready', restore: { expanded: { g: -3 } } }, /bad entry/],
      [{ v, type: 'setPaused', paused: 'yes' }, /boolean/],
      [{ v, type: 'log', level: 'fatal', message: 'x' }, /level/],
    ];
    for (const [raw, reason] of bad) {
      const parsed = parseWebviewMessage(raw);
      assert.equal(parsed.ok, false, `${JSON.stringify(raw)?.slice(0, 80)} was accepted`);
      if (!parsed.ok) assert.match(parsed.reason, reason);
    }
  });

  it('never throws, even on objects that throw when read', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('gotcha'); } });
    const parsed = parseWebviewMessage(hostile);
    assert.equal(parsed.ok, false);
    if (!parsed.ok) assert.match(parsed.reason, /unreadable message \(gotcha\)/);
  });

  it('truncates log text instead of passing megabytes to the log', () => {
    const parsed = parseWebviewMessage({ v, type: 'log', level: 'info', message: 'x'.repeat(1_000_000) });
    assert.ok(parsed.ok && parsed.message.type === 'log' && parsed.message.message.length === 4000);
  });

  it('lets the webview detect a host speaking another protocol version', () => {
    assert.equal(parseHostMessage({ v, type: 'live', live: {} }).ok, true);
    const stale = parseHostMessage({ v: 0, type: 'snapshot' });
    assert.equal(stale.ok, false);
    assert.equal(parseHostMessage('x').ok, false);
  });
});
