// Public surface of the simulator engine.
export { createEngine } from './engine';
export * from './types';
export { BEHAVIOUR_OPTION_KEY, parseBehaviour, parseBehaviourJson, BehaviourError, type Behaviour } from './behaviour';
export { parseDurationMs, formatDurationMs } from './duration-text';
