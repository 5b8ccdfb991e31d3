// GetEvents through the typed client against the simulator: replay of current state, live
// updates, filters, and ownership changes on delegation (reference §11.10, §11.5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventSubscription } from '../../../src/armonik/api';
import type { ArmoniKEvent } from '../../../src/armonik/model';
import { startSimHarness } from './simulator-harness';

/** Collects events until `done` says so, or fails after `timeoutMs` of wall time. One `next()`
 * is kept pending across timeouts: a subscription has a single consumer. */
async function collect(sub: EventSubscription, done: (events: ArmoniKEvent[]) => boolean, timeoutMs = 5000): Promise<ArmoniKEvent[]> {
  const events: ArmoniKEvent[] = [];
  const iterator = sub[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    while (!done(events)) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next === 'timeout') throw new Error(`timed out with ${events.length} events: ${JSON.stringify(events.slice(-5))}`);
      if (next.done) break;
      events.push(next.value);
    }
  } finally {
    clearTimeout(timer);
  }
  return events;
}

// A subscription has no "ready" signal (neither has Core's stream); the replay of NEW_TASK /
// NEW_RESULT is how a consumer knows the stream is live, so the tests wait for it before they
// move the clock (the pattern of ArmoniK's Python client, reference §11.10).

test('a subscription replays current state, then streams live updates of the same session', async () => {
  const h = await startSimHarness('diamond');
  try {
    const session = h.sessionId('main');
    const taskIds = ['A', 'B', 'C', 'D'].map(h.taskId);
    const resultIds = ['a', 'b', 'c', 'd'].map(h.resultId);
    let resyncs = 0;
    const sub = h.client.events.subscribe(session, { onResync: () => (resyncs += 1) });
    const replay = await collect(sub, (e) => e.filter((x) => x.kind === 'newTask').length >= 4 && e.filter((x) => x.kind === 'newResult').length >= 4);
    const newTasks = new Map(replay.flatMap((e) => (e.kind === 'newTask' ? [[e.taskId, e] as const] : [])));
    assert.deepEqual([...newTasks.keys()].sort(), [...taskIds].sort());
    const d = newTasks.get(h.taskId('D'))!;
    assert.equal(d.status, 'PENDING', 'replay carries the current status');
    assert.equal(d.originTaskId, d.taskId);
    assert.deepEqual(d.expectedOutputKeys, [h.resultId('d')]);
    assert.deepEqual(new Set(d.dataDependencies), new Set([h.resultId('b'), h.resultId('c')]));
    assert.deepEqual(d.parentTaskIds, [session]);
    const newResults = replay.filter((e) => e.kind === 'newResult');
    assert.deepEqual(new Set(newResults.map((e) => e.resultId)), new Set(resultIds));
    for (const e of replay) assert.equal(e.sessionId, session);

    h.run();
    const live = await collect(sub, (e) => e.some((x) => x.kind === 'resultStatusUpdate' && x.resultId === h.resultId('d') && x.status === 'COMPLETED'));
    const completed = new Set(live.flatMap((e) => (e.kind === 'taskStatusUpdate' && e.status === 'COMPLETED' ? [e.taskId] : [])));
    assert.deepEqual([...completed].sort(), [...taskIds].sort());
    // Intermediate statuses may be coalesced (Core looks statuses up, §11.10), final ones arrive.
    assert.equal(resyncs, 0, 'no resync without a stream loss');
    sub.close();
  } finally {
    await h.stop();
  }
});

test('result filters and kinds restrict the stream to what was asked', async () => {
  const h = await startSimHarness('diamond');
  try {
    const target = h.resultId('d');
    const sub = h.client.events.subscribe(h.sessionId('main'), { kinds: ['newResult', 'resultStatusUpdate'], results: { id: target } });
    const replay = await collect(sub, (e) => e.length >= 1);
    assert.deepEqual(replay.map((e) => [e.kind, 'status' in e ? e.status : '']), [['newResult', 'CREATED']]);
    h.run();
    const events = [...replay, ...(await collect(sub, (e) => e.some((x) => x.kind === 'resultStatusUpdate' && x.status === 'COMPLETED')))];
    for (const e of events) {
      assert.ok(e.kind === 'newResult' || e.kind === 'resultStatusUpdate', e.kind);
      assert.equal('resultId' in e ? e.resultId : '', target);
    }
    sub.close();
  } finally {
    await h.stop();
  }
});

test('task filters on IDs only deliver the events of those tasks', async () => {
  const h = await startSimHarness('diamond');
  try {
    const a = h.taskId('A');
    const sub = h.client.events.subscribe(h.sessionId('main'), { kinds: ['newTask', 'taskStatusUpdate'], tasks: { id: a } });
    const replay = await collect(sub, (e) => e.length >= 1);
    h.run();
    const events = [...replay, ...(await collect(sub, (e) => e.some((x) => x.kind === 'taskStatusUpdate' && x.status === 'COMPLETED')))];
    assert.equal(events[0]!.kind, 'newTask');
    for (const e of events) assert.equal('taskId' in e ? e.taskId : '', a);
    sub.close();
  } finally {
    await h.stop();
  }
});

test('delegation to a subtask shows up as a ResultOwnerUpdate naming the new owner', async () => {
  const h = await startSimHarness('htcmock', { params: { depth: 1, fanOut: 2, workers: 2 } });
  try {
    const output = h.resultId('result');
    const sub = h.client.events.subscribe(h.sessionId('htc'), { kinds: ['newResult', 'resultOwnerUpdate'], results: { id: output } });
    const replay = await collect(sub, (e) => e.length >= 1);
    assert.equal(replay[0]!.kind === 'newResult' ? replay[0]!.ownerId : '', h.taskId('root'));
    h.run();
    const events = await collect(sub, (e) => e.some((x) => x.kind === 'resultOwnerUpdate'));
    const update = events.find((e) => e.kind === 'resultOwnerUpdate')!;
    assert.equal(update.kind, 'resultOwnerUpdate');
    if (update.kind !== 'resultOwnerUpdate') return;
    assert.equal(update.resultId, output);
    assert.equal(update.previousOwnerId, '', 'Core always sends an empty previous owner');
    assert.equal(update.currentOwnerId, (await h.client.results.get(output)).ownerTaskId);
    assert.notEqual(update.currentOwnerId, h.taskId('root'));
    sub.close();
  } finally {
    await h.stop();
  }
});

test('stopping the simulator is a stream loss, not the end: the subscription keeps trying until closed', async () => {
  const h = await startSimHarness('diamond', { client: { eventsBackoff: { initialMs: 20, maxMs: 50 } } });
  const sub = h.client.events.subscribe(h.sessionId('main'));
  await collect(sub, (e) => e.length >= 4);
  await h.sim.stop();
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(sub.closed, false);
  sub.close();
  assert.equal(sub.closed, true);
  await h.stop();
});
