// Simulated worker behaviours. A task says how its (imaginary) worker behaves through one task
// option, `options["sim.behaviour"]`, holding JSON. Ordinary ArmoniK clients never set it, so
// their tasks take the default: succeed after a short seeded duration and write a few bytes to
// every expected output.
//
// Schema (every field optional; durations are milliseconds or text such as "250ms", "2s", "1m"):
//
//   {
//     "duration": 800 | "2s"
//               | { "dist": "uniform", "min": "1s", "max": "3s" }
//               | { "dist": "normal", "mean": "2s", "stddev": "500ms" }
//               | { "dist": "exponential", "mean": "1s" },
//     "outcome": "success" | "error" | "infra-failure" | "timeout" | "orphan"
//               | { "kind": "error", "message": "Matrix is singular",
//                   "exception": "System.InvalidOperationException",
//                   "language": "csharp" | "python" | "java",
//                   "frames": [ { "function": "Acme.Pricing.ComputeService.Invert(Matrix m)",
//                                 "file": "Worker/ComputeService.cs", "line": 42,
//                                 "code": "var inv = m.Inverse();" } ] }   // innermost first
//               | { "kind": "infra-failure", "message": "...", "failAttempts": 2 }
//                    // failAttempts: attempts 1..N fail, later ones run normally;
//                    // absent: every attempt fails (ends in ERROR once retries are exhausted)
//               | { "kind": "timeout", "message": "..." }  // runs past options.maxDuration
//               | { "kind": "orphan", "outputs": [0] }    // succeeds without producing or
//                    // delegating these expected outputs (indexes; absent: all non-delegated)
//     "output": "text written to each produced output",
//     "spawn": {                       // subtasks submitted by the worker (buffered; committed
//       "results": ["partial-a", { "name": "partial-{i}", "count": 3 }],  // only if the worker
//                                      //   succeeds). New results it creates.
//       "tasks": [ { "name": "child", "count": 3,
//                    "outputs": ["partial-{i}" | "$output" | "$output:0"],  // $output = delegate
//                    "inputs": ["partial-a" | "$input:0"],
//                    "behaviour": { ... },       // the child's own behaviour (same schema)
//                    "options": { "partitionId": "gpu", "priority": 3, "maxRetries": 2,
//                                 "maxDuration": "5m", "options": { "k": "v" } } } ] },
//     "tree": { "depth": 2, "fanOut": 3,            // HTC-Mock-like aggregation tree: a node at
//               "leaf": { ... }, "aggregate": { ... } }  // depth > 0 spawns fanOut children
//               // (depth - 1) each producing a partial result, and an aggregator child that
//               // depends on them and takes over this task's outputs.
//   }
//
// "{i}" in a spawned name is replaced by the copy index when "count" > 1.

import { formatDurationMs, parseDurationMs } from './duration-text';
import type { TaskOptionsInput } from './types';

export const BEHAVIOUR_OPTION_KEY = 'sim.behaviour';

export type DurationSpec =
  | { dist: 'fixed'; ms: number }
  | { dist: 'uniform'; minMs: number; maxMs: number }
  | { dist: 'normal'; meanMs: number; stddevMs: number }
  | { dist: 'exponential'; meanMs: number };

export const ERROR_LANGUAGES = ['csharp', 'python', 'java'] as const;
export type ErrorLanguage = (typeof ERROR_LANGUAGES)[number];

export interface StackFrame {
  function: string;
  file: string;
  line: number;
  /** Source line, shown by Python tracebacks. */
  code?: string;
}

export type Outcome =
  | { kind: 'success' }
  | { kind: 'error'; message: string; exception?: string; language: ErrorLanguage; frames?: StackFrame[] }
  | { kind: 'infra-failure'; message?: string; failAttempts?: number }
  | { kind: 'timeout'; message?: string }
  | { kind: 'orphan'; outputs?: number[] };

