import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BehaviourError, parseBehaviour, parseBehaviourJson } from '../../../src/simulator/engine/behaviour';
import { parseDurationMs } from '../../../src/simulator/engine/duration-text';

function errorOf(raw: unknown): string {
  try {
    parseBehaviour(raw);
  } catch (error) {
    assert.ok(error instanceof BehaviourError);
    return error.message;
  }
  assert.fail('expected a BehaviourError');
}

describe('behaviour schema', () => {
  it('defaults to success with the engine default duration', () => {
    const b = parseBehaviour({});
    assert.deepEqual(b.outcome, { kind: 'success' });
    assert.equal(b.duration, undefined);
  });

  it('reads durations as numbers, text and distributions', () => {
    assert.deepEqual(parseBehaviour({ duration: 250 }).duration, { dist: 'fixed', ms: 250 });
    assert.deepEqual(parseBehaviour({ duration: '1m30s' }).duration, { dist: 'fixed', ms: 90_000 });
    assert.deepEqual(parseBehaviour({ duration: { dist: 'uniform', min: '1s', max: '2s' } }).duration, { dist: 'uniform', minMs: 1000, maxMs: 2000 });
    assert.deepEqual(parseBehaviour({ duration: { dist: 'normal', mean: '2s', stddev: 100 } }).duration, { dist: 'normal', meanMs: 2000, stddevMs: 100 });
    assert.deepEqual(parseBehaviour({ duration: { dist: 'exponential', mean: '500ms' } }).duration, { dist: 'exponential', meanMs: 500 });
    assert.equal(parseDurationMs('2h'), 7_200_000);
    assert.equal(parseDurationMs('soon'), undefined);
  });

  it('names the faulty field in its errors', () => {
    assert.match(errorOf({ duration: 'soon' }), /^duration: expected a duration/);
    assert.match(errorOf({ duration: { dist: 'uniform', min: '2s', max: '1s' } }), /^duration\.max: must not be below min/);
    assert.match(errorOf({ outcome: 'explode' }), /^outcome: expected one of "success", "error"/);
    assert.match(errorOf({ outcome: { kind: 'error', frames: [{ function: 'f', file: 'a.cs', line: 'x' }] } }), /^outcome\.frames\[0\]\.line: expected a whole number/);
    assert.match(errorOf({ outcome: { kind: 'error', language: 'rust' } }), /^outcome\.language:/);
    assert.match(errorOf({ speed: 1 }), /^speed: unknown field/);
    assert.match(errorOf({ spawn: { tasks: [{ outputs: ['nope'] }] } }), /^spawn\.tasks\[0\]: "nope" is not one of spawn\.results/);
    assert.match(errorOf({ spawn: { tasks: [{ outputs: ['$output'], behaviour: { outcome: 1 } }] } }), /^spawn\.tasks\[0\]\.behaviour\.outcome: expected an object/);
    assert.match(errorOf({ tree: { depth: 2, fanOut: 0 } }), /^tree\.fanOut: must be between 1 and 1000/);
    assert.match(errorOf([]), /expected an object, got a list/);
    assert.throws(() => parseBehaviourJson('{oops'), /not valid JSON/);
  });

  it('expands spawned copies and tree nodes', () => {
    const b = parseBehaviour({ spawn: { results: [{ name: 'p-{i}', count: 2 }], tasks: [{ name: 'w', count: 2, outputs: ['p-{i}'] }, { outputs: ['$output'], inputs: ['p-0', 'p-1'] }] } });
    assert.deepEqual(b.spawn!.results, ['p-0', 'p-1']);
    assert.deepEqual(b.spawn!.tasks.map((t) => [t.name, t.outputs]), [
      ['w-0', ['p-0']],
      ['w-1', ['p-1']],
      ['subtask-1', ['$output']],
    ]);
    const tree = parseBehaviour({ tree: { depth: 1, fanOut: 3, leaf: { duration: '1s' } } });
    assert.equal(tree.spawn!.tasks.length, 4);
    const child = parseBehaviourJson(tree.spawn!.tasks[0]!.behaviourJson!);
    assert.deepEqual(child.duration, { dist: 'fixed', ms: 1000 }, 'depth 0 nodes take the leaf behaviour');
    assert.equal(child.spawn, undefined);
  });
});
