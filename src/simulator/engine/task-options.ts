// Task options as Core merges them (reference §11.4): session defaults, then the request's
// options, then each creation's own. A field left at its proto3 zero value ("" / 0 / absent)
// does not override — except `priority`, which Core always takes from the more specific level
// (`TaskOptions.Merge` copies it unconditionally), so a level that is present and says nothing
// about priority yields 0. Map keys are merged.
//
// Merged options are frozen and interned: a million tasks submitted with the same options share
// one object.

import type { TaskOptions } from '../../armonik/model';
import { SimError, type TaskOptionsInput } from './types';

export const EMPTY_OPTIONS_MAP: Readonly<Record<string, string>> = Object.freeze({});

export function mergeTaskOptions(base: Readonly<TaskOptions>, over: TaskOptionsInput | undefined): TaskOptions {
  if (over === undefined) return base as TaskOptions;
  const overMap = over.options;
  const options = overMap && Object.keys(overMap).length > 0 ? { ...base.options, ...overMap } : base.options;
  return {
    options,
    maxDurationMs: over.maxDurationMs ? over.maxDurationMs : base.maxDurationMs,
    maxRetries: over.maxRetries ? over.maxRetries : base.maxRetries,
    priority: over.priority ?? 0,
    partitionId: over.partitionId ? over.partitionId : base.partitionId,
    applicationName: over.applicationName ? over.applicationName : base.applicationName,
    applicationVersion: over.applicationVersion ? over.applicationVersion : base.applicationVersion,
    applicationNamespace: over.applicationNamespace ? over.applicationNamespace : base.applicationNamespace,
    applicationService: over.applicationService ? over.applicationService : base.applicationService,
    engineType: over.engineType ? over.engineType : base.engineType,
  };
}

/** Fills the fields a CreateSession request left out with their proto3 zero values. */
export function completeTaskOptions(input: TaskOptionsInput): TaskOptions {
  return {
    options: input.options ?? {},
    maxDurationMs: input.maxDurationMs || undefined,
    maxRetries: input.maxRetries ?? 0,
    priority: input.priority ?? 0,
    partitionId: input.partitionId ?? '',
    applicationName: input.applicationName ?? '',
    applicationVersion: input.applicationVersion ?? '',
    applicationNamespace: input.applicationNamespace ?? '',
    applicationService: input.applicationService ?? '',
    engineType: input.engineType ?? '',
  };
}

/** CreateSession's validator (reference §10). */
export function validateSessionDefaults(options: TaskOptions): void {
  const problems: string[] = [];
  if (!(options.maxRetries >= 1)) problems.push(`max_retries must be at least 1 (got ${options.maxRetries})`);
  if (!(options.priority >= 1 && options.priority <= 99)) problems.push(`priority must be between 1 and 99 (got ${options.priority})`);
  if (options.maxDurationMs === undefined) problems.push('max_duration must be set');
  if (problems.length > 0) {
    throw new SimError('invalid-argument', `Invalid default_task_option: ${problems.join('; ')}`);
  }
}

export class OptionsInterner {
  private readonly byKey = new Map<string, Readonly<TaskOptions>>();
  private readonly known = new WeakSet<object>();

  intern(options: TaskOptions): Readonly<TaskOptions> {
    if (this.known.has(options)) return options;
    const keys = Object.keys(options.options).sort();
    let mapKey = '';
    for (const k of keys) mapKey += `${JSON.stringify(k)}:${JSON.stringify(options.options[k])},`;
    const key = `${options.maxDurationMs}|${options.maxRetries}|${options.priority}|${options.partitionId}|${options.applicationName}|${options.applicationVersion}|${options.applicationNamespace}|${options.applicationService}|${options.engineType}|${mapKey}`;
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const frozen = Object.freeze({
      ...options,
      options: keys.length === 0 ? EMPTY_OPTIONS_MAP : Object.freeze({ ...options.options }),
    }) as Readonly<TaskOptions>;
    this.byKey.set(key, frozen);
    this.known.add(frozen);
    return frozen;
  }
}