export const OUTCOME_KINDS = ['success', 'error', 'infra-failure', 'timeout', 'orphan'] as const;

export interface SpawnTask {
  name: string;
  outputs: string[];
  inputs: string[];
  /** Canonical JSON of the child's behaviour, put into its options as is. */
  behaviourJson: string | undefined;
  options: TaskOptionsInput | undefined;
}

export interface SpawnSpec {
  results: string[];
  tasks: SpawnTask[];
}

export interface Behaviour {
  duration: DurationSpec | undefined;
  outcome: Outcome;
  output: string | undefined;
  spawn: SpawnSpec | undefined;
}

export class BehaviourError extends Error {
  override readonly name = 'BehaviourError';
  constructor(
    /** Where in the behaviour, e.g. `outcome.frames[1].line`. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

const DEFAULT_BEHAVIOUR: Behaviour = Object.freeze<Behaviour>({
  duration: undefined,
  outcome: { kind: 'success' },
  output: undefined,
  spawn: undefined,
});

export function defaultBehaviour(): Behaviour {
  return DEFAULT_BEHAVIOUR;
}

/** Parses the JSON text of `options["sim.behaviour"]`. */
export function parseBehaviourJson(text: string): Behaviour {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BehaviourError('', `not valid JSON (${(error as Error).message})`);
  }
  return parseBehaviour(raw);
}

/** Validates a behaviour given as a plain object (from JSON or a scenario file). */
export function parseBehaviour(raw: unknown, path = ''): Behaviour {
  const obj = asObject(raw, path);
  checkKeys(obj, path, ['duration', 'outcome', 'output', 'spawn', 'tree']);
  if (obj.tree !== undefined) return parseTree(obj, path);
  const duration = obj.duration === undefined ? undefined : parseDurationSpec(obj.duration, join(path, 'duration'));
  const outcome = obj.outcome === undefined ? { kind: 'success' as const } : parseOutcome(obj.outcome, join(path, 'outcome'));
  const output = obj.output === undefined ? undefined : asString(obj.output, join(path, 'output'));
  const spawn = obj.spawn === undefined ? undefined : parseSpawn(obj.spawn, join(path, 'spawn'));
  return { duration, outcome, output, spawn };
}

/** Canonical JSON of a raw behaviour object, after validating it. */
export function behaviourToJson(raw: unknown, path = ''): string {
  parseBehaviour(raw, path);
  return JSON.stringify(raw);
}

function parseTree(obj: Record<string, unknown>, path: string): Behaviour {
  const treePath = join(path, 'tree');
  const tree = asObject(obj.tree, treePath);
  checkKeys(tree, treePath, ['depth', 'fanOut', 'leaf', 'aggregate']);
  const depth = asInt(tree.depth, join(treePath, 'depth'), 0, 12);
  const fanOut = asInt(tree.fanOut, join(treePath, 'fanOut'), 1, 1000);
  if (tree.aggregate !== undefined) parseBehaviour(tree.aggregate, join(treePath, 'aggregate'));
  const { tree: _tree, ...node } = obj;
  if (depth === 0) {
    return parseBehaviour(tree.leaf ?? node, tree.leaf !== undefined ? join(treePath, 'leaf') : path);
  }
  if (obj.spawn !== undefined) throw new BehaviourError(join(path, 'spawn'), 'cannot be combined with "tree"');
  const self = parseBehaviour(node, path);
  const childJson = JSON.stringify({ ...obj, tree: { ...tree, depth: depth - 1 } });
  // Validate the child now so that an error deep in the tree surfaces at submission.
  parseBehaviourJson(childJson);
  const aggregateJson = tree.aggregate === undefined ? undefined : JSON.stringify(tree.aggregate);
  const partials = Array.from({ length: fanOut }, (_, i) => `partial-${i}`);
  const tasks: SpawnTask[] = partials.map((p) => ({
    name: `node-${depth - 1}-${p.slice('partial-'.length)}`,
    outputs: [p],
    inputs: [],
    behaviourJson: childJson,
    options: undefined,
  }));
  tasks.push({ name: 'aggregate', outputs: ['$output'], inputs: partials, behaviourJson: aggregateJson, options: undefined });
  return { ...self, spawn: { results: partials, tasks } };
}

function parseDurationSpec(raw: unknown, path: string): DurationSpec {
  if (typeof raw === 'number' || typeof raw === 'string') return { dist: 'fixed', ms: asDuration(raw, path) };
  const obj = asObject(raw, path);
  const dist = obj.dist;
  switch (dist) {
    case 'fixed':
      checkKeys(obj, path, ['dist', 'value']);
      return { dist, ms: asDuration(obj.value, join(path, 'value')) };
    case 'uniform': {
      checkKeys(obj, path, ['dist', 'min', 'max']);
      const minMs = asDuration(obj.min, join(path, 'min'));
      const maxMs = asDuration(obj.max, join(path, 'max'));
      if (maxMs < minMs) throw new BehaviourError(join(path, 'max'), `must not be below min (${formatDurationMs(minMs)})`);
      return { dist, minMs, maxMs };
    }
    case 'normal':
      checkKeys(obj, path, ['dist', 'mean', 'stddev']);
      return { dist, meanMs: asDuration(obj.mean, join(path, 'mean')), stddevMs: asDuration(obj.stddev, join(path, 'stddev')) };
    case 'exponential':
      checkKeys(obj, path, ['dist', 'mean']);
      return { dist, meanMs: asDuration(obj.mean, join(path, 'mean')) };
    default:
      throw new BehaviourError(
        join(path, 'dist'),
        `expected "fixed", "uniform", "normal" or "exponential", got ${JSON.stringify(dist)}`,
      );
  }
}

function parseOutcome(raw: unknown, path: string): Outcome {
  if (typeof raw === 'string') {
    if (!(OUTCOME_KINDS as readonly string[]).includes(raw)) {
      throw new BehaviourError(path, `expected one of ${OUTCOME_KINDS.map((k) => `"${k}"`).join(', ')}, got "${raw}"`);
    }
    if (raw === 'error') return { kind: 'error', message: 'Simulated worker error', language: 'csharp' };
    return { kind: raw } as Outcome;
  }
  const obj = asObject(raw, path);
  const kindPath = join(path, 'kind');
  switch (obj.kind) {
    case 'success':
      checkKeys(obj, path, ['kind']);
      return { kind: 'success' };
    case 'error': {
      checkKeys(obj, path, ['kind', 'message', 'exception', 'language', 'frames']);
      const message = obj.message === undefined ? 'Simulated worker error' : asString(obj.message, join(path, 'message'));
      const exception = obj.exception === undefined ? undefined : asString(obj.exception, join(path, 'exception'));
      let language: ErrorLanguage = 'csharp';
      if (obj.language !== undefined) {
        if (!(ERROR_LANGUAGES as readonly unknown[]).includes(obj.language)) {
          throw new BehaviourError(join(path, 'language'), `expected "csharp", "python" or "java", got ${JSON.stringify(obj.language)}`);
        }
        language = obj.language as ErrorLanguage;
      }
      const frames = obj.frames === undefined ? undefined : parseFrames(obj.frames, join(path, 'frames'));
      return { kind: 'error', message, language, ...(exception ? { exception } : {}), ...(frames ? { frames } : {}) };
    }
    case 'infra-failure': {
      checkKeys(obj, path, ['kind', 'message', 'failAttempts']);
      const out: Outcome = { kind: 'infra-failure' };
      if (obj.message !== undefined) out.message = asString(obj.message, join(path, 'message'));
      if (obj.failAttempts !== undefined) out.failAttempts = asInt(obj.failAttempts, join(path, 'failAttempts'), 0, 1000);
      return out;
    }
    case 'timeout': {
      checkKeys(obj, path, ['kind', 'message']);
      const out: Outcome = { kind: 'timeout' };
      if (obj.message !== undefined) out.message = asString(obj.message, join(path, 'message'));
      return out;
    }
    case 'orphan': {
      checkKeys(obj, path, ['kind', 'outputs']);
      if (obj.outputs === undefined) return { kind: 'orphan' };
      const list = asArray(obj.outputs, join(path, 'outputs'));
      return { kind: 'orphan', outputs: list.map((v, i) => asInt(v, `${join(path, 'outputs')}[${i}]`, 0, 10_000)) };
    }
    default:
      throw new BehaviourError(kindPath, `expected one of ${OUTCOME_KINDS.map((k) => `"${k}"`).join(', ')}, got ${JSON.stringify(obj.kind)}`);
  }
}

function parseFrames(raw: unknown, path: string): StackFrame[] {
  const list = asArray(raw, path);
  if (list.length === 0) throw new BehaviourError(path, 'needs at least one frame (or leave "frames" out for default ones)');
  return list.map((item, i) => {
    const p = `${path}[${i}]`;
    const f = asObject(item, p);
    checkKeys(f, p, ['function', 'file', 'line', 'code']);
    const frame: StackFrame = {
      function: asString(f.function, join(p, 'function')),
      file: asString(f.file, join(p, 'file')),
      line: asInt(f.line, join(p, 'line'), 1, 10_000_000),
    };
    if (f.code !== undefined) frame.code = asString(f.code, join(p, 'code'));
    return frame;
  });
}

function parseSpawn(raw: unknown, path: string): SpawnSpec {
  const obj = asObject(raw, path);
  checkKeys(obj, path, ['results', 'tasks']);
  const results = obj.results === undefined ? [] : asArray(obj.results, join(path, 'results')).flatMap((r, i) => parseSpawnResult(r, `${join(path, 'results')}[${i}]`));
  const tasksRaw = asArray(obj.tasks, join(path, 'tasks'));
  if (tasksRaw.length === 0) throw new BehaviourError(join(path, 'tasks'), 'needs at least one subtask');
  const tasks: SpawnTask[] = [];
  tasksRaw.forEach((item, i) => {
    const p = `${join(path, 'tasks')}[${i}]`;
    const t = asObject(item, p);
    checkKeys(t, p, ['name', 'count', 'outputs', 'inputs', 'behaviour', 'options']);
    const count = t.count === undefined ? 1 : asInt(t.count, join(p, 'count'), 1, 100_000);
    const name = t.name === undefined ? `subtask-${i}` : asName(t.name, join(p, 'name'));
    const outputs = asArray(t.outputs, join(p, 'outputs')).map((o, j) => asName(o, `${join(p, 'outputs')}[${j}]`));
    if (outputs.length === 0) throw new BehaviourError(join(p, 'outputs'), 'a subtask needs at least one expected output');
    const inputs = t.inputs === undefined ? [] : asArray(t.inputs, join(p, 'inputs')).map((o, j) => asName(o, `${join(p, 'inputs')}[${j}]`));
    const behaviourJson = t.behaviour === undefined ? undefined : behaviourToJson(t.behaviour, join(p, 'behaviour'));
    const options = t.options === undefined ? undefined : parseSpawnOptions(t.options, join(p, 'options'));
    for (let c = 0; c < count; c++) {
      const subst = (s: string): string => (count > 1 || s.includes('{i}') ? s.replaceAll('{i}', String(c)) : s);
      tasks.push({
        name: count > 1 && !name.includes('{i}') ? `${name}-${c}` : subst(name),
        outputs: outputs.map(subst),
        inputs: inputs.map(subst),
        behaviourJson,
        options,
      });
    }
  });
  const known = new Set(results);
  for (const [i, t] of tasks.entries()) {
    for (const ref of [...t.outputs, ...t.inputs]) {
      if (ref === '$output' || /^\$output:\d+$/.test(ref) || /^\$input:\d+$/.test(ref)) continue;
      if (ref.startsWith('$')) throw new BehaviourError(`${join(path, 'tasks')}[${i}]`, `unknown reference "${ref}" (use $output, $output:N or $input:N)`);
      if (!known.has(ref)) {
        throw new BehaviourError(`${join(path, 'tasks')}[${i}]`, `"${ref}" is not one of spawn.results (${results.join(', ') || 'none'})`);
      }
    }
  }
  return { results: [...known], tasks };
}

/** A spawned result is a name, or `{ "name": "partial-{i}", "count": 3 }` for several. */
function parseSpawnResult(raw: unknown, path: string): string[] {
  if (typeof raw === 'string') return [asName(raw, path)];
  const obj = asObject(raw, path);
  checkKeys(obj, path, ['name', 'count']);
  const name = asName(obj.name, join(path, 'name'));
  const count = asInt(obj.count, join(path, 'count'), 1, 100_000);
  if (!name.includes('{i}')) throw new BehaviourError(join(path, 'name'), 'needs "{i}" when "count" is given');
  return Array.from({ length: count }, (_, i) => name.replaceAll('{i}', String(i)));
}

function parseSpawnOptions(raw: unknown, path: string): TaskOptionsInput {
  const obj = asObject(raw, path);
  checkKeys(obj, path, ['partitionId', 'priority', 'maxRetries', 'maxDuration', 'options', 'applicationName', 'applicationVersion', 'applicationNamespace', 'applicationService', 'engineType']);
  const out: TaskOptionsInput = {};
  if (obj.partitionId !== undefined) out.partitionId = asString(obj.partitionId, join(path, 'partitionId'));
  if (obj.priority !== undefined) out.priority = asInt(obj.priority, join(path, 'priority'), 0, 1000);
  if (obj.maxRetries !== undefined) out.maxRetries = asInt(obj.maxRetries, join(path, 'maxRetries'), 0, 1000);
  if (obj.maxDuration !== undefined) out.maxDurationMs = asDuration(obj.maxDuration, join(path, 'maxDuration'));
  for (const key of ['applicationName', 'applicationVersion', 'applicationNamespace', 'applicationService', 'engineType'] as const) {
    if (obj[key] !== undefined) out[key] = asString(obj[key], join(path, key));
  }
  if (obj.options !== undefined) {
    const map = asObject(obj.options, join(path, 'options'));
    const options: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) options[k] = asString(v, join(join(path, 'options'), k));
    out.options = options;
  }
  return out;
}

// --- small validators: each throws a BehaviourError naming the field

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${JSON.stringify(value)}`;
}

function asObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BehaviourError(path, `expected an object, got ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new BehaviourError(path, `expected a list, got ${value === undefined ? 'nothing' : describe(value)}`);
  return value;
}

function asString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new BehaviourError(path, `expected a string, got ${value === undefined ? 'nothing' : describe(value)}`);
  return value;
}

function asName(value: unknown, path: string): string {
  const s = asString(value, path);
  if (s.trim() === '') throw new BehaviourError(path, 'must not be empty');
  return s;
}

function asInt(value: unknown, path: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new BehaviourError(path, `expected a whole number, got ${value === undefined ? 'nothing' : describe(value)}`);
  }
  if (value < min || value > max) throw new BehaviourError(path, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function asDuration(value: unknown, path: string): number {
  const ms = parseDurationMs(value);
  if (ms === undefined) {
    throw new BehaviourError(path, `expected a duration such as 500, "250ms", "2s" or "1m", got ${value === undefined ? 'nothing' : describe(value)}`);
  }
  return ms;
}

function checkKeys(obj: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) {
      throw new BehaviourError(join(path, key), `unknown field (expected one of: ${allowed.join(', ')})`);
    }
  }
}
