// A scenario: partitions with workers, sessions with the graph to submit, timed actions, and the
// results worth tracing. Scenario files (YAML or JSON) and built-in scenarios share this shape
// after validation. Durations are milliseconds here; files may write "5s", "2m", …

import type { SimulatorEngine, TaskOptionsInput } from '../engine/types';

export interface ScenarioPartition {
  id: string;
  workers: number;
  podMax: number;
  podReserved: number;
  priority: number;
  preemptionPercentage: number;
  parentPartitionIds: string[];
  podConfiguration: Record<string, string>;
}

export interface ScenarioResult {
  name: string;
  /** Text data: the client creates the result with it (COMPLETED at once). Absent: metadata
   * only (CREATED until an `upload` action or never). */
  data?: string;
  manualDeletion: boolean;
}

export interface ScenarioTask {
  name: string;
  inputs: string[];
  outputs: string[];
  /** Text of the task's payload (a result created with data). */
  payload?: string;
  /** Raw behaviour object (validated), serialized into options["sim.behaviour"]. */
  behaviour?: unknown;
  /** Per-task options, merged over the session's by Core's rules; priority defaults to the
   * session's (unlike Core, where a present level without priority means 0). */
  options?: TaskOptionsInput;
}

export interface ScenarioSession {
  name: string;
  partitions: string[];
  options: TaskOptionsInput;
  results: ScenarioResult[];
  tasks: ScenarioTask[];
}

export type ScenarioActionKind =
  | 'pause-session'
  | 'resume-session'
  | 'close-session'
  | 'cancel-session'
  | 'purge-session'
  | 'cancel-tasks'
  | 'set-workers'
  | 'submit'
  | 'upload';

export const SCENARIO_ACTIONS: readonly ScenarioActionKind[] = [
  'pause-session',
  'resume-session',
  'close-session',
  'cancel-session',
  'purge-session',
  'cancel-tasks',
  'set-workers',
  'submit',
  'upload',
];

export interface ScenarioAction {
  /** Virtual ms after the scenario was applied. */
  at: number;
  do: ScenarioActionKind;
  session?: string;
  tasks?: string[];
  partition?: string;
  workers?: number;
  /** For `submit`: tasks to submit (their outputs are created then) and extra results. */
  submit?: { tasks: ScenarioTask[]; results: ScenarioResult[] };
  /** For `upload`: the result and its text. */
  result?: string;
  data?: string;
}

export interface ScenarioTarget {
  result: string;
  description: string;
}

/** What a built-in scenario's code can do beyond the declarative part (e.g. bulk history). */
export interface ScenarioBuildContext {
  engine: SimulatorEngine;
  sessions: Map<string, string>;
  results: Map<string, string>;
  tasks: Map<string, string>;
  addTarget(target: { name: string; resultId: string; sessionId: string; description: string }): void;
}

export interface Scenario {
  name: string;
  description: string;
  /** File path or `builtin:<name>`, for messages. */
  source: string;
  partitions: ScenarioPartition[];
  sessions: ScenarioSession[];
  actions: ScenarioAction[];
  targets: ScenarioTarget[];
  build?: (context: ScenarioBuildContext) => void;
}

export interface AppliedTarget {
  name: string;
  resultId: string;
  sessionId: string;
  description: string;
}

export interface AppliedScenario {
  name: string;
  description: string;
  /** Symbolic session name → session ID. */
  sessions: Map<string, string>;
  /** Symbolic result name → result ID (results of later `submit` actions appear when they run). */
  results: Map<string, string>;
  /** Symbolic task name → task ID. */
  tasks: Map<string, string>;
  targets: AppliedTarget[];
  /** Messages of timed actions that failed (e.g. pausing a session that was cancelled). */
  actionErrors: string[];
}
