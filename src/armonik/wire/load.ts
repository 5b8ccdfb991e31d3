// The single runtime loader for our ArmoniK protos.
//
// Everything that speaks gRPC (client, simulator, tests) goes through here so that
// one set of proto-loader options decides the JS shape of every message. Those
// options must match scripts/gen-wire-types.mjs, or the generated types would lie.
//
// Only `import type` from ./generated: the runtime never depends on generated code,
// so a bundle works even where `npm run gen` has not been run.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { ProtoGrpcType } from './generated/armonik';
import type { ApplicationsDefinition } from './generated/armonik/api/grpc/v1/applications/Applications';
import type { AuthenticationDefinition } from './generated/armonik/api/grpc/v1/auth/Authentication';
import type { EventsDefinition } from './generated/armonik/api/grpc/v1/events/Events';
import type { HealthChecksServiceDefinition } from './generated/armonik/api/grpc/v1/health_checks/HealthChecksService';
import type { PartitionsDefinition } from './generated/armonik/api/grpc/v1/partitions/Partitions';
import type { ResultsDefinition } from './generated/armonik/api/grpc/v1/results/Results';
import type { SessionsDefinition } from './generated/armonik/api/grpc/v1/sessions/Sessions';
import type { TasksDefinition } from './generated/armonik/api/grpc/v1/tasks/Tasks';
import type { VersionsDefinition } from './generated/armonik/api/grpc/v1/versions/Versions';

/** Environment variable that points at a `protos/` folder, bypassing the search. */
export const PROTOS_DIR_ENV = 'ARMONIK_PROTOS_DIR';

/**
 * Message representation used at runtime. camelCase fields, int64 as JS numbers
 * (IDs are strings; counts and sizes stay far below 2^53), enums as their names,
 * defaults and empty lists/objects filled in, and a virtual property naming the
 * set member of each oneof. Keep in sync with scripts/gen-wire-types.mjs.
 */
export const PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  arrays: true,
  objects: true,
  oneofs: true,
} as const satisfies protoLoader.Options;

/** Entry protos, relative to the protos folder; their imports pull in everything else. */
export const SERVICE_PROTO_FILES = [
  'armonik/api/grpc/v1/applications_service.proto',
  'armonik/api/grpc/v1/auth_service.proto',
  'armonik/api/grpc/v1/events_service.proto',
  'armonik/api/grpc/v1/health_checks_service.proto',
  'armonik/api/grpc/v1/partitions_service.proto',
  'armonik/api/grpc/v1/results_service.proto',
  'armonik/api/grpc/v1/sessions_service.proto',
  'armonik/api/grpc/v1/tasks_service.proto',
  'armonik/api/grpc/v1/versions_service.proto',
] as const;

/** Fully-qualified gRPC service names; `/<name>/<Method>` is the method path on the wire. */
export const SERVICE_NAMES = {
  sessions: 'armonik.api.grpc.v1.sessions.Sessions',
  tasks: 'armonik.api.grpc.v1.tasks.Tasks',
  results: 'armonik.api.grpc.v1.results.Results',
  events: 'armonik.api.grpc.v1.events.Events',
  partitions: 'armonik.api.grpc.v1.partitions.Partitions',
  applications: 'armonik.api.grpc.v1.applications.Applications',
  versions: 'armonik.api.grpc.v1.versions.Versions',
  healthChecks: 'armonik.api.grpc.v1.health_checks.HealthChecksService',
  auth: 'armonik.api.grpc.v1.auth.Authentication',
} as const;

export type ArmoniKServiceKey = keyof typeof SERVICE_NAMES;

/** The whole loaded gRPC object tree (`armonik.api.grpc.v1.*` and `google.protobuf.*`). */
export type ArmoniKGrpc = ProtoGrpcType;
/** The `armonik.api.grpc.v1` namespace of {@link ArmoniKGrpc}. */
export type ArmoniKV1 = ProtoGrpcType['armonik']['api']['grpc']['v1'];

/** Service definitions, usable by `server.addService` and `grpc.makeGenericClientConstructor`. */
export interface ArmoniKServiceDefinitions {
  sessions: SessionsDefinition;
  tasks: TasksDefinition;
  results: ResultsDefinition;
  events: EventsDefinition;
  partitions: PartitionsDefinition;
  applications: ApplicationsDefinition;
  versions: VersionsDefinition;
  healthChecks: HealthChecksServiceDefinition;
  auth: AuthenticationDefinition;
}

