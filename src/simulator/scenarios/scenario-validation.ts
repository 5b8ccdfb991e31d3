// Turns a raw scenario document (parsed YAML/JSON, or a built-in's object) into a Scenario,
// collecting every problem with the path of the offending field so the file reader can point at
// its line: `scenario.yaml:14: sessions[0].tasks[3].inputs[0]: unknown result "agg"`.

import { BehaviourError, parseBehaviour } from '../engine/behaviour';
import { parseDurationMs } from '../engine/duration-text';
import type { TaskOptionsInput } from '../engine/types';
import {
  SCENARIO_ACTIONS,
  type Scenario,
  type ScenarioAction,
  type ScenarioActionKind,
  type ScenarioPartition,
  type ScenarioResult,
  type ScenarioSession,
  type ScenarioTask,
  type ScenarioTarget,
} from './scenario-types';

export type Path = ReadonlyArray<string | number>;

export interface ScenarioProblem {
  path: Path;
  message: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    readonly source: string,
    /** One line per problem, each naming the file, line and field. */
    readonly problems: string[],
  ) {
    super(`Invalid scenario ${source}:\n  ${problems.join('\n  ')}`);
  }
}

export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

/** Session defaults applied when a scenario leaves them out, so short files stay short. */
const SESSION_DEFAULTS: TaskOptionsInput = { maxRetries: 2, priority: 1, maxDurationMs: 10 * 60_000 };

class Checker {
  readonly problems: ScenarioProblem[] = [];

  fail(path: Path, message: string): void {
    this.problems.push({ path, message });
  }

  object(value: unknown, path: Path): Record<string, unknown> | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.fail(path, `expected a mapping, got ${describe(value)}`);
    return undefined;
  }

  list(value: unknown, path: Path, optional = true): unknown[] {
    if (value === undefined || value === null) {
      if (!optional) this.fail(path, 'is required (a list)');
      return [];
    }
    if (Array.isArray(value)) return value;
    this.fail(path, `expected a list, got ${describe(value)}`);
    return [];
  }

  string(value: unknown, path: Path, required = true): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(path, 'is required');
      return undefined;
    }
    if (typeof value === 'string' && value.trim() !== '') return value;
    this.fail(path, `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  int(value: unknown, path: Path, min: number, max: number, fallback: number): number {
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.fail(path, `expected a whole number between ${min} and ${max}, got ${describe(value)}`);
    return fallback;
  }

  duration(value: unknown, path: Path): number | undefined {
    const ms = parseDurationMs(value);
    if (ms === undefined) this.fail(path, `expected a duration such as 500, "250ms", "5s" or "2m", got ${describe(value)}`);
    return ms;
  }

  keys(obj: Record<string, unknown>, path: Path, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail([...path, key], `unknown field (expected one of: ${allowed.join(', ')})`);
    }
  }

  stringMap(value: unknown, path: Path): Record<string, string> {
    if (value === undefined || value === null) return {};
    const obj = this.object(value, path);
    const out: Record<string, string> = {};
    if (!obj) return out;
    for (const [k, v] of Object.entries(obj)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      else this.fail([...path, k], `expected a text value, got ${describe(v)}`);
    }
    return out;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

const OPTION_KEYS = [
  'maxRetries',
  'priority',
  'maxDuration',
  'partitionId',
  'applicationName',
  'applicationVersion',
  'applicationNamespace',
  'applicationService',
  'engineType',
  'options',
] as const;

function taskOptions(c: Checker, value: unknown, path: Path): TaskOptionsInput | undefined {
  if (value === undefined || value === null) return undefined;
  const obj = c.object(value, path);
  if (!obj) return undefined;
  c.keys(obj, path, OPTION_KEYS);
  const out: TaskOptionsInput = {};
  if (obj.maxRetries !== undefined) out.maxRetries = c.int(obj.maxRetries, [...path, 'maxRetries'], 0, 1000, 0);
  if (obj.priority !== undefined) out.priority = c.int(obj.priority, [...path, 'priority'], 0, 99, 1);
  if (obj.maxDuration !== undefined) out.maxDurationMs = c.duration(obj.maxDuration, [...path, 'maxDuration']);
  for (const key of ['partitionId', 'applicationName', 'applicationVersion', 'applicationNamespace', 'applicationService', 'engineType'] as const) {
    if (obj[key] !== undefined) out[key] = c.string(obj[key], [...path, key]);
  }
  if (obj.options !== undefined) out.options = c.stringMap(obj.options, [...path, 'options']);
  return out;
}

function behaviourPath(path: Path, error: BehaviourError): Path {
  const out: Array<string | number> = [...path];
  for (const m of error.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function results(c: Checker, value: unknown, path: Path): ScenarioResult[] {
  return c.list(value, path).flatMap((item, i) => {
    const p = [...path, i];
    if (typeof item === 'string') return [{ name: item, manualDeletion: false }];
    const obj = c.object(item, p);
    if (!obj) return [];
    c.keys(obj, p, ['name', 'data', 'manualDeletion']);
    const name = c.string(obj.name, [...p, 'name']);
    if (!name) return [];
    const r: ScenarioResult = { name, manualDeletion: obj.manualDeletion === true };
    if (obj.data !== undefined) {
      if (typeof obj.data === 'string') r.data = obj.data;
      else c.fail([...p, 'data'], `expected text, got ${describe(obj.data)}`);
    }
    return [r];
  });
}

function tasks(c: Checker, value: unknown, path: Path): ScenarioTask[] {
  return c.list(value, path).flatMap((item, i) => {
    const p = [...path, i];
    const obj = c.object(item, p);
    if (!obj) return [];
    c.keys(obj, p, ['name', 'inputs', 'outputs', 'payload', 'behaviour', 'options']);
    const name = c.string(obj.name, [...p, 'name']);
    const names = (v: unknown, key: string): string[] =>
      c.list(v, [...p, key]).flatMap((n, j) => {
        const s = c.string(n, [...p, key, j]);
        return s ? [s] : [];
      });
    const outputs = names(obj.outputs, 'outputs');
    if (obj.outputs === undefined) c.fail([...p, 'outputs'], 'is required: every task needs at least one expected output');
    else if (outputs.length === 0 && Array.isArray(obj.outputs) && obj.outputs.length === 0) c.fail([...p, 'outputs'], 'must list at least one result');
    const task: ScenarioTask = { name: name ?? `#${i}`, inputs: names(obj.inputs, 'inputs'), outputs };
    if (obj.payload !== undefined) {
      if (typeof obj.payload === 'string') task.payload = obj.payload;
      else c.fail([...p, 'payload'], `expected text, got ${describe(obj.payload)}`);
    }
    if (obj.behaviour !== undefined) {
      try {
        parseBehaviour(obj.behaviour);
        task.behaviour = obj.behaviour;
      } catch (error) {
        if (!(error instanceof BehaviourError)) throw error;
        c.fail(behaviourPath([...p, 'behaviour'], error), error.detail);
      }
    }
    const options = taskOptions(c, obj.options, [...p, 'options']);
    if (options) task.options = options;
    return [task];
  });
}

