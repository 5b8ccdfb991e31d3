// The shape of a built-in scenario: a name, what it demonstrates, its parameters, and a function
// building the scenario (a raw document validated like a file, plus optional bulk code).

import type { Scenario } from '../scenario-types';

export interface BuiltinParameter {
  description: string;
  default: number;
  min: number;
  max: number;
}

export interface BuiltinScenario {
  name: string;
  /** What it demonstrates (README, `simulator --list`). */
  description: string;
  params: Record<string, BuiltinParameter>;
  create(params: Record<string, number>): Scenario;
}
