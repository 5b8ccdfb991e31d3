import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createEngine } from '../../../src/simulator/engine/engine';
import { applyScenario, loadScenario, parseScenarioText, ScenarioError } from '../../../src/simulator/scenarios';
import { START } from './engine-fixture';

function problems(text: string, file = 'scenario.yaml'): string[] {
  try {
    parseScenarioText(text, file);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, String(error));
    return error.problems;
  }
  assert.fail('expected a ScenarioError');
}

const VALID = `name: pipeline
description: Two stages and a late upload.
partitions:
  - id: default
    workers: 2
sessions:
  - name: main
    options:
      maxDuration: 5m
    results:
      - name: config
      - name: seed
        data: "42"
    tasks:
      - name: stage1
        inputs: [seed]
        outputs: [s1]
        behaviour:
          duration: 1s
      - name: stage2
        inputs: [s1, config]
        outputs: [s2]
actions:
  - at: 10s
    do: upload
    result: config
    data: "mode=fast"
  - at: 20s
    do: submit
    tasks:
      - name: extra
        inputs: [s2]
        outputs: [s3]
targets:
  - result: s2
    description: Waits for the config upload at 10 s.
`;

describe('scenario files', () => {
  it('points each problem at its file, line and field', () => {
    const text = VALID.replace('inputs: [s1, config]', 'inputs: [s1, agg]').replace('workers: 2', 'workers: -3');
    const found = problems(text);
    assert.ok(found.includes('scenario.yaml:5: partitions[0].workers: expected a whole number between 0 and 10000, got -3'), found.join('\n'));
    assert.ok(found.includes('scenario.yaml:21: sessions[0].tasks[1].inputs[1]: unknown result "agg"'), found.join('\n'));
  });

  it('reports behaviour mistakes at the line of the behaviour field', () => {
    const found = problems(VALID.replace('duration: 1s', 'duration: soon'));
    assert.deepEqual(found, ['scenario.yaml:19: sessions[0].tasks[0].behaviour.duration: expected a duration such as 500, "250ms", "2s" or "1m", got "soon"']);
  });

  it('reports YAML syntax errors with their line', () => {
    const found = problems('name: x\npartitions: [\n', 'broken.yaml');
    assert.match(found[0]!, /^broken\.yaml:\d+: /);
  });

  it('catches unknown fields, duplicates, unknown partitions and sessions, and missing targets', () => {
    const text = `name: bad
description: d
partitions:
  - id: default
  - id: default
sessions:
  - name: s
    partitions: [cpu]
    tasks:
      - name: t
        outputs: [o]
        colour: red
actions:
  - at: 1s
    do: pause-session
    session: other
  - at: 2s
    do: fly
targets:
  - result: nowhere
    description: x
`;
    const found = problems(text, 'bad.yaml');
    const expect = [
      'bad.yaml:5: partitions[1].id: duplicate partition "default"',
      'bad.yaml:8: sessions[0].partitions[0]: unknown partition "cpu" (declared: default)',
      'bad.yaml:12: sessions[0].tasks[0].colour: unknown field',
      'bad.yaml:16: actions[0].session: unknown session "other"',
      'bad.yaml:18: actions[1].do: expected one of',
      'bad.yaml:20: targets[0].result: unknown result "nowhere"',
    ];
    for (const e of expect) assert.ok(found.some((f) => f.startsWith(e)), `missing "${e}" in:\n${found.join('\n')}`);
  });

  it('reads JSON files through the same validator', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
    const file = join(dir, 'mini.json');
    writeFileSync(
      file,
      JSON.stringify({ name: 'mini', description: 'one task', partitions: [{ id: 'default' }], sessions: [{ name: 's', tasks: [{ name: 't', outputs: ['o'] }] }], targets: [{ result: 'o', description: 'ok' }] }),
    );
    const scenario = loadScenario(file);
    assert.equal(scenario.name, 'mini');
    assert.equal(scenario.source, file);
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: START });
    const applied = applyScenario(engine, scenario);
    engine.runUntilIdle();
    assert.equal(engine.result(applied.results.get('o')!)!.status, 'COMPLETED');
  });

  it('explains an unknown scenario name or missing file', () => {
    assert.throws(() => loadScenario('nope'), /neither a built-in scenario \(demo, diamond, .*\) nor a \.yaml\/\.json file/);
    assert.throws(() => loadScenario('/no/such/file.yaml'), /cannot read the scenario file \(ENOENT\)/);
  });

  it('applies sessions, results and timed actions on the virtual clock', () => {
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: START });
    const applied = applyScenario(engine, parseScenarioText(VALID, 'pipeline.yaml'));
    const s2 = applied.results.get('s2')!;
    engine.advance(9_000);
    assert.equal(engine.result(applied.results.get('s1')!)!.status, 'COMPLETED');
    assert.equal(engine.result(s2)!.status, 'CREATED', 'waits for the upload');
    assert.equal(applied.targets[0]!.resultId, s2);
    assert.equal(applied.targets[0]!.description, 'Waits for the config upload at 10 s.');
    engine.advance(5_000);
    assert.equal(engine.result(s2)!.status, 'COMPLETED');
    assert.equal(applied.tasks.has('extra'), false);
    engine.advance(10_000);
    assert.ok(applied.tasks.has('extra'), 'submitted by the action at 20 s');
    engine.runUntilIdle();
    assert.equal(engine.result(applied.results.get('s3')!)!.status, 'COMPLETED');
    assert.deepEqual(applied.actionErrors, []);
  });

  it('records a failing action instead of crashing', () => {
    const text = VALID.replace('  - at: 10s\n    do: upload', '  - at: 1s\n    do: cancel-session\n  - at: 10s\n    do: upload');
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: START });
    const applied = applyScenario(engine, parseScenarioText(text, 'x.yaml'));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      engine.runUntilIdle();
    } finally {
      console.warn = warn;
    }
    assert.equal(applied.actionErrors.length, 2, applied.actionErrors.join('\n'));
    assert.match(applied.actionErrors[0]!, /upload.*CANCELLED|ABORTED/);
  });

  it('checks built-in parameters', () => {
    assert.throws(() => loadScenario('htcmock', { depth: 99 }), /"depth" of scenario htcmock must be a whole number between 0 and 8/);
    assert.throws(() => loadScenario('diamond', { depth: 1 }), /unknown parameter "depth" for scenario diamond \(it takes none\)/);
    assert.equal(loadScenario('htcmock', { depth: '1', fanOut: 2 }).sessions[0]!.tasks.length, 1);
  });
});

describe('documentation', () => {
  it('the example scenario of docs/simulator.md is valid and runs', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/simulator.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    assert.ok(yaml, 'docs/simulator.md has a yaml example');
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: START });
    const applied = applyScenario(engine, parseScenarioText(yaml, 'simulator.md'));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      engine.runUntilIdle(120_000);
    } finally {
      console.warn = warn;
    }
    assert.equal(applied.targets[0]!.name, 'frames');
    assert.ok(applied.tasks.has('extra'));
  });
});