export function validateScenario(raw: unknown, source: string, locate: (path: Path) => string = () => source): Scenario {
  const c = new Checker();
  const doc = c.object(raw, []) ?? {};
  c.keys(doc, [], ['name', 'description', 'partitions', 'sessions', 'actions', 'targets']);
  const name = c.string(doc.name, ['name']) ?? 'unnamed';
  const description = c.string(doc.description, ['description']) ?? '';

  const partitions: ScenarioPartition[] = c.list(doc.partitions, ['partitions'], false).flatMap((item, i) => {
    const p = ['partitions', i];
    const obj = c.object(item, p);
    if (!obj) return [];
    c.keys(obj, p, ['id', 'workers', 'podMax', 'podReserved', 'priority', 'preemptionPercentage', 'parentPartitionIds', 'podConfiguration']);
    const id = c.string(obj.id, [...p, 'id']);
    if (!id) return [];
    const workers = c.int(obj.workers, [...p, 'workers'], 0, 10_000, 1);
    return [
      {
        id,
        workers,
        podMax: c.int(obj.podMax, [...p, 'podMax'], 0, 100_000, Math.max(workers, 1)),
        podReserved: c.int(obj.podReserved, [...p, 'podReserved'], 0, 100_000, Math.min(workers, 1)),
        priority: c.int(obj.priority, [...p, 'priority'], 0, 1000, 1),
        preemptionPercentage: c.int(obj.preemptionPercentage, [...p, 'preemptionPercentage'], 0, 100, 0),
        parentPartitionIds: c.list(obj.parentPartitionIds, [...p, 'parentPartitionIds']).map(String),
        podConfiguration: c.stringMap(obj.podConfiguration, [...p, 'podConfiguration']),
      },
    ];
  });
  const partitionIds = new Set<string>();
  partitions.forEach((part, i) => {
    if (partitionIds.has(part.id)) c.fail(['partitions', i, 'id'], `duplicate partition "${part.id}"`);
    partitionIds.add(part.id);
  });

  const sessions: ScenarioSession[] = c.list(doc.sessions, ['sessions'], false).flatMap((item, i) => {
    const p = ['sessions', i];
    const obj = c.object(item, p);
    if (!obj) return [];
    c.keys(obj, p, ['name', 'partitions', 'options', 'results', 'tasks']);
    const sname = c.string(obj.name, [...p, 'name']) ?? `#${i}`;
    const parts = c.list(obj.partitions, [...p, 'partitions']).flatMap((x, j) => {
      const s = c.string(x, [...p, 'partitions', j]);
      if (s && !partitionIds.has(s)) c.fail([...p, 'partitions', j], `unknown partition "${s}" (declared: ${[...partitionIds].join(', ') || 'none'})`);
      return s ? [s] : [];
    });
    const options = { ...SESSION_DEFAULTS, ...taskOptions(c, obj.options, [...p, 'options']) };
    if (!(options.maxRetries! >= 1)) c.fail([...p, 'options', 'maxRetries'], 'must be at least 1 (CreateSession refuses less)');
    if (!(options.priority! >= 1)) c.fail([...p, 'options', 'priority'], 'must be between 1 and 99 (CreateSession refuses others)');
    if (parts.length === 0 && !partitionIds.has('default')) c.fail([...p, 'partitions'], 'is required unless a partition named "default" is declared');
    return [{ name: sname, partitions: parts, options, results: results(c, obj.results, [...p, 'results']), tasks: tasks(c, obj.tasks, [...p, 'tasks']) }];
  });

  const actions: ScenarioAction[] = c.list(doc.actions, ['actions']).flatMap((item, i) => {
    const p = ['actions', i];
    const obj = c.object(item, p);
    if (!obj) return [];
    c.keys(obj, p, ['at', 'do', 'session', 'tasks', 'partition', 'workers', 'results', 'result', 'data']);
    const at = c.duration(obj.at, [...p, 'at']) ?? 0;
    const kind = obj.do as ScenarioActionKind;
    if (!SCENARIO_ACTIONS.includes(kind)) {
      c.fail([...p, 'do'], `expected one of ${SCENARIO_ACTIONS.join(', ')}, got ${describe(obj.do)}`);
      return [];
    }
    const action: ScenarioAction = { at, do: kind };
    if (obj.session !== undefined) action.session = c.string(obj.session, [...p, 'session']);
    if (kind === 'submit') {
      action.submit = { tasks: tasks(c, obj.tasks, [...p, 'tasks']), results: results(c, obj.results, [...p, 'results']) };
      if (action.submit.tasks.length === 0) c.fail([...p, 'tasks'], 'a submit action needs at least one task');
    } else if (obj.tasks !== undefined) {
      action.tasks = c.list(obj.tasks, [...p, 'tasks']).flatMap((t, j) => {
        const s = c.string(t, [...p, 'tasks', j]);
        return s ? [s] : [];
      });
    }
    if (obj.partition !== undefined) action.partition = c.string(obj.partition, [...p, 'partition']);
    if (obj.workers !== undefined) action.workers = c.int(obj.workers, [...p, 'workers'], 0, 10_000, 0);
    if (obj.result !== undefined) action.result = c.string(obj.result, [...p, 'result']);
    if (obj.data !== undefined) action.data = typeof obj.data === 'string' ? obj.data : String(obj.data);
    return [action];
  });

  const targets: ScenarioTarget[] = c.list(doc.targets, ['targets']).flatMap((item, i) => {
    const p = ['targets', i];
    const obj = c.object(item, p);
    if (!obj) return [];
    c.keys(obj, p, ['result', 'description']);
    const result = c.string(obj.result, [...p, 'result']);
    const desc = c.string(obj.description, [...p, 'description']);
    return result && desc ? [{ result, description: desc }] : [];
  });

  checkReferences(c, sessions, actions, targets, partitionIds);
  if (c.problems.length > 0) throw new ScenarioError(source, c.problems.map((pr) => `${locate(pr.path)}: ${formatPath(pr.path) || '(top level)'}: ${pr.message}`));
  return { name, description, source, partitions, sessions, actions, targets };
}

