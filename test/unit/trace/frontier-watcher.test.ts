// How the frontier is spread over event streams: bounded ID lists per stream, a small extra
// stream for newcomers, consolidation when most watched IDs left, one session-wide stream for a
// frontier too large for ID filters.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArmoniKEvent } from '../../../src/armonik/model';
import { FrontierWatcher } from '../../../src/trace/live/frontier-watcher';
import { FakeArmoniK } from '../../support/fake-armonik';

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const idList = (where: unknown): string[] => (where as { id?: string[] } | undefined)?.id ?? [];

function watcher(fake: FakeArmoniK, events: ArmoniKEvent[] = [], resyncs: { count: number } = { count: 0 }) {
  return new FrontierWatcher(
    fake,
    'session',
    {
      onEvent: (e) => events.push(e),
      onResync: () => (resyncs.count += 1),
      onUnimplemented: () => assert.fail('unexpected'),
      onFailure: (e) => assert.fail(e),
    },
    { idsPerStream: 500, maxWatchedIds: 5000, maxStreams: 6 },
  );
}

describe('frontier watcher', () => {
  it('splits a frontier into streams of bounded ID lists with the right kinds', () => {
    const fake = new FakeArmoniK();
    const w = watcher(fake);
    w.update({ tasks: new Set(ids('t', 700)), results: new Set(ids('r', 500)) });
    const open = fake.openSubscriptions();
    assert.equal(open.length, 3);
    for (const s of open) assert.ok(idList(s.options.tasks).length + idList(s.options.results).length <= 500);
    const taskOnly = open.find((s) => idList(s.options.results).length === 0)!;
    assert.deepEqual([...taskOnly.options.kinds!].sort(), ['newTask', 'taskStatusUpdate']);
    w.close();
    assert.equal(fake.openSubscriptions().length, 0);
  });

  it('opens a small stream for newcomers instead of resubscribing everything', () => {
    const fake = new FakeArmoniK();
    const w = watcher(fake);
    const tasks = new Set(ids('t', 400));
    w.update({ tasks, results: new Set() });
    tasks.add('newcomer');
    w.update({ tasks, results: new Set() });
    const open = fake.openSubscriptions();
    assert.equal(open.length, 2);
    assert.deepEqual(idList(open[1]!.options.tasks), ['newcomer']);
    w.close();
  });

  it('consolidates once most watched IDs have left the frontier', () => {
    const fake = new FakeArmoniK();
    const w = watcher(fake);
    w.update({ tasks: new Set(ids('t', 1500)), results: new Set() });
    assert.equal(fake.openSubscriptions().length, 3);
    w.update({ tasks: new Set(ids('t', 1000)), results: new Set() });
    assert.equal(fake.openSubscriptions().length, 3, 'a few departures are not worth resubscribing');
    w.update({ tasks: new Set(ids('t', 100)), results: new Set() });
    const open = fake.openSubscriptions();
    assert.equal(open.length, 1);
    assert.equal(idList(open[0]!.options.tasks).length, 100);
    w.close();
  });

  it('switches to one session-wide update stream for a huge frontier, and asks to reconcile', () => {
    const fake = new FakeArmoniK();
    const resyncs = { count: 0 };
    const w = watcher(fake, [], resyncs);
    w.update({ tasks: new Set(ids('t', 6000)), results: new Set() });
    const open = fake.openSubscriptions();
    assert.equal(open.length, 1);
    assert.equal(open[0]!.options.tasks, undefined);
    assert.ok(!open[0]!.options.kinds!.includes('newTask'), 'no replay of the whole session');
    assert.equal(resyncs.count, 1);
    w.update({ tasks: new Set(ids('t', 300)), results: new Set() });
    assert.equal(idList(fake.openSubscriptions()[0]!.options.tasks).length, 300);
    w.close();
  });

  it('delivers the events of the watched IDs only', async () => {
    const fake = new FakeArmoniK();
    fake.addTask({ id: 'watched', status: 'SUBMITTED' }, false);
    fake.addTask({ id: 'other', status: 'SUBMITTED' }, false);
    const events: ArmoniKEvent[] = [];
    const w = watcher(fake, events);
    w.update({ tasks: new Set(['watched']), results: new Set() });
    await new Promise((r) => setTimeout(r, 5));
    fake.updateTask('other', { status: 'DISPATCHED' });
    fake.updateTask('watched', { status: 'DISPATCHED' });
    await new Promise((r) => setTimeout(r, 5));
    assert.deepEqual(events.map((e) => [e.kind, 'taskId' in e ? e.taskId : '', e.kind === 'newTask' || e.kind === 'taskStatusUpdate' ? e.status : '']), [
      ['newTask', 'watched', 'SUBMITTED'],
      ['taskStatusUpdate', 'watched', 'DISPATCHED'],
    ]);
    w.close();
  });
});
