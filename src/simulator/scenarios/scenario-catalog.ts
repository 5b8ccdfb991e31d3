// Finds a scenario by built-in name or file path, and lists the built-ins.

import { existsSync } from 'node:fs';
import type { BuiltinScenario } from './builtin/builtin-scenario';
import { demo } from './builtin/demo';
import { diamond } from './builtin/diamond';
import { failing } from './builtin/failing';
import { htcmock } from './builtin/htcmock';
import { large } from './builtin/large';
import { retries } from './builtin/retries';
import { stuck } from './builtin/stuck';
import { readScenarioFile } from './scenario-file';
import type { Scenario } from './scenario-types';
import { ScenarioError } from './scenario-validation';

export const BUILTIN_SCENARIOS: readonly BuiltinScenario[] = [demo, diamond, htcmock, failing, retries, stuck, large];

export function builtinScenario(name: string): BuiltinScenario | undefined {
  return BUILTIN_SCENARIOS.find((s) => s.name === name);
}

export type ScenarioParams = Record<string, string | number>;

/** A built-in name (`htcmock`), or the path of a YAML/JSON scenario file. Parameters apply to
 * built-ins only; each is checked against the scenario's declared parameters. */
export function loadScenario(nameOrPath: string, params: ScenarioParams = {}): Scenario {
  const builtin = builtinScenario(nameOrPath);
  if (builtin) return builtin.create(resolveParams(builtin, params));
  if (/\.(ya?ml|json)$/i.test(nameOrPath) || existsSync(nameOrPath)) {
    if (Object.keys(params).length > 0) {
      throw new ScenarioError(nameOrPath, [`${nameOrPath}: parameters (${Object.keys(params).join(', ')}) only apply to built-in scenarios`]);
    }
    return readScenarioFile(nameOrPath);
  }
  throw new ScenarioError(nameOrPath, [
    `"${nameOrPath}" is neither a built-in scenario (${BUILTIN_SCENARIOS.map((s) => s.name).join(', ')}) nor a .yaml/.json file`,
  ]);
}

function resolveParams(builtin: BuiltinScenario, params: ScenarioParams): Record<string, number> {
  const out: Record<string, number> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(builtin.params)) out[key] = spec.default;
  for (const [key, raw] of Object.entries(params)) {
    const spec = builtin.params[key];
    if (!spec) {
      const known = Object.keys(builtin.params);
      problems.push(`unknown parameter "${key}" for scenario ${builtin.name} (${known.length > 0 ? `known: ${known.join(', ')}` : 'it takes none'})`);
      continue;
    }
    const value = typeof raw === 'number' ? raw : Number(String(raw).replaceAll('_', ''));
    if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
      problems.push(`parameter "${key}" of scenario ${builtin.name} must be a whole number between ${spec.min} and ${spec.max}, got ${JSON.stringify(raw)}`);
      continue;
    }
    out[key] = value;
  }
  if (problems.length > 0) throw new ScenarioError(`builtin:${builtin.name}`, problems);
  return out;
}
