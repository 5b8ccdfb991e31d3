// Public surface of the trace engine for the CLI and the extension.

export { startTrace, DEFAULT_TUNING, type StartTraceOptions, type TraceProgress, type TraceTuning } from './start-trace';
export { diagnose } from './diagnose';
export type { ConeView, NodeRole } from './cone-view';
export type { DiagnosisContext, DiagnosisThresholds, PartitionCapacity } from './analysis/context';
export { formatDuration } from './format-duration';
export * from './types';
