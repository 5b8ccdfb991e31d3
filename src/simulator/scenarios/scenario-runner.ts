// Applies a scenario to an engine: partitions, sessions, results and tasks now, timed actions on
// the engine's virtual clock. Free of gRPC: the server, the CLI and the tests all use it.

import { BEHAVIOUR_OPTION_KEY } from '../engine/behaviour';
import type { SimulatorEngine, TaskCreationInput, TaskOptionsInput } from '../engine/types';
import type { AppliedScenario, Scenario, ScenarioAction, ScenarioResult, ScenarioSession, ScenarioTask } from './scenario-types';

const encoder = new TextEncoder();

export function applyScenario(engine: SimulatorEngine, scenario: Scenario): AppliedScenario {
  const applied: AppliedScenario = {
    name: scenario.name,
    description: scenario.description,
    sessions: new Map(),
    results: new Map(),
    tasks: new Map(),
    targets: [],
    actionErrors: [],
  };
  for (const p of scenario.partitions) {
    if (engine.partition(p.id)) engine.setWorkers(p.id, p.workers);
    else engine.addPartition(p);
  }
  const sessionsByName = new Map<string, ScenarioSession>();
  for (const s of scenario.sessions) {
    const record = engine.createSession(s.options, s.partitions);
    applied.sessions.set(s.name, record.sessionId);
    sessionsByName.set(s.name, s);
  }
  for (const s of scenario.sessions) {
    const sessionId = applied.sessions.get(s.name)!;
    createResults(engine, applied, sessionId, s.results);
    submit(engine, applied, sessionId, s, s.tasks);
  }
  for (const t of scenario.targets) {
    const resultId = applied.results.get(t.result)!;
    applied.targets.push({ name: t.result, resultId, sessionId: engine.result(resultId)!.sessionId, description: t.description });
  }
  scenario.build?.({
    engine,
    sessions: applied.sessions,
    results: applied.results,
    tasks: applied.tasks,
    addTarget: (target) => applied.targets.push(target),
  });
  const origin = engine.now();
  for (const action of scenario.actions) {
    engine.scheduleAt(origin + action.at, () => {
      try {
        runAction(engine, applied, sessionsByName, action);
      } catch (error) {
        const message = `action "${action.do}" at +${action.at} ms failed: ${(error as Error).message}`;
        applied.actionErrors.push(message);
        console.warn(`[scenario ${scenario.name}] ${message}`);
      }
    });
  }
  return applied;
}

function createResults(engine: SimulatorEngine, applied: AppliedScenario, sessionId: string, results: ScenarioResult[]): void {
  const withData = results.filter((r) => r.data !== undefined);
  const metadata = results.filter((r) => r.data === undefined);
  if (withData.length > 0) {
    const created = engine.createResults(
      sessionId,
      withData.map((r) => ({ name: r.name, data: encoder.encode(r.data), manualDeletion: r.manualDeletion })),
    );
    created.forEach((rec, i) => applied.results.set(withData[i]!.name, rec.resultId));
  }
  if (metadata.length > 0) {
    const created = engine.createResultsMetadata(sessionId, metadata.map((r) => ({ name: r.name, manualDeletion: r.manualDeletion })));
    created.forEach((rec, i) => applied.results.set(metadata[i]!.name, rec.resultId));
  }
}

/** Creates the outputs and payloads of `tasks`, then submits them in one SubmitTasks call. */
function submit(engine: SimulatorEngine, applied: AppliedScenario, sessionId: string, session: ScenarioSession, tasks: ScenarioTask[]): void {
  if (tasks.length === 0) return;
  const outputs = [...new Set(tasks.flatMap((t) => t.outputs))].filter((name) => !applied.results.has(name));
  createResults(engine, applied, sessionId, outputs.map((name) => ({ name, manualDeletion: false })));
  const payloads = engine.createResults(
    sessionId,
    tasks.map((t) => ({ name: `${t.name}-payload`, data: encoder.encode(t.payload ?? `payload of ${t.name}`), manualDeletion: false })),
  );
  const creations: TaskCreationInput[] = tasks.map((t, i) => ({
    payloadId: payloads[i]!.resultId,
    dataDependencies: t.inputs.map((name) => applied.results.get(name)!),
    expectedOutputIds: t.outputs.map((name) => applied.results.get(name)!),
    options: creationOptions(session, t),
  }));
  const records = engine.submitTasks(sessionId, undefined, creations);
  records.forEach((rec, i) => applied.tasks.set(tasks[i]!.name, rec.id));
}

function creationOptions(session: ScenarioSession, task: ScenarioTask): TaskOptionsInput | undefined {
  if (task.options === undefined && task.behaviour === undefined) return undefined;
  const map: Record<string, string> = { ...task.options?.options };
  if (task.behaviour !== undefined) map[BEHAVIOUR_OPTION_KEY] = JSON.stringify(task.behaviour);
  // Scenario files inherit the session's priority; Core would take 0 from a present level.
  return { ...task.options, priority: task.options?.priority ?? session.options.priority ?? 1, options: map };
}

function runAction(engine: SimulatorEngine, applied: AppliedScenario, sessions: Map<string, ScenarioSession>, action: ScenarioAction): void {
  const sessionId = action.session === undefined ? '' : applied.sessions.get(action.session)!;
  switch (action.do) {
    case 'pause-session':
      engine.pauseSession(sessionId);
      break;
    case 'resume-session':
      engine.resumeSession(sessionId);
      break;
    case 'close-session':
      engine.closeSession(sessionId);
      break;
    case 'cancel-session':
      engine.cancelSession(sessionId);
      break;
    case 'purge-session':
      engine.purgeSession(sessionId);
      break;
    case 'cancel-tasks':
      engine.cancelTasks((action.tasks ?? []).map((name) => applied.tasks.get(name)).filter((id): id is string => id !== undefined));
      break;
    case 'set-workers':
      engine.setWorkers(action.partition!, action.workers!);
      break;
    case 'upload': {
      const resultId = applied.results.get(action.result!)!;
      engine.uploadResultData(engine.result(resultId)!.sessionId, resultId, encoder.encode(action.data ?? ''));
      break;
    }
    case 'submit': {
      const session = sessions.get(action.session!)!;
      createResults(engine, applied, sessionId, action.submit!.results);
      submit(engine, applied, sessionId, session, action.submit!.tasks);
      break;
    }
  }
}
