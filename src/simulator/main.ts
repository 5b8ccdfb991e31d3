// `npm run simulator -- --scenario NAME|FILE [options]` (bundled to dist/simulator.js): starts the
// simulated control plane and tells the user what to trace. Exit codes: 0 after Ctrl-C/SIGTERM,
// 1 when the server cannot start (e.g. port in use), 2 for a bad command line or scenario.

import { BUILTIN_SCENARIOS, ScenarioError } from './scenarios';
import { parseSimulatorArgs, SIMULATOR_USAGE, UsageError, type SimulatorCliOptions } from './server/cli-args';
import { PortInUseError } from './server/grpc-server';
import { TlsConfigurationError } from './server/tls-credentials';
import { resolveScenario, startSimulator, type RunningSimulator } from './simulator';

const EXIT_START_FAILED = 1;
const EXIT_BAD_INPUT = 2;

function listScenarios(json: boolean): void {
  const scenarios = BUILTIN_SCENARIOS.map((s) => ({
    name: s.name,
    description: s.description,
    params: Object.fromEntries(Object.entries(s.params).map(([key, p]) => [key, { ...p }])),
  }));
  if (json) {
    process.stdout.write(`${JSON.stringify({ event: 'scenarios', scenarios })}\n`);
    return;
  }
  const lines = ['Built-in scenarios (npm run simulator -- --scenario NAME [--param KEY=VALUE]):', ''];
  for (const s of scenarios) {
    lines.push(`  ${s.name}`, `      ${s.description}`);
    for (const [key, p] of Object.entries(s.params)) {
      lines.push(`      --param ${key}=N   ${p.description} (default ${p.default}, ${p.min}…${p.max})`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function announce(sim: RunningSimulator, options: SimulatorCliOptions): void {
  if (options.json) {
    const targets = sim.targets.map(({ name, resultId, sessionId, description }) => ({ name, resultId, sessionId, description }));
    process.stdout.write(`${JSON.stringify({ event: 'listening', endpoint: sim.endpoint, targets })}\n`);
    return;
  }
  const lines: string[] = [];
  const scenario = sim.scenario ? `scenario "${sim.scenario.name}"` : 'no scenario (empty control plane)';
  lines.push(`ArmoniK simulator listening on ${sim.endpoint} — ${scenario}, speed ×${options.speed}, seed ${options.seed}${options.withoutEvents ? ', without Events' : ''}`);
  if (sim.scenario?.description) lines.push(`  ${sim.scenario.description}`);
  if (sim.targets.length > 0) {
    lines.push('', 'Results worth tracing:');
    for (const t of sim.targets) lines.push(`  ${t.resultId}  ${t.name}: ${t.description}`);
    lines.push('', 'Trace one with:', `  npm run trace -- trace ${sim.targets[0].resultId} --endpoint ${sim.endpoint}`);
  } else {
    lines.push('', `Point any ArmoniK client at ${sim.endpoint} (plaintext h2c${options.tls ? ' over TLS' : ''}, no authentication).`);
  }
  lines.push('', 'Press Ctrl-C to stop.');
  process.stdout.write(`${lines.join('\n')}\n`);
}

function fail(message: string, code: number): never {
  process.stderr.write(`simulator: ${message}\n`);
  process.exit(code);
}

async function main(argv: string[]): Promise<void> {
  let options: SimulatorCliOptions;
  try {
    options = parseSimulatorArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${SIMULATOR_USAGE}`, EXIT_BAD_INPUT);
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return;
  }
  if (options.listScenarios) {
    listScenarios(options.json);
    return;
  }

  let sim: RunningSimulator;
  try {
    // Resolved here (not in startSimulator) so that scenario mistakes get their own exit code.
    const scenario = resolveScenario(options.scenario, options.params);
    sim = await startSimulator({
      scenario,
      host: options.host,
      port: options.port,
      speed: options.speed,
      seed: options.seed,
      tls: options.tls,
      withoutEvents: options.withoutEvents,
    });
  } catch (error) {
    if (error instanceof ScenarioError) fail(error.message, EXIT_BAD_INPUT);
    if (error instanceof TlsConfigurationError) fail(error.message, EXIT_BAD_INPUT);
    if (error instanceof PortInUseError) fail(error.message, EXIT_START_FAILED);
    fail(error instanceof Error ? error.message : String(error), EXIT_START_FAILED);
  }

  announce(sim, options);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C while stopping: the user wants out now.
      process.exit(130);
    }
    stopping = true;
    process.stderr.write(`simulator: ${signal} received, stopping…\n`);
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`error while stopping: ${error instanceof Error ? error.message : String(error)}`, EXIT_START_FAILED),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error), EXIT_START_FAILED);
});
