// The small read-only services that describe the platform rather than the work: applications,
// versions, health checks and the current user. Each is a flat copy; the module exists so that
// no code outside src/armonik/wire handles their wire shapes.

import type { Application, ServiceHealth, User, Versions } from '../model';
import { healthStatusFromWire } from './status-codec';
import type { WireApplicationRaw, WireCheckHealthResponseServiceHealth, WireListVersionsResponse, WireUser } from './types';

export function applicationFromWire(wire: WireApplicationRaw): Application {
  return { name: wire.name, version: wire.version, namespace: wire.namespace, service: wire.service };
}

export function versionsFromWire(wire: WireListVersionsResponse): Versions {
  return { core: wire.core, api: wire.api };
}

export function serviceHealthFromWire(wire: WireCheckHealthResponseServiceHealth): ServiceHealth {
  return { name: wire.name, message: wire.message, healthy: healthStatusFromWire(wire.healthy) };
}

/** An absent user (an anonymous control plane) reads as an empty one. */
export function userFromWire(wire: WireUser | null | undefined): User {
  return { username: wire?.username ?? '', roles: [...(wire?.roles ?? [])], permissions: [...(wire?.permissions ?? [])] };
}