/** Names must be unique and every reference must point at something declared before use. */
function checkReferences(c: Checker, sessions: ScenarioSession[], actions: ScenarioAction[], targets: ScenarioTarget[], partitionIds: Set<string>): void {
  const sessionNames = new Map<string, ScenarioSession>();
  const resultSession = new Map<string, string>();
  const taskNames = new Set<string>();
  const declare = (name: string, session: string, path: Path): void => {
    if (resultSession.has(name)) c.fail(path, `result "${name}" is declared twice (result names are unique in a scenario)`);
    else resultSession.set(name, session);
  };
  const checkTasks = (list: ScenarioTask[], session: ScenarioSession, path: Path): void => {
    const allowed = session.partitions.length > 0 ? session.partitions : ['default'];
    list.forEach((t, i) => {
      if (taskNames.has(t.name)) c.fail([...path, i, 'name'], `task "${t.name}" is declared twice`);
      taskNames.add(t.name);
      t.outputs.forEach((o, j) => {
        if (!resultSession.has(o)) declare(o, session.name, [...path, i, 'outputs', j]);
        else if (resultSession.get(o) !== session.name) c.fail([...path, i, 'outputs', j], `result "${o}" belongs to session "${resultSession.get(o)}"`);
      });
      const partition = t.options?.partitionId ?? session.options.partitionId;
      if (partition && !allowed.includes(partition)) {
        c.fail([...path, i, 'options', 'partitionId'], `partition "${partition}" is not one of session "${session.name}"'s partitions (${allowed.join(', ')})`);
      }
      if (partition && !partitionIds.has(partition)) c.fail([...path, i, 'options', 'partitionId'], `unknown partition "${partition}"`);
    });
  };
  const checkInputs = (list: ScenarioTask[], session: ScenarioSession, path: Path): void => {
    list.forEach((t, i) =>
      t.inputs.forEach((name, j) => {
        const owner = resultSession.get(name);
        if (owner === undefined) c.fail([...path, i, 'inputs', j], `unknown result "${name}"`);
        else if (owner !== session.name) c.fail([...path, i, 'inputs', j], `result "${name}" belongs to session "${owner}"; inputs must be in the same session`);
      }),
    );
  };

  sessions.forEach((s, i) => {
    if (sessionNames.has(s.name)) c.fail(['sessions', i, 'name'], `session "${s.name}" is declared twice`);
    sessionNames.set(s.name, s);
    s.results.forEach((r, j) => declare(r.name, s.name, ['sessions', i, 'results', j, 'name']));
  });
  sessions.forEach((s, i) => checkTasks(s.tasks, s, ['sessions', i, 'tasks']));
  sessions.forEach((s, i) => checkInputs(s.tasks, s, ['sessions', i, 'tasks']));
  const declaredTargets = new Set(resultSession.keys());

  [...actions.entries()]
    .sort((a, b) => a[1].at - b[1].at)
    .forEach(([i, a]) => {
      const p = ['actions', i];
      const session = a.session === undefined ? undefined : sessionNames.get(a.session);
      const needsSession = a.do.endsWith('-session') || a.do === 'submit';
      if (a.session !== undefined && !session) c.fail([...p, 'session'], `unknown session "${a.session}"`);
      else if (needsSession && !session) {
        if (sessions.length === 1) a.session = sessions[0]!.name;
        else c.fail([...p, 'session'], `is required for "${a.do}" when there are several sessions`);
      }
      const target = a.session === undefined ? undefined : sessionNames.get(a.session);
      if (a.do === 'set-workers') {
        if (a.partition === undefined) c.fail([...p, 'partition'], 'is required for set-workers');
        else if (!partitionIds.has(a.partition)) c.fail([...p, 'partition'], `unknown partition "${a.partition}"`);
        if (a.workers === undefined) c.fail([...p, 'workers'], 'is required for set-workers');
      }
      if (a.do === 'cancel-tasks') {
        if (!a.tasks || a.tasks.length === 0) c.fail([...p, 'tasks'], 'cancel-tasks needs a list of task names');
        a.tasks?.forEach((t, j) => {
          if (!taskNames.has(t)) c.fail([...p, 'tasks', j], `unknown task "${t}"`);
        });
      }
      if (a.do === 'upload') {
        if (a.result === undefined) c.fail([...p, 'result'], 'is required for upload');
        else if (!resultSession.has(a.result)) c.fail([...p, 'result'], `unknown result "${a.result}"`);
        else a.session ??= resultSession.get(a.result);
      }
      if (a.do === 'submit' && a.submit && target) {
        a.submit.results.forEach((r, j) => declare(r.name, target.name, [...p, 'results', j, 'name']));
        checkTasks(a.submit.tasks, target, [...p, 'tasks']);
        checkInputs(a.submit.tasks, target, [...p, 'tasks']);
      }
    });

  targets.forEach((t, i) => {
    if (!declaredTargets.has(t.result)) {
      c.fail(['targets', i, 'result'], `unknown result "${t.result}"${resultSession.has(t.result) ? ' (targets must be declared in sessions, not by later actions)' : ''}`);
    }
  });
}
