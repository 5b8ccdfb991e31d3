// Enum names between the wire (`TASK_STATUS_COMPLETED`, as proto-loader's `enums: String` gives
// them) and the model (`COMPLETED`). A value our protos do not know (a newer control plane) comes
// from protobufjs as a bare number; it reads as UNSPECIFIED rather than crashing a listing.

import {
  EVENT_KINDS,
  HEALTH_STATUSES,
  RESULT_STATUSES,
  SESSION_STATUSES,
  TASK_STATUSES,
  type EventKind,
  type HealthStatus,
  type ResultStatus,
  type SessionStatus,
  type TaskStatus,
} from '../model';
import type {
  WireEventsEnum,
  WireHealthStatusEnum,
  WireResultStatus,
  WireSessionStatus,
  WireSortDirection,
  WireTaskStatus,
} from './types';

function fromWire<T extends string>(value: unknown, prefix: string, names: readonly T[]): T | 'UNSPECIFIED' {
  if (typeof value === 'string' && value.startsWith(prefix)) {
    const name = value.slice(prefix.length);
    if ((names as readonly string[]).includes(name)) return name as T;
  }
  return 'UNSPECIFIED';
}

export function taskStatusFromWire(value: WireTaskStatus | number): TaskStatus {
  return fromWire(value, 'TASK_STATUS_', TASK_STATUSES);
}
export function taskStatusToWire(status: TaskStatus): WireTaskStatus {
  return `TASK_STATUS_${status}`;
}

export function resultStatusFromWire(value: WireResultStatus | number): ResultStatus {
  return fromWire(value, 'RESULT_STATUS_', RESULT_STATUSES);
}
export function resultStatusToWire(status: ResultStatus): WireResultStatus {
  return `RESULT_STATUS_${status}`;
}

export function sessionStatusFromWire(value: WireSessionStatus | number): SessionStatus {
  return fromWire(value, 'SESSION_STATUS_', SESSION_STATUSES);
}
export function sessionStatusToWire(status: SessionStatus): WireSessionStatus {
  return `SESSION_STATUS_${status}`;
}

export function healthStatusFromWire(value: WireHealthStatusEnum | number): HealthStatus {
  return fromWire(value, 'HEALTH_STATUS_ENUM_', HEALTH_STATUSES);
}
export function healthStatusToWire(status: HealthStatus): WireHealthStatusEnum {
  return `HEALTH_STATUS_ENUM_${status}`;
}

const EVENT_KIND_WIRE: Record<EventKind, WireEventsEnum> = {
  newTask: 'EVENTS_ENUM_NEW_TASK',
  taskStatusUpdate: 'EVENTS_ENUM_TASK_STATUS_UPDATE',
  newResult: 'EVENTS_ENUM_NEW_RESULT',
  resultStatusUpdate: 'EVENTS_ENUM_RESULT_STATUS_UPDATE',
  resultOwnerUpdate: 'EVENTS_ENUM_RESULT_OWNER_UPDATE',
};

export function eventKindToWire(kind: EventKind): WireEventsEnum {
  return EVENT_KIND_WIRE[kind];
}
/** `undefined` for UNSPECIFIED or an unknown value. */
export function eventKindFromWire(value: WireEventsEnum | number): EventKind | undefined {
  return EVENT_KINDS.find((kind) => EVENT_KIND_WIRE[kind] === value);
}

export function sortDirectionToWire(direction: 'asc' | 'desc'): WireSortDirection {
  return direction === 'asc' ? 'SORT_DIRECTION_ASC' : 'SORT_DIRECTION_DESC';
}

// The hand-written codecs (proto-reader.ts, proto-writer.ts) meet enums as their numbers. Task
// statuses are numbered in the order of TASK_STATUSES (task_status.proto); result statuses too,
// except NOTFOUND, which is 127 (result_status.proto). A test checks both against the protos.
const RESULT_NOTFOUND_NUMBER = 127;

export const TASK_STATUS_NUMBER: Readonly<Record<TaskStatus, number>> = Object.fromEntries(TASK_STATUSES.map((status, i) => [status, i])) as Record<TaskStatus, number>;
export const RESULT_STATUS_NUMBER: Readonly<Record<ResultStatus, number>> = Object.fromEntries(
  RESULT_STATUSES.map((status, i) => [status, status === 'NOTFOUND' ? RESULT_NOTFOUND_NUMBER : i]),
) as Record<ResultStatus, number>;

/** A number our protos do not know (a newer control plane) reads as UNSPECIFIED, as above. */
export function taskStatusFromNumber(value: number): TaskStatus {
  return TASK_STATUSES[value] ?? 'UNSPECIFIED';
}

const RESULT_STATUS_BY_NUMBER = new Map(RESULT_STATUSES.map((status) => [RESULT_STATUS_NUMBER[status], status]));

export function resultStatusFromNumber(value: number): ResultStatus {
  return RESULT_STATUS_BY_NUMBER.get(value) ?? 'UNSPECIFIED';
}
