import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../../../src/simulator/engine/engine';
import { SeededRandom } from '../../../src/simulator/engine/random';
import { applyScenario, loadScenario } from '../../../src/simulator/scenarios';
import type { ClockMode } from '../../../src/simulator/engine/types';
import { START } from './engine-fixture';

function runHtc(seed: number, clock: ClockMode = { kind: 'manual' }) {
  const engine = createEngine({ clock, seed, startTime: START });
  const applied = applyScenario(engine, loadScenario('htcmock', { depth: 2, fanOut: 2 }));
  return { engine, applied };
}

function snapshot(seed: number): string {
  const { engine } = runHtc(seed);
  engine.runUntilIdle();
  return JSON.stringify([...engine.tasks()].map((t) => [t.id, t.status, t.startedAt, t.endedAt, t.podHostname, t.expectedOutputIds]));
}

describe('determinism', () => {
  it('gives the same IDs, timings and pods for the same seed', () => {
    assert.equal(snapshot(42), snapshot(42));
  });

  it('gives different IDs for different seeds', () => {
    assert.notEqual(snapshot(42), snapshot(43));
  });

  it('generates RFC 4122 version-4-looking GUIDs', () => {
    const rnd = new SeededRandom(1);
    const ids = Array.from({ length: 1000 }, () => rnd.uuid());
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('clock modes', () => {
  it('manual: nothing moves until advance()', () => {
    const { engine } = runHtc(1);
    const before = engine.now();
    const statuses = JSON.stringify([...engine.tasks()].map((t) => t.status));
    assert.equal(engine.now(), before);
    assert.equal(JSON.stringify([...engine.tasks()].map((t) => t.status)), statuses);
    engine.advance(250);
    assert.equal(engine.now(), before + 250);
  });

  it('runUntilIdle stops at the virtual limit when work remains', () => {
    const { engine } = runHtc(1);
    const elapsed = engine.runUntilIdle(100);
    assert.equal(elapsed, 100);
    assert.ok(engine.stats().scheduled > 0);
  });

  it('instant: once started, everything runs to completion in virtual-time order without blocking the event loop', async () => {
    const { engine, applied } = runHtc(5, { kind: 'instant' });
    engine.start();
    let ticks = 0;
    const target = applied.targets[0]!.resultId;
    while (engine.result(target)!.status !== 'COMPLETED' && ticks < 500) {
      await new Promise((r) => setTimeout(r, 5));
      ticks++;
    }
    engine.stop();
    assert.equal(engine.result(target)!.status, 'COMPLETED');
    // Same seed in manual mode gives the very same timeline.
    const manual = runHtc(5);
    manual.engine.runUntilIdle();
    assert.equal(engine.result(target)!.completedAt, manual.engine.result(manual.applied.targets[0]!.resultId)!.completedAt);
  });

  it('realtime: virtual time follows wall time × speed once started, and freezes when stopped', async () => {
    const engine = createEngine({ clock: { kind: 'realtime', speed: 100 }, seed: 1, startTime: START });
    engine.addPartition({ id: 'default', parentPartitionIds: [], podReserved: 0, podMax: 1, podConfiguration: {}, preemptionPercentage: 0, priority: 1, workers: 1 });
    const s = engine.createSession({ maxRetries: 1, priority: 1, maxDurationMs: 60_000 }, []);
    const [out] = engine.createResultsMetadata(s.sessionId, [{ name: 'o', manualDeletion: false }]);
    const [payload] = engine.createResults(s.sessionId, [{ name: 'p', data: new Uint8Array([1]), manualDeletion: false }]);
    engine.submitTasks(s.sessionId, undefined, [{ payloadId: payload!.resultId, dataDependencies: [], expectedOutputIds: [out!.resultId] }]);
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(engine.now(), START, 'frozen before start()');
    engine.start();
    await new Promise((r) => setTimeout(r, 120));
    assert.ok(engine.now() - START >= 5_000, `virtual time advanced ×100 (got ${engine.now() - START} ms)`);
    assert.equal(engine.result(out!.resultId)!.status, 'COMPLETED', 'an 800 ms task finishes within 12 s of virtual time');
    engine.stop();
    const frozen = engine.now();
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(engine.now(), frozen);
  });

  it('rejects a non-positive realtime speed', () => {
    assert.throws(() => createEngine({ clock: { kind: 'realtime', speed: 0 }, seed: 1 }), /speed must be above 0/);
  });

  it('runs scheduled actions at their virtual time', () => {
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: START });
    const seen: number[] = [];
    engine.scheduleAt(START + 500, () => seen.push(engine.now()));
    engine.scheduleAt(START + 100, () => seen.push(engine.now()));
    engine.advance(1_000);
    assert.deepEqual(seen, [START + 100, START + 500]);
  });
});

describe('events', () => {
  it('are only built while someone listens, and unsubscribing stops them', () => {
    const { engine } = runHtc(1);
    const seen: string[] = [];
    const off = engine.onEvent((e) => seen.push(e.kind));
    engine.advance(2_000);
    const count = seen.length;
    assert.ok(count > 0);
    off();
    engine.runUntilIdle();
    assert.equal(seen.length, count);
  });

  it('a throwing listener does not break the engine', () => {
    const { engine, applied } = runHtc(1);
    engine.onEvent(() => {
      throw new Error('listener bug');
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      engine.runUntilIdle();
    } finally {
      console.error = original;
    }
    assert.equal(engine.result(applied.targets[0]!.resultId)!.status, 'COMPLETED');
  });
});
