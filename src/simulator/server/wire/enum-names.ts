// Wire enums travel as their full proto names (proto-loader `enums: String`), e.g.
// `TASK_STATUS_COMPLETED`; the model and the engine use the short name (`COMPLETED`). A value the
// decoder did not know arrives as a number; those map to undefined so callers can reject them.

import {
  RESULT_STATUSES,
  SESSION_STATUSES,
  TASK_STATUSES,
  type ResultStatus,
  type SessionStatus,
  type TaskStatus,
} from '../../../armonik/model';
import type { WireResultStatus, WireSessionStatus, WireTaskStatus } from '../../../armonik/wire/types';

export const TASK_STATUS_PREFIX = 'TASK_STATUS_';
export const RESULT_STATUS_PREFIX = 'RESULT_STATUS_';
export const SESSION_STATUS_PREFIX = 'SESSION_STATUS_';

export function taskStatusToWire(value: TaskStatus): WireTaskStatus {
  return `${TASK_STATUS_PREFIX}${value}` as WireTaskStatus;
}

export function resultStatusToWire(value: ResultStatus): WireResultStatus {
  return `${RESULT_STATUS_PREFIX}${value}` as WireResultStatus;
}

export function sessionStatusToWire(value: SessionStatus): WireSessionStatus {
  return `${SESSION_STATUS_PREFIX}${value}` as WireSessionStatus;
}

/** Strips `prefix` from a decoded enum name and checks it against the known short names. */
export function shortEnumName<T extends string>(value: unknown, prefix: string, known: readonly T[]): T | undefined {
  if (typeof value !== 'string' || !value.startsWith(prefix)) return undefined;
  const short = value.slice(prefix.length);
  return (known as readonly string[]).includes(short) ? (short as T) : undefined;
}

export function taskStatusFromWire(value: unknown): TaskStatus | undefined {
  return shortEnumName(value, TASK_STATUS_PREFIX, TASK_STATUSES);
}

export function resultStatusFromWire(value: unknown): ResultStatus | undefined {
  return shortEnumName(value, RESULT_STATUS_PREFIX, RESULT_STATUSES);
}

export function sessionStatusFromWire(value: unknown): SessionStatus | undefined {
  return shortEnumName(value, SESSION_STATUS_PREFIX, SESSION_STATUSES);
}

/** Numeric enum value of a status, which is what Core sorts on (statuses are stored as ints). */
export function taskStatusRank(value: TaskStatus): number {
  return TASK_STATUSES.indexOf(value);
}

export function resultStatusRank(value: ResultStatus): number {
  // NOTFOUND is 127 on the wire; it is the last entry, so list order still sorts correctly.
  return RESULT_STATUSES.indexOf(value);
}

export function sessionStatusRank(value: SessionStatus): number {
  return SESSION_STATUSES.indexOf(value);
}
