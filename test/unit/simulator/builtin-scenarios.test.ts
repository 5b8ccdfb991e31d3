import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEngine } from '../../../src/simulator/engine/engine';
import type { SimulatorEngine, TaskRecord } from '../../../src/simulator/engine/types';
import { applyScenario, BUILTIN_SCENARIOS, loadScenario, type AppliedScenario, type ScenarioParams } from '../../../src/simulator/scenarios';
import { START } from './engine-fixture';

function run(name: string, params: ScenarioParams = {}, virtualMs = 3_600_000): { engine: SimulatorEngine; applied: AppliedScenario } {
  const engine = createEngine({ clock: { kind: 'manual' }, seed: 2025, startTime: START });
  const applied = applyScenario(engine, loadScenario(name, params));
  engine.runUntilIdle(virtualMs);
  return { engine, applied };
}

function target(applied: AppliedScenario, name: string): string {
  const t = applied.targets.find((x) => x.name === name);
  assert.ok(t, `target ${name}`);
  return t.resultId;
}

function ownerOf(engine: SimulatorEngine, resultId: string): TaskRecord {
  return engine.task(engine.result(resultId)!.ownerTaskId)!;
}

describe('built-in scenarios', () => {
  it('every built-in has a description and targets with descriptions', () => {
    for (const b of BUILTIN_SCENARIOS) {
      assert.ok(b.description.length > 40, b.name);
      const params: ScenarioParams = b.name === 'large' ? { tasks: 200, cone: 50 } : {};
      const s = loadScenario(b.name, params);
      assert.equal(s.description, b.description);
      const engine = createEngine({ clock: { kind: 'manual' }, seed: 1, startTime: START });
      const applied = applyScenario(engine, s);
      assert.ok(applied.targets.length > 0, `${b.name} has targets`);
      for (const t of applied.targets) assert.ok(t.description.length > 10 && engine.result(t.resultId), `${b.name}/${t.name}`);
    }
  });

  it('diamond: all four tasks complete and d depends on both branches', () => {
    const { engine, applied } = run('diamond');
    assert.equal(engine.taskCount(), 4);
    assert.ok([...engine.tasks()].every((t) => t.status === 'COMPLETED'));
    const d = ownerOf(engine, target(applied, 'd'));
    assert.deepEqual(d.dataDependencies, [applied.results.get('b'), applied.results.get('c')]);
  });

  it('htcmock: a tree of subtasks with delegation, sized by depth and fan-out, all completed', () => {
    const { engine, applied } = run('htcmock', { depth: 2, fanOut: 3 });
    // T(0) = 1, T(d) = 1 + fanOut·T(d-1) + 1 → T(2) = 17.
    assert.equal(engine.taskCount(), 17);
    assert.ok([...engine.tasks()].every((t) => t.status === 'COMPLETED'));
    const result = target(applied, 'result');
    assert.equal(engine.result(result)!.status, 'COMPLETED');
    const root = applied.tasks.get('root')!;
    assert.notEqual(engine.result(result)!.ownerTaskId, root, 'the root delegated its output');
    assert.equal(ownerOf(engine, result).createdBy, root);
  });

  it('failing: a worker error deep down cascades to the target, which is ABORTED', () => {
    const { engine, applied } = run('failing');
    const report = target(applied, 'risk-report');
    assert.equal(engine.result(report)!.status, 'ABORTED');
    const rootCause = [...engine.tasks()].find((t) => t.status === 'ERROR' && !t.outputError.startsWith('Task '))!;
    assert.match(rootCause.outputError, /^System\.ArithmeticException: .*\n {3}at .* in Worker\/CurveFitter\.cs:line 88/);
    const cascaded = [...engine.tasks()].filter((t) => t.status === 'ERROR' && t !== rootCause);
    assert.ok(cascaded.length >= 3, 'several levels');
    for (const t of cascaded) assert.ok(t.outputError.startsWith(`Task ${rootCause.id} failed:\n`));
    assert.equal(ownerOf(engine, report).status, 'ERROR');
    assert.equal(rootCause.createdBy, applied.tasks.get('calibrate'), 'the root cause is a subtask');
  });

  it('retries: one chain recovers on ###2, the other exhausts max_retries', () => {
    const { engine, applied } = run('retries');
    const loader = applied.tasks.get('flaky-loader')!;
    assert.equal(engine.task(loader)!.status, 'RETRIED');
    assert.equal(engine.task(`${loader}###1`)!.status, 'RETRIED');
    assert.equal(engine.task(`${loader}###2`)!.status, 'COMPLETED');
    assert.equal(engine.result(target(applied, 'summary'))!.status, 'COMPLETED');
    const exporter = applied.tasks.get('nightly-export')!;
    assert.equal(engine.task(`${exporter}###2`)!.status, 'ERROR');
    assert.equal(engine.task(`${exporter}###3`), undefined);
    assert.equal(engine.result(target(applied, 'published'))!.status, 'ABORTED');
  });

  it('stuck: three targets blocked three ways', () => {
    const { engine, applied } = run('stuck');
    const frames = target(applied, 'frames');
    assert.equal(engine.result(frames)!.status, 'CREATED');
    const render = ownerOf(engine, frames);
    assert.equal(render.status, 'SUBMITTED');
    assert.equal(render.options.partitionId, 'gpu');
    assert.equal(engine.partition('gpu')!.workers, 0);
    const model = target(applied, 'model');
    const train = ownerOf(engine, model);
    assert.equal(train.status, 'PENDING');
    const features = engine.result(train.dataDependencies[0]!)!;
    assert.equal(features.status, 'CREATED');
    assert.equal(engine.task(features.ownerTaskId)!.status, 'COMPLETED', 'orphaned output');
    const report = target(applied, 'report');
    assert.equal(engine.session(engine.result(report)!.sessionId)!.status, 'PAUSED');
    assert.equal(engine.task(applied.tasks.get('collect')!)!.status, 'PAUSED');
  });

  it('demo: live progress, a worker error with stack trace, a queue without workers, and a delegation', () => {
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 2025, startTime: START });
    const applied = applyScenario(engine, loadScenario('demo'));
    engine.advance(20_000);
    const pv = target(applied, 'portfolio-pv');
    const prices = [...applied.tasks].filter(([name]) => name.startsWith('compute-price-')).map(([, id]) => engine.task(id)!);
    assert.equal(prices.length, 48);
    assert.ok(prices.some((t) => t.status === 'COMPLETED') && prices.some((t) => t.status !== 'COMPLETED'), 'in progress after 20 s');
    assert.equal(engine.result(pv)!.status, 'CREATED');
    engine.advance(40_000);
    assert.ok(applied.tasks.has('late-adjustment'), 'late submission at 45 s');
    engine.runUntilIdle(10 * 60_000);
    const completedAt = engine.result(pv)!.completedAt! - START;
    assert.ok(completedAt > 60_000 && completedAt < 180_000, `portfolio-pv completes after a minute or two (${completedAt} ms)`);
    const varReport = target(applied, 'var-report');
    assert.equal(engine.result(varReport)!.status, 'ABORTED');
    assert.ok([...engine.tasks()].some((t) => /Worker\/ComputeService\.cs:line 42/.test(t.outputError) && !t.outputError.startsWith('Task ')));
    const xva = target(applied, 'xva');
    assert.equal(engine.result(xva)!.status, 'CREATED');
    const mc = engine.result(ownerOf(engine, xva).dataDependencies[0]!)!;
    assert.equal(ownerOf(engine, mc.resultId).status, 'SUBMITTED');
    const greeks = target(applied, 'greeks');
    assert.equal(engine.result(greeks)!.status, 'COMPLETED');
    assert.notEqual(engine.result(greeks)!.ownerTaskId, applied.tasks.get('aggregate-greeks'));
  });

  it('large (scaled down): history completed, a cone of the requested size with a real blocker', () => {
    const engine = createEngine({ clock: { kind: 'manual' }, seed: 9, startTime: START });
    const applied = applyScenario(engine, loadScenario('large', { tasks: 20_000, cone: 300 }));
    assert.equal(engine.taskCount(), 20_000);
    const final = target(applied, 'final-report');
    // Walk the upstream cone through owners and dependencies.
    const seen = new Set<string>();
    const stack = [final];
    while (stack.length > 0) {
      const r = engine.result(stack.pop()!)!;
      const owner = engine.task(r.ownerTaskId);
      if (!owner || seen.has(owner.id)) continue;
      seen.add(owner.id);
      stack.push(...owner.dataDependencies);
    }
    assert.ok(seen.size >= 290 && seen.size <= 310, `cone of ${seen.size} tasks`);
    const statuses = new Set([...seen].map((id) => engine.task(id)!.status));
    assert.ok(statuses.has('COMPLETED') && statuses.has('PENDING') && statuses.has('SUBMITTED'), [...statuses].join(','));
    engine.runUntilIdle(3_600_000);
    assert.equal(engine.result(final)!.status, 'CREATED', 'still blocked after an hour');
    const blocker = engine.task(applied.tasks.get('blocker')!)!;
    assert.equal(blocker.status, 'SUBMITTED');
    assert.equal(blocker.options.partitionId, 'gpu');
  });
});
