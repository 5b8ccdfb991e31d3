// Shared set-up of the trace integration tests: a simulator on loopback with a manual clock, the
// real gRPC client, and helpers to trace a scenario's named target at a given virtual time.

import { createClient } from '../../../src/armonik/client';
import type { ArmoniKClient } from '../../../src/armonik/api';
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from '../../../src/simulator/simulator';
import { startTrace, type StartTraceOptions } from '../../../src/trace/start-trace';
import type { LiveTrace, TaskNode } from '../../../src/trace/types';

export interface Harness {
  sim: RunningSimulator;
  client: ArmoniKClient;
  /** The result ID of a target by its scenario name. */
  target(name: string): string;
  /** Traces a target (one-shot unless `live`), with the simulator's virtual clock as "now". */
  trace(name: string, options?: Partial<StartTraceOptions>): Promise<LiveTrace>;
  stop(): Promise<void>;
}

export async function startHarness(scenario: StartSimulatorOptions['scenario'], params?: Record<string, number>, server: Pick<StartSimulatorOptions, 'withoutEvents'> = {}): Promise<Harness> {
  const sim = await startSimulator({ scenario, clock: { kind: 'manual' }, seed: 7, ...(params ? { params } : {}), ...server });
  const client = createClient(sim.endpoint);
  const target = (name: string): string => {
    const found = sim.targets.find((t) => t.name === name);
    if (!found) throw new Error(`scenario has no target ${name}: ${sim.targets.map((t) => t.name).join(', ')}`);
    return found.resultId;
  };
  return {
    sim,
    client,
    target,
    trace: (name, options = {}) => startTrace(client, { resultId: target(name), now: () => sim.engine.now(), ...options }),
    stop: async () => {
      client.close();
      await sim.stop();
    },
  };
}

/** The task nodes of a trace whose error contains `text` and which failed on their own. */
export function tasksWithError(trace: LiveTrace, text: string): TaskNode[] {
  return [...trace.nodes()].filter((n): n is TaskNode => n.kind === 'task' && (n.error ?? '').includes(text));
}

export function edgesOfKind(trace: LiveTrace, kind: string): Array<[string, string]> {
  return [...trace.edges()].filter((e) => e.kind === kind).map((e) => [e.source, e.target]);
}