/** Client classes: `new clients.tasks(address, credentials)` gives a typed `TasksClient`. */
export interface ArmoniKClientConstructors {
  sessions: ArmoniKV1['sessions']['Sessions'];
  tasks: ArmoniKV1['tasks']['Tasks'];
  results: ArmoniKV1['results']['Results'];
  events: ArmoniKV1['events']['Events'];
  partitions: ArmoniKV1['partitions']['Partitions'];
  applications: ArmoniKV1['applications']['Applications'];
  versions: ArmoniKV1['versions']['Versions'];
  healthChecks: ArmoniKV1['health_checks']['HealthChecksService'];
  auth: ArmoniKV1['auth']['Authentication'];
}

// Any service proto works as a marker; tasks is the one every feature needs.
const MARKER = join('armonik', 'api', 'grpc', 'v1', 'tasks_service.proto');

function isProtosDir(dir: string): boolean {
  return existsSync(join(dir, MARKER));
}

function searchUpwards(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'protos');
    if (isProtosDir(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Locates the `protos/` folder: `$ARMONIK_PROTOS_DIR` if set, else the first
 * `protos/` found walking up from this module (src/armonik/wire under tsx, dist/
 * in a bundle), else walking up from the working directory.
 */
export function findProtosDir(): string {
  const override = process.env[PROTOS_DIR_ENV];
  if (override) {
    const dir = resolve(override);
    if (!isProtosDir(dir)) throw new Error(`${PROTOS_DIR_ENV}=${override} does not contain ${MARKER}`);
    return dir;
  }
  // __dirname is undefined if this module is ever bundled as ESM; fall back to cwd then.
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  const found = (here && searchUpwards(here)) ?? searchUpwards(process.cwd());
  if (!found) {
    throw new Error(
      `ArmoniK protos not found (looked for protos/${MARKER} above ${here ?? '?'} and ${process.cwd()}); set ${PROTOS_DIR_ENV}`,
    );
  }
  return found;
}

interface Loaded {
  protosDir: string;
  packageDefinition: protoLoader.PackageDefinition;
  grpcObject: ArmoniKGrpc;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const protosDir = findProtosDir();
  const packageDefinition = protoLoader.loadSync([...SERVICE_PROTO_FILES], {
    ...PROTO_LOADER_OPTIONS,
    includeDirs: [protosDir],
  });
  // The one unchecked cast of the wire layer: grpc-js returns an untyped tree whose
  // shape the generator derived from the same protos with the same options.
  const grpcObject = grpc.loadPackageDefinition(packageDefinition) as unknown as ArmoniKGrpc;
  loaded = { protosDir, packageDefinition, grpcObject };
  return loaded;
}

/** The folder the protos were loaded from (after the first load). */
export function loadedProtosDir(): string {
  return load().protosDir;
}

/** The raw proto-loader package definition (keys are fully-qualified names). */
export function armonikPackageDefinition(): protoLoader.PackageDefinition {
  return load().packageDefinition;
}

/** The typed gRPC object tree, loaded once and cached. */
export function armonikGrpc(): ArmoniKGrpc {
  return load().grpcObject;
}

/** Shortcut for `armonikGrpc().armonik.api.grpc.v1`. */
export function armonikV1(): ArmoniKV1 {
  return armonikGrpc().armonik.api.grpc.v1;
}

/** Client constructors for each in-scope service. */
export function clientConstructors(): ArmoniKClientConstructors {
  const v1 = armonikV1();
  return {
    sessions: v1.sessions.Sessions,
    tasks: v1.tasks.Tasks,
    results: v1.results.Results,
    events: v1.events.Events,
    partitions: v1.partitions.Partitions,
    applications: v1.applications.Applications,
    versions: v1.versions.Versions,
    healthChecks: v1.health_checks.HealthChecksService,
    auth: v1.auth.Authentication,
  };
}

/** Service definitions for each in-scope service (e.g. `server.addService(defs.tasks, handlers)`). */
export function serviceDefinitions(): ArmoniKServiceDefinitions {
  const c = clientConstructors();
  return {
    sessions: c.sessions.service,
    tasks: c.tasks.service,
    results: c.results.service,
    events: c.events.service,
    partitions: c.partitions.service,
    applications: c.applications.service,
    versions: c.versions.service,
    healthChecks: c.healthChecks.service,
    auth: c.auth.service,
  };
}
