// Where is the control plane? Resolution order shared by the CLI and the extension: an explicit
// value (CLI flag), the `armonik.endpoint` setting, the ARMONIK_ENDPOINT environment variable, the
// `generated/armonik-output.json` of a local quick-deploy found by walking up from the working
// folder (reference §14), and finally the simulator's default. The answer always says which
// source won so that users can tell why a trace went where it went. Pure Node, no vscode.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const DEFAULT_ENDPOINT = 'http://localhost:5001';
export const ENDPOINT_ENV_VAR = 'ARMONIK_ENDPOINT';

export type EndpointSource = 'flag' | 'setting' | 'env' | 'deployment' | 'default';

export interface DiscoveredEndpoint {
  url: string;
  source: EndpointSource;
  /** Human description of the source, e.g. `--endpoint`, `$ARMONIK_ENDPOINT`, a file path. */
  origin: string;
  /** Problems met on the way (an unreadable output file) that did not stop the discovery. */
  warnings: string[];
}

export interface DiscoveryInput {
  /** A value given on the command line. */
  flag?: string | undefined;
  /** The editor setting `armonik.endpoint`. */
  setting?: string | undefined;
  env?: Readonly<Record<string, string | undefined>>;
  /** Folder to start the search for a deployment output file from. */
  cwd?: string;
}

/** Where a quick-deploy writes its outputs, relative to a folder (reference §14). */
const OUTPUT_LOCATIONS = [
  ['generated', 'armonik-output.json'],
  ['infrastructure', 'quick-deploy', 'localhost', 'generated', 'armonik-output.json'],
  ['infrastructure', 'quick-deploy', 'localhost', 'all-in-one', 'generated', 'armonik-output.json'],
];

export function discoverEndpoint(input: DiscoveryInput = {}): DiscoveredEndpoint {
  const warnings: string[] = [];
  const given = (value: string | undefined) => (value !== undefined && value.trim() !== '' ? value.trim() : undefined);
  const flag = given(input.flag);
  if (flag) return { url: flag, source: 'flag', origin: '--endpoint', warnings };
  const setting = given(input.setting);
  if (setting) return { url: setting, source: 'setting', origin: 'setting armonik.endpoint', warnings };
  const env = given(input.env?.[ENDPOINT_ENV_VAR]);
  if (env) return { url: env, source: 'env', origin: `$${ENDPOINT_ENV_VAR}`, warnings };
  if (input.cwd !== undefined) {
    const found = findDeploymentOutput(input.cwd, warnings);
    if (found) return { url: found.url, source: 'deployment', origin: found.path, warnings };
  }
  return { url: DEFAULT_ENDPOINT, source: 'default', origin: 'default (local simulator)', warnings };
}

/** The nearest readable deployment output file with a control-plane URL, walking up from
 * `start`. Unreadable or malformed files are skipped with a warning. */
export function findDeploymentOutput(start: string, warnings: string[] = []): { path: string; url: string } | undefined {
  let folder = resolve(start);
  for (;;) {
    for (const parts of OUTPUT_LOCATIONS) {
      const path = join(folder, ...parts);
      if (!isFile(path)) continue;
      const url = readControlPlaneUrl(path, warnings);
      if (url !== undefined) return { path, url };
    }
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function isFile(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `armonik.control_plane_url` of an output file (`terraform output -json | jq 'map_values(.value)'`). */
export function readControlPlaneUrl(path: string, warnings: string[] = []): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    warnings.push(`ignored ${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  const armonik = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['armonik'] : undefined;
  const url = typeof armonik === 'object' && armonik !== null ? (armonik as Record<string, unknown>)['control_plane_url'] : undefined;
  if (typeof url !== 'string' || url.trim() === '') {
    warnings.push(`ignored ${path}: no armonik.control_plane_url in it`);
    return undefined;
  }
  return url.trim();
}
