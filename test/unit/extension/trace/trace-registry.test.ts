import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TraceRegistry, type TraceStartOptions } from '../../../../src/extension/trace/trace-registry';
import type { LiveTrace, TraceChange } from '../../../../src/trace/types';

interface FakeTrace extends LiveTrace {
  closed: boolean;
  emit(): void;
}

function fakeTrace(resultId: string): FakeTrace {
  const listeners = new Set<(c: TraceChange) => void>();
  const t: FakeTrace = {
    resultId,
    sessionId: 's',
    closed: false,
    nodes: () => [{ kind: 'result', id: resultId } as never],
    node: (id) => (id === resultId ? ({ kind: 'result', id } as never) : undefined),
    edges: () => [],
    outEdges: () => [],
    inEdges: () => [],
    diagnosis: () => ({}) as never,
    onDidChange: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    onDidFail: () => () => undefined,
    refresh: async () => undefined,
    close: () => {
      t.closed = true;
    },
    emit: () => {
      for (const l of listeners) l({} as TraceChange);
    },
  };
  return t;
}

function registry(options: { maxOpen?: number; viewerGraceMs?: number } = {}) {
  const started: FakeTrace[] = [];
  const start = async (o: TraceStartOptions) => {
    const t = fakeTrace(o.resultId);
    started.push(t);
    return t;
  };
  return { started, reg: new TraceRegistry(start, { info: () => undefined }, options) };
}

test('reuses an open trace of the same result and endpoint, and replaces it when asked', async () => {
  const { started, reg } = registry();
  const a = await reg.open({ resultId: 'r1', endpoint: 'e' });
  const b = await reg.open({ resultId: 'r1', endpoint: 'e' });
  assert.equal(a, b);
  assert.equal(started.length, 1);
  const c = await reg.open({ resultId: 'r1', endpoint: 'e', fresh: true });
  assert.notEqual(c, a);
  assert.equal(started[0]!.closed, true, 'the replaced trace stopped its live feed');
  assert.equal(reg.list().length, 1);
  await reg.open({ resultId: 'r1', endpoint: 'other' });
  assert.equal(started.length, 3, 'another endpoint means another trace');
});

test('closes a trace shortly after the last viewer (its graph panel) unsubscribes', async () => {
  const { started, reg } = registry({ viewerGraceMs: 20 });
  const trace = await reg.open({ resultId: 'r1', endpoint: 'e' });
  let seen = 0;
  const unsubscribe = trace.onDidChange(() => seen++);
  started[0]!.emit();
  assert.equal(seen, 1, 'changes reach the viewer through the registry');
  unsubscribe();
  const again = trace.onDidChange(() => undefined); // a panel re-attaching within the grace period
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(started[0]!.closed, false);
  again();
  await new Promise((r) => setTimeout(r, 40));
  assert.equal(started[0]!.closed, true);
  assert.equal(reg.get('r1'), undefined);
  assert.equal(reg.active(), undefined);
});

test('keeps at most a few traces open, closing the oldest', async () => {
  const { started, reg } = registry({ maxOpen: 2 });
  await reg.open({ resultId: 'r1', endpoint: 'e' });
  await reg.open({ resultId: 'r2', endpoint: 'e' });
  await reg.open({ resultId: 'r3', endpoint: 'e' });
  assert.deepEqual(started.map((t) => t.closed), [true, false, false]);
  assert.equal(reg.active()?.resultId, 'r3');
  assert.equal(reg.active('r2')?.resultId, 'r2', 'the active panel wins');
  assert.equal(reg.contains('r2'), true);
  assert.equal(reg.contains('r1'), false);
  reg.closeAll();
  assert.ok(started.every((t) => t.closed));
});

test('a trace that finishes after its caller gave up is closed, and the one already open stays', async () => {
  const { started, reg } = registry();
  const open = await reg.open({ resultId: 'r1', endpoint: 'e' });
  const controller = new AbortController();
  // The engine returns its trace although the signal was aborted during its last step.
  const late = reg.open({ resultId: 'r1', endpoint: 'e', fresh: true, signal: controller.signal });
  controller.abort();
  await assert.rejects(late, (error: Error & { kind?: string }) => error.name === 'ArmoniKError' && error.kind === 'cancelled');
  assert.equal(started.length, 2);
  assert.equal(started[1]!.closed, true, 'the unwanted trace stopped its live feed');
  assert.equal(started[0]!.closed, false, 'the trace already open was not replaced');
  assert.equal(reg.get('r1'), open);
  assert.deepEqual(reg.list(), [open]);
});
