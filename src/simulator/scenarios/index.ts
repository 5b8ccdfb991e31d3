// Public surface of the scenarios: loading, validation and applying to an engine.
export { applyScenario } from './scenario-runner';
export { loadScenario, builtinScenario, BUILTIN_SCENARIOS, type ScenarioParams } from './scenario-catalog';
export { parseScenarioText, readScenarioFile } from './scenario-file';
export { ScenarioError, validateScenario } from './scenario-validation';
export type { BuiltinScenario, BuiltinParameter } from './builtin/builtin-scenario';
export type * from './scenario-types';
