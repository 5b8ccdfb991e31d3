// The simulator as one call: an engine, an optional scenario applied to it, and the gRPC server
// serving it on loopback. Used by the CLI (main.ts), the tests, the benchmarks and the VS Code
// extension (which runs dist/simulator.js and reads its `--json` line instead).

import { createEngine } from './engine';
import type { ClockMode, SimulatorEngine } from './engine/types';
import { applyScenario, loadScenario, type AppliedScenario, type Scenario } from './scenarios';
import { SimulatorServer, type SimulatorServerOptions } from './server/grpc-server';
import { serverCredentials, type TlsFiles } from './server/tls-credentials';

export interface StartSimulatorOptions {
  /** A built-in scenario name, a scenario file path, or an already parsed scenario. */
  scenario?: string | Scenario;
  /** Parameters of a built-in scenario (e.g. `{ tasks: 1000000 }`). */
  params?: Record<string, string | number>;
  /** Default 127.0.0.1: the simulator has no authentication, keep it on loopback. */
  host?: string;
  /** Default 0 (any free port); the CLI defaults to 5001 like a local ArmoniK. */
  port?: number;
  /** Default: realtime at `speed` (default 1). Tests use `{ kind: 'manual' }`. */
  clock?: ClockMode;
  speed?: number;
  /** Seed of IDs and durations; the same seed and scenario give the same IDs. Default 1. */
  seed?: number;
  /** Serve TLS (and mTLS when `clientCaFile` is set) instead of plaintext h2c. */
  tls?: TlsFiles;
  /** `data_chunk_max_size` of the Results service (default 2 MiB, like Core). */
  dataChunkMaxSize?: number;
  listingCache?: SimulatorServerOptions['listingCache'];
  /** Leave the Events service out (GetEvents answers UNIMPLEMENTED). */
  withoutEvents?: boolean;
}

export interface SimulatorTarget {
  name: string;
  resultId: string;
  sessionId: string;
  description: string;
}

export interface RunningSimulator {
  /** `http://127.0.0.1:PORT`, or `https://…` with TLS: what ArmoniK clients take as endpoint. */
  endpoint: string;
  host: string;
  port: number;
  engine: SimulatorEngine;
  /** Results worth tracing, with what is wrong with each (empty without a scenario). */
  targets: SimulatorTarget[];
  /** What applying the scenario produced (symbolic names → IDs), if there was one. */
  scenario: AppliedScenario | undefined;
  server: SimulatorServer;
  /** Stops the clock, ends event streams and closes the server. Safe to call twice. */
  stop(): Promise<void>;
}

/** The partition a plain ArmoniK client lands on when its session names none; every ArmoniK
 * deployment has one, so the simulator does too unless the scenario defines it. */
export const DEFAULT_PARTITION = {
  id: 'default',
  parentPartitionIds: [],
  podReserved: 1,
  podMax: 100,
  podConfiguration: {},
  preemptionPercentage: 50,
  priority: 1,
  workers: 4,
};

export function resolveScenario(scenario: string | Scenario | undefined, params: Record<string, string | number> | undefined): Scenario | undefined {
  if (scenario === undefined) return undefined;
  return typeof scenario === 'string' ? loadScenario(scenario, params ?? {}) : scenario;
}

export function formatEndpoint(host: string, port: number, tls: boolean): string {
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${tls ? 'https' : 'http'}://${shownHost}:${port}`;
}

export async function startSimulator(options: StartSimulatorOptions = {}): Promise<RunningSimulator> {
  // Everything that can fail on bad input (scenario, TLS files) fails before anything starts.
  const scenario = resolveScenario(options.scenario, options.params);
  const credentials = serverCredentials(options.tls);
  const clock: ClockMode = options.clock ?? { kind: 'realtime', speed: options.speed ?? 1 };
  const engine = createEngine({ clock, seed: options.seed ?? 1 });
  engine.addPartition(DEFAULT_PARTITION);
  const applied = scenario ? applyScenario(engine, scenario) : undefined;

  const host = options.host ?? '127.0.0.1';
  const server = new SimulatorServer(engine, { dataChunkMaxSize: options.dataChunkMaxSize, listingCache: options.listingCache, withoutEvents: options.withoutEvents });
  const port = await server.listen(host, options.port ?? 0, credentials);
  if (clock.kind !== 'manual') engine.start();

  let stopping: Promise<void> | undefined;
  return {
    endpoint: formatEndpoint(host, port, options.tls !== undefined),
    host,
    port,
    engine,
    targets: applied ? applied.targets.map((t) => ({ ...t })) : [],
    scenario: applied,
    server,
    stop: () => {
      stopping ??= (async () => {
        engine.stop();
        await server.shutdown();
      })();
      return stopping;
    },
  };
}
