import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TaskOptions } from '../../../src/armonik/model';
import {
  partialTaskOptionsToWire,
  taskOptionsFromWire,
  taskOptionsOverridesFromWire,
  taskOptionsToWire,
} from '../../../src/armonik/wire/task-options-codec';
import { serviceDefinitions } from '../../../src/armonik/wire/load';

const full: TaskOptions = {
  options: { 'sim.behaviour': 'fail', team: 'risk' },
  maxDurationMs: 300_000,
  maxRetries: 3,
  priority: 7,
  partitionId: 'gpu',
  applicationName: 'pricer',
  applicationVersion: '1.2.3',
  applicationNamespace: 'Acme.Pricing',
  applicationService: 'PricerService',
  engineType: 'Unified',
};

test('full options survive model → wire bytes → model', () => {
  const def = serviceDefinitions().sessions.CreateSession;
  const decoded = def.requestDeserialize(def.requestSerialize({ defaultTaskOption: taskOptionsToWire(full) }));
  assert.deepEqual(taskOptionsFromWire(decoded.defaultTaskOption), full);
});

test('an absent options message stays undefined', () => {
  assert.equal(taskOptionsFromWire(null), undefined);
  assert.equal(taskOptionsFromWire(undefined), undefined);
  assert.equal(partialTaskOptionsToWire(undefined), null);
  assert.equal(taskOptionsOverridesFromWire(null), undefined);
});

test('an absent max_duration reads as undefined, not 0', () => {
  const wire = taskOptionsToWire({ ...full, maxDurationMs: undefined });
  assert.equal(wire.maxDuration, null);
  assert.equal(taskOptionsFromWire(wire)?.maxDurationMs, undefined);
});

test('the options map is copied, not shared', () => {
  const wire = taskOptionsToWire(full);
  wire.options.team = 'changed';
  assert.equal(full.options.team, 'risk');
});

test('a partial override sends zero values for the fields it does not set', () => {
  const wire = partialTaskOptionsToWire({ partitionId: 'cpu', options: { a: 'b' } });
  assert.deepEqual(wire, {
    options: { a: 'b' },
    maxDuration: null,
    maxRetries: 0,
    priority: 0,
    partitionId: 'cpu',
    applicationName: '',
    applicationVersion: '',
    applicationNamespace: '',
    applicationService: '',
    engineType: '',
  });
});

test('overrides read back only set fields, and always the priority (Core §11.4)', () => {
  const def = serviceDefinitions().sessions.CreateSession;
  const decoded = def.requestDeserialize(
    def.requestSerialize({ defaultTaskOption: partialTaskOptionsToWire({ partitionId: 'cpu', maxRetries: 2 }) }),
  );
  assert.deepEqual(taskOptionsOverridesFromWire(decoded.defaultTaskOption), { priority: 0, partitionId: 'cpu', maxRetries: 2 });
  assert.deepEqual(taskOptionsOverridesFromWire(taskOptionsToWire(full)), full);
});
