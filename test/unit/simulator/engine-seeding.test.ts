import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeFixture, START } from './engine-fixture';

describe('seedTask (bulk history)', () => {
  it('writes a finished task with consistent timestamps, its payload and its outputs, without events', () => {
    const fx = makeFixture();
    fx.events.length = 0;
    const first = fx.engine.seedTask(fx.sessionId, { outputNames: ['a'], createdAt: START - 60_000, durationMs: 1_000, podIndex: 1 });
    const second = fx.engine.seedTask(fx.sessionId, { outputNames: ['b'], dataDependencies: first.expectedOutputIds, createdAt: START - 50_000, durationMs: 500 });
    assert.deepEqual(fx.events, []);
    for (const t of [first, second]) {
      assert.equal(t.status, 'COMPLETED');
      const times = [t.createdAt, t.submittedAt, t.receivedAt, t.acquiredAt, t.fetchedAt, t.startedAt, t.processedAt, t.endedAt];
      for (let i = 1; i < times.length; i++) assert.ok(times[i]! >= times[i - 1]!);
      assert.equal(fx.engine.result(t.payloadId)!.status, 'COMPLETED');
      const out = fx.engine.result(t.expectedOutputIds[0]!)!;
      assert.equal(out.status, 'COMPLETED');
      assert.equal(out.ownerTaskId, t.id);
      assert.equal(out.completedAt, t.endedAt);
      assert.equal(fx.engine.resultData(out.resultId)!.byteLength, out.size);
    }
    assert.equal(second.processedAt! - second.startedAt!, 500);
    assert.match(first.podHostname, /^compute-plane-default-/);
    // History can feed live work.
    const live = fx.submit({ outputs: fx.outputs('c'), inputs: second.expectedOutputIds });
    assert.equal(live.status, 'SUBMITTED');
  });

  it('writes failed history with aborted outputs, and refuses impossible history', () => {
    const fx = makeFixture();
    const failed = fx.engine.seedTask(fx.sessionId, { outputNames: ['x'], status: 'ERROR', error: 'boom', createdAt: START - 1_000, durationMs: 10 });
    assert.equal(failed.outputError, 'boom');
    assert.equal(fx.engine.result(failed.expectedOutputIds[0]!)!.status, 'ABORTED');
    assert.throws(
      () => fx.engine.seedTask(fx.sessionId, { outputNames: ['y'], dataDependencies: failed.expectedOutputIds, createdAt: START, durationMs: 1 }),
      /cannot depend on .* which is ABORTED/,
    );
    assert.throws(() => fx.engine.seedTask('nope', { outputNames: [], createdAt: START, durationMs: 1 }), /Session nope not found/);
  });
});
