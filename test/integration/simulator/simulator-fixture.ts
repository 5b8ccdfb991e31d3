// A simulator on a free loopback port with a manual clock (time moves only when a test says so),
// raw clients connected to it, and helpers that build ArmoniK work through the wire API the way
// a client would (CreateSession → CreateResults/CreateResultsMetaData → SubmitTasks).

import type { WireTaskOptionsInput } from '../../../src/armonik/wire/types';
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from '../../../src/simulator/simulator';
import { rawClients, rpc, type RawClients } from './grpc-test-client';

export interface TestSimulator {
  sim: RunningSimulator;
  c: RawClients;
  stop(): Promise<void>;
}

export async function startTestSimulator(options: StartSimulatorOptions = {}): Promise<TestSimulator> {
  const sim = await startSimulator({ clock: { kind: 'manual' }, ...options });
  const c = rawClients(sim.endpoint);
  return {
    sim,
    c,
    stop: async () => {
      c.close();
      await sim.stop();
    },
  };
}

export const SESSION_OPTIONS: WireTaskOptionsInput = {
  maxDuration: { seconds: 300, nanos: 0 },
  maxRetries: 2,
  priority: 1,
  partitionId: 'default',
  applicationName: 'pricing',
  applicationNamespace: 'acme.pricing',
  applicationVersion: '1.0.0',
  applicationService: 'PricingService',
  engineType: 'Unified',
  options: {},
};

export async function createSession(c: RawClients, options: WireTaskOptionsInput = SESSION_OPTIONS, partitionIds: string[] = []): Promise<string> {
  const reply = await rpc(c.sessions, 'CreateSession', { defaultTaskOption: options, partitionIds });
  return reply.sessionId;
}

/** Creates results without data (CREATED, no owner); returns their IDs in order. */
export async function createMetadata(c: RawClients, sessionId: string, names: string[]): Promise<string[]> {
  const reply = await rpc(c.results, 'CreateResultsMetaData', { sessionId, results: names.map((name) => ({ name })) });
  return reply.results.map((r) => r.resultId);
}

/** Creates results with data (COMPLETED at once): what clients do for payloads. */
export async function createWithData(c: RawClients, sessionId: string, entries: Record<string, string>): Promise<string[]> {
  const reply = await rpc(c.results, 'CreateResults', {
    sessionId,
    results: Object.entries(entries).map(([name, text]) => ({ name, data: Buffer.from(text) })),
  });
  return reply.results.map((r) => r.resultId);
}

export interface TaskSpec {
  outputs: string[];
  inputs?: string[];
  options?: WireTaskOptionsInput;
}

/** Submits tasks, each with a fresh payload created with data; returns the task IDs in order. */
export async function submitTasks(c: RawClients, sessionId: string, tasks: TaskSpec[]): Promise<string[]> {
  const payloads = await createWithData(
    c,
    sessionId,
    Object.fromEntries(tasks.map((_, i) => [`payload-${i}-${Math.random().toString(36).slice(2, 8)}`, `payload ${i}`])),
  );
  const reply = await rpc(c.tasks, 'SubmitTasks', {
    sessionId,
    taskCreations: tasks.map((t, i) => ({
      payloadId: payloads[i],
      expectedOutputKeys: t.outputs,
      dataDependencies: t.inputs ?? [],
      taskOptions: t.options ?? null,
    })),
  });
  return reply.taskInfos.map((t) => t.taskId);
}
