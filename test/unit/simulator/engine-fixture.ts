// Shared set-up for engine tests: a manual-clock engine with a default partition and a session,
// and shortcuts for the client calls an ArmoniK client makes before SubmitTasks.

import type { ArmoniKEvent } from '../../../src/armonik/model';
import { BEHAVIOUR_OPTION_KEY } from '../../../src/simulator/engine/behaviour';
import { createEngine } from '../../../src/simulator/engine/engine';
import type { SimulatorEngine, TaskOptionsInput, TaskRecord } from '../../../src/simulator/engine/types';

export const START = Date.UTC(2025, 0, 15, 9, 0, 0);

export interface Fixture {
  engine: SimulatorEngine;
  sessionId: string;
  events: ArmoniKEvent[];
  /** Creates results (metadata only) and returns their IDs. */
  outputs(...names: string[]): string[];
  /** Creates a payload with data (COMPLETED at once). */
  payload(text?: string): string;
  /** Submits one task; `behaviour` goes into options["sim.behaviour"]. */
  submit(spec: { outputs: string[]; inputs?: string[]; payload?: string; behaviour?: unknown; options?: TaskOptionsInput }): TaskRecord;
}

export function makeFixture(opts: { workers?: number; seed?: number; sessionOptions?: TaskOptionsInput; defaultTaskDurationMs?: number } = {}): Fixture {
  const engine = createEngine({ clock: { kind: 'manual' }, seed: opts.seed ?? 7, startTime: START, defaultTaskDurationMs: opts.defaultTaskDurationMs });
  engine.addPartition({
    id: 'default',
    parentPartitionIds: [],
    podReserved: 1,
    podMax: 10,
    podConfiguration: {},
    preemptionPercentage: 0,
    priority: 1,
    workers: opts.workers ?? 2,
  });
  const session = engine.createSession({ maxRetries: 2, priority: 1, maxDurationMs: 60_000, ...opts.sessionOptions }, ['default']);
  const events: ArmoniKEvent[] = [];
  engine.onEvent((e) => events.push(e));
  const fx: Fixture = {
    engine,
    sessionId: session.sessionId,
    events,
    outputs: (...names) => engine.createResultsMetadata(session.sessionId, names.map((name) => ({ name, manualDeletion: false }))).map((r) => r.resultId),
    payload: (text = 'payload') =>
      engine.createResults(session.sessionId, [{ name: 'payload', data: new TextEncoder().encode(text), manualDeletion: false }])[0]!.resultId,
    submit: (spec) => {
      const options: TaskOptionsInput | undefined =
        spec.behaviour === undefined && spec.options === undefined
          ? undefined
          : {
              priority: 1,
              ...spec.options,
              options: { ...spec.options?.options, ...(spec.behaviour === undefined ? {} : { [BEHAVIOUR_OPTION_KEY]: JSON.stringify(spec.behaviour) }) },
            };
      return engine.submitTasks(session.sessionId, undefined, [
        { expectedOutputIds: spec.outputs, dataDependencies: spec.inputs ?? [], payloadId: spec.payload ?? fx.payload(), options },
      ])[0]!;
    },
  };
  return fx;
}

export function statusesOf(events: ArmoniKEvent[], taskId: string): string[] {
  return events.filter((e) => (e.kind === 'taskStatusUpdate' || e.kind === 'newTask') && e.taskId === taskId).map((e) => (e as { status: string }).status);
}
