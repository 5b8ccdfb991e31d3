// The small informational services: Versions, HealthChecksService and Authentication.

import type { AuthenticationHandlers, HealthChecksServiceHandlers, VersionsHandlers } from '../../../armonik/wire/types';
import { unary } from '../unary-handler';

/**
 * Core and API versions we answer with. The simulator serves the API of release 3.29.0 with the
 * semantics of Core 0.40.1 (reference §11). The `+sim` build-metadata suffix makes the simulator
 * recognisable to people and to our own tools, while semver-aware clients ignore build metadata
 * when comparing versions, so it cannot change what a real client decides.
 */
export const SIMULATED_CORE_VERSION = '0.40.1+sim';
export const SIMULATED_API_VERSION = '3.29.0';

export function versionsService(): VersionsHandlers {
  return {
    ListVersions: unary(() => ({ core: SIMULATED_CORE_VERSION, api: SIMULATED_API_VERSION })),
  };
}

/** Core reports its three dependencies (reference §9); the simulated ones are always fine. */
export function healthChecksService(): HealthChecksServiceHandlers {
  return {
    CheckHealth: unary(() => ({
      services: ['database', 'object', 'queue'].map((name) => ({
        name,
        message: `simulated ${name} is healthy`,
        healthy: 'HEALTH_STATUS_ENUM_HEALTHY' as const,
      })),
    })),
  };
}

/** Permissions are `<Service>:<Method>` (reference §14); with authentication off (ArmoniK's
 * default) every caller may call everything. */
const PERMISSIONS: Record<string, string[]> = {
  Sessions: ['ListSessions', 'GetSession', 'CancelSession', 'CreateSession', 'PauseSession', 'ResumeSession', 'CloseSession', 'PurgeSession', 'DeleteSession', 'StopSubmission'],
  Tasks: ['ListTasks', 'ListTasksDetailed', 'GetTask', 'CancelTasks', 'GetResultIds', 'CountTasksByStatus', 'SubmitTasks'],
  Results: [
    'ListResults',
    'GetResult',
    'GetOwnerTaskId',
    'CreateResultsMetaData',
    'CreateResults',
    'UploadResultData',
    'DownloadResultData',
    'DeleteResultsData',
    'ImportResultsData',
    'GetServiceConfiguration',
    'WatchResults',
  ],
  Events: ['GetEvents'],
  Partitions: ['ListPartitions', 'GetPartition'],
  Applications: ['ListApplications'],
  Versions: ['ListVersions'],
  HealthChecks: ['CheckHealth'],
  Authentication: ['GetCurrentUser'],
};

export const ANONYMOUS_USER = {
  username: 'Anonymous',
  roles: [] as string[],
  permissions: Object.entries(PERMISSIONS).flatMap(([service, methods]) => methods.map((m) => `${service}:${m}`)),
};

export function authenticationService(): AuthenticationHandlers {
  return {
    GetCurrentUser: unary(() => ({ user: ANONYMOUS_USER })),
  };
}
