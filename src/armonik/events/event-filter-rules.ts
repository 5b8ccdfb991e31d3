// Which filter fields an event subscription may use. Core's EventSubscriptionRequestValidator
// (reference §10) accepts, in results_filters, OWNER_TASK_ID, SESSION_ID, NAME and RESULT_ID, and
// in tasks_filters TASK_ID, SESSION_ID, PAYLOAD_ID, OWNER_POD_ID, INITIAL_TASK_ID, POD_HOSTNAME and
// any task-option field. Status, date, duration and error fields are rejected by the server; we
// reject them before opening the stream, with a message that says what to do instead.

import type { ResultWhere, TaskWhere } from '../api';
import { ArmoniKError } from '../errors';

const TASK_FIELDS_ALLOWED: ReadonlySet<keyof TaskWhere> = new Set<keyof TaskWhere>([
  'id',
  'sessionId',
  'payloadId',
  'ownerPodId',
  'initialTaskId',
  'podHostname',
  'partitionId',
  'applicationName',
  'priority',
  'maxRetries',
  'options',
]);

const RESULT_FIELDS_ALLOWED: ReadonlySet<keyof ResultWhere> = new Set<keyof ResultWhere>(['id', 'sessionId', 'name', 'nameContains', 'ownerTaskId']);

function check<W extends object>(where: W | readonly W[] | undefined, allowed: ReadonlySet<keyof W>, entity: string): void {
  if (where === undefined) return;
  const clauses: readonly W[] = Array.isArray(where) ? where : [where as W];
  for (const clause of clauses) {
    for (const [key, value] of Object.entries(clause)) {
      if (value === undefined) continue;
      if (!allowed.has(key as keyof W)) {
        throw new ArmoniKError(
          'invalid-argument',
          `event subscriptions cannot filter ${entity}s on '${key}': ArmoniK only accepts ${[...allowed].join(', ')} there — filter on IDs and check statuses on the events you receive`,
        );
      }
    }
  }
}

export function checkEventTaskFilter(where: TaskWhere | readonly TaskWhere[] | undefined): void {
  check(where, TASK_FIELDS_ALLOWED, 'task');
}

export function checkEventResultFilter(where: ResultWhere | readonly ResultWhere[] | undefined): void {
  check(where, RESULT_FIELDS_ALLOWED, 'result');
}
