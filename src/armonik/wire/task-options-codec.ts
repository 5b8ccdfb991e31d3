// TaskOptions <-> wire `armonik.api.grpc.v1.TaskOptions`, shared by the client and the simulator's
// gRPC layer. proto3 has no presence for scalars, so "not set" and the zero value are the same
// thing on the wire: an empty string, 0, an empty map, or an absent `max_duration`.
//
// Three directions are needed:
//  - full model → wire (sessions' default options, the simulator's replies);
//  - wire → full model (GetTask, ListSessions, …), where an absent message stays `undefined`;
//  - partial model ↔ wire for SubmitTasks/CreateSession overrides, where Core merges session
//    options, request options and per-task options and only non-zero fields override — except
//    `priority`, which is always taken from the more specific options (reference §11.4).

import type { TaskOptions } from '../model';
import { durationToMs, msToDuration } from './time-codec';
import type { WireTaskOptions, WireTaskOptionsInput } from './types';

/** Full model → wire. `maxDurationMs: undefined` leaves `max_duration` absent. */
export function taskOptionsToWire(options: TaskOptions): WireTaskOptions {
  return {
    options: { ...options.options },
    maxDuration: msToDuration(options.maxDurationMs),
    maxRetries: options.maxRetries,
    priority: options.priority,
    partitionId: options.partitionId,
    applicationName: options.applicationName,
    applicationVersion: options.applicationVersion,
    applicationNamespace: options.applicationNamespace,
    applicationService: options.applicationService,
    engineType: options.engineType,
  };
}

/**
 * Partial model → wire, for overrides. `undefined` → null (the whole message absent, so the
 * server applies no override at all); fields missing from the partial are sent as zero values,
 * which Core treats as "not set" (except `priority`: an override message always carries one, so
 * callers that override anything should say which priority they want; it defaults to 0 here).
 */
export function partialTaskOptionsToWire(options: Partial<TaskOptions> | undefined): WireTaskOptions | null {
  if (options === undefined) return null;
  return {
    options: { ...(options.options ?? {}) },
    maxDuration: msToDuration(options.maxDurationMs),
    maxRetries: options.maxRetries ?? 0,
    priority: options.priority ?? 0,
    partitionId: options.partitionId ?? '',
    applicationName: options.applicationName ?? '',
    applicationVersion: options.applicationVersion ?? '',
    applicationNamespace: options.applicationNamespace ?? '',
    applicationService: options.applicationService ?? '',
    engineType: options.engineType ?? '',
  };
}

/** Wire → full model; an absent message → undefined. Missing fields read as proto3 defaults. */
export function taskOptionsFromWire(wire: WireTaskOptions | WireTaskOptionsInput | null | undefined): TaskOptions | undefined {
  if (!wire) return undefined;
  return {
    options: { ...(wire.options ?? {}) },
    maxDurationMs: durationToMs(wire.maxDuration),
    maxRetries: wire.maxRetries ?? 0,
    priority: wire.priority ?? 0,
    partitionId: wire.partitionId ?? '',
    applicationName: wire.applicationName ?? '',
    applicationVersion: wire.applicationVersion ?? '',
    applicationNamespace: wire.applicationNamespace ?? '',
    applicationService: wire.applicationService ?? '',
    engineType: wire.engineType ?? '',
  };
}

/**
 * Wire → the fields that override defaults when Core merges options (reference §11.4): non-empty
 * strings, non-zero numbers, a present `max_duration` and the map entries. `priority` is always
 * included because Core takes it from the more specific options even when it is 0. An absent
 * message → undefined (no override at all).
 */
export function taskOptionsOverridesFromWire(
  wire: WireTaskOptions | WireTaskOptionsInput | null | undefined,
): Partial<TaskOptions> | undefined {
  if (!wire) return undefined;
  const out: Partial<TaskOptions> = { priority: wire.priority ?? 0 };
  const entries = wire.options ?? {};
  if (Object.keys(entries).length > 0) out.options = { ...entries };
  const maxDurationMs = durationToMs(wire.maxDuration);
  if (maxDurationMs !== undefined) out.maxDurationMs = maxDurationMs;
  if (wire.maxRetries) out.maxRetries = wire.maxRetries;
  if (wire.partitionId) out.partitionId = wire.partitionId;
  if (wire.applicationName) out.applicationName = wire.applicationName;
  if (wire.applicationVersion) out.applicationVersion = wire.applicationVersion;
  if (wire.applicationNamespace) out.applicationNamespace = wire.applicationNamespace;
  if (wire.applicationService) out.applicationService = wire.applicationService;
  if (wire.engineType) out.engineType = wire.engineType;
  return out;
}
