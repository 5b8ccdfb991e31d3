// Command line of the simulator (`npm run simulator -- …`, dist/simulator.js). Parsing is pure so
// that it can be tested without starting anything; main.ts does the rest.

import type { TlsFiles } from './tls-credentials';

export const DEFAULT_CLI_PORT = 5001;
export const DEFAULT_CLI_HOST = '127.0.0.1';

export interface SimulatorCliOptions {
  scenario: string | undefined;
  params: Record<string, string>;
  host: string;
  port: number;
  speed: number;
  seed: number;
  tls: TlsFiles | undefined;
  json: boolean;
  withoutEvents: boolean;
  listScenarios: boolean;
  help: boolean;
}

/** Wrong command line: main prints the message and the usage, and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const SIMULATOR_USAGE = `Usage: npm run simulator -- [--scenario NAME|FILE] [options]

Starts an ArmoniK-compatible control plane (gRPC, in memory) and prints the IDs of the results
worth tracing.

Options:
  --scenario NAME|FILE   built-in scenario (see --list-scenarios) or a .yaml/.json scenario file;
                         without it the control plane starts empty
  --param KEY=VALUE      parameter of a built-in scenario (repeatable), e.g. --param tasks=100000
  --port N               port to listen on (default ${DEFAULT_CLI_PORT}, what ArmoniK clients expect; 0 = any free port)
  --host HOST            address to bind (default ${DEFAULT_CLI_HOST}; the simulator has no authentication)
  --speed N              virtual time runs N times faster than real time (default 1)
  --seed N               seed of IDs and durations: same seed, same scenario, same IDs (default 1)
  --tls-cert FILE        serve TLS with this PEM certificate chain (needs --tls-key)
  --tls-key FILE         PEM private key of --tls-cert
  --tls-client-ca FILE   require client certificates signed by this PEM CA (mTLS)
  --without-events       serve no Events service (GetEvents is UNIMPLEMENTED), like a control
                         plane deployed without it: clients must poll
  --json                 print one JSON line {"event":"listening",…} when ready; messages go to stderr
  --list-scenarios       list the built-in scenarios and exit
  --help                 show this help`;

const VALUE_FLAGS = new Set(['--scenario', '--param', '--port', '--host', '--speed', '--seed', '--tls-cert', '--tls-key', '--tls-client-ca']);

function parseNumber(flag: string, raw: string, check: (n: number) => boolean, expectation: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`${flag} needs ${expectation}, got "${raw}"`);
  return value;
}

export function parseSimulatorArgs(argv: readonly string[]): SimulatorCliOptions {
  const options: SimulatorCliOptions = {
    scenario: undefined,
    params: {},
    host: DEFAULT_CLI_HOST,
    port: DEFAULT_CLI_PORT,
    speed: 1,
    seed: 1,
    tls: undefined,
    json: false,
    withoutEvents: false,
    listScenarios: false,
    help: false,
  };
  let certFile: string | undefined;
  let keyFile: string | undefined;
  let clientCaFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // Accept both `--port 5002` and `--port=5002`.
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (VALUE_FLAGS.has(flag)) {
      value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
    } else if (eq > 0) {
      throw new UsageError(`${flag} takes no value`);
    }
    switch (flag) {
      case '--scenario':
        options.scenario = value;
        break;
      case '--param': {
        const sep = value!.indexOf('=');
        if (sep <= 0) throw new UsageError(`--param needs KEY=VALUE, got "${value}"`);
        options.params[value!.slice(0, sep).trim()] = value!.slice(sep + 1).trim();
        break;
      }
      case '--port':
        options.port = parseNumber(flag, value!, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number between 0 and 65535');
        break;
      case '--host':
        if (value!.trim() === '') throw new UsageError('--host needs an address');
        options.host = value!.trim();
        break;
      case '--speed':
        options.speed = parseNumber(flag, value!, (n) => n > 0, 'a positive number');
        break;
      case '--seed':
        options.seed = parseNumber(flag, value!, (n) => Number.isInteger(n), 'a whole number');
        break;
      case '--tls-cert':
        certFile = value;
        break;
      case '--tls-key':
        keyFile = value;
        break;
      case '--tls-client-ca':
        clientCaFile = value;
        break;
      case '--json':
        options.json = true;
        break;
      case '--without-events':
        options.withoutEvents = true;
        break;
      case '--list-scenarios':
        options.listScenarios = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new UsageError(arg.startsWith('-') ? `unknown option ${arg}` : `unexpected argument "${arg}" (did you mean --scenario ${arg}?)`);
    }
  }
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if (clientCaFile !== undefined && certFile === undefined) throw new UsageError('--tls-client-ca needs --tls-cert and --tls-key');
  if (certFile !== undefined && keyFile !== undefined) options.tls = { certFile, keyFile, ...(clientCaFile ? { clientCaFile } : {}) };
  return options;
}
