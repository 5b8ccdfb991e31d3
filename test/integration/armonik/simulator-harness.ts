// The typed client against a simulator on loopback with a manual clock: time moves only when a
// test says so, so statuses can be checked at each step of a scenario.

import { createClient, type ClientOptions } from '../../../src/armonik/client';
import type { ArmoniKClient } from '../../../src/armonik/api';
import type { Task } from '../../../src/armonik/model';
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from '../../../src/simulator/simulator';

export interface SimHarness {
  sim: RunningSimulator;
  client: ArmoniKClient;
  /** ID of a scenario task / result / session by its symbolic name. */
  taskId(name: string): string;
  resultId(name: string): string;
  sessionId(name: string): string;
  /** Runs the simulation until nothing is scheduled (bounded by `maxMs` of virtual time). */
  run(maxMs?: number): void;
  /** Detailed subtasks a task created (excluding retries of it). */
  subtasksOf(taskId: string): Promise<Task[]>;
  stop(): Promise<void>;
}

function lookup(map: Map<string, string> | undefined, name: string, what: string): string {
  const id = map?.get(name);
  if (!id) throw new Error(`the scenario has no ${what} named '${name}' (known: ${[...(map?.keys() ?? [])].join(', ')})`);
  return id;
}

export async function startSimHarness(
  scenario: StartSimulatorOptions['scenario'],
  options: { params?: Record<string, number>; client?: ClientOptions } = {},
): Promise<SimHarness> {
  const sim = await startSimulator({ scenario, port: 0, clock: { kind: 'manual' }, seed: 3, ...(options.params ? { params: options.params } : {}) });
  const client = createClient(sim.endpoint, options.client);
  return {
    sim,
    client,
    taskId: (name) => lookup(sim.scenario?.tasks, name, 'task'),
    resultId: (name) => lookup(sim.scenario?.results, name, 'result'),
    sessionId: (name) => lookup(sim.scenario?.sessions, name, 'session'),
    run: (maxMs = 3_600_000) => {
      sim.engine.runUntilIdle(maxMs);
    },
    subtasksOf: async (taskId) => {
      const created: Task[] = [];
      for await (const t of client.tasks.iterateDetailed({ where: { createdBy: taskId } })) {
        // Retries also carry created_by = the failed attempt; subtasks start their own chain.
        if (t.initialTaskId === t.id) created.push(t);
      }
      return created;
    },
    stop: async () => {
      client.close();
      await sim.stop();
    },
  };
}
