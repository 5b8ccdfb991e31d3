// Raw grpc-js clients for the simulator's integration tests, plus small builders for the wire
// shapes the tests send (filters, sorts, list requests). The typed ArmoniK client is tested
// against the simulator separately; these tests look at the wire behaviour itself.

import * as grpc from '@grpc/grpc-js';
import assert from 'node:assert/strict';
import { clientConstructors } from '../../../src/armonik/wire/load';
import type {
  ApplicationsClient,
  AuthenticationClient,
  EventsClient,
  HealthChecksServiceClient,
  PartitionsClient,
  ResultsClient,
  SessionsClient,
  TasksClient,
  VersionsClient,
} from '../../../src/armonik/wire/types';

export interface RawClients {
  sessions: SessionsClient;
  tasks: TasksClient;
  results: ResultsClient;
  events: EventsClient;
  partitions: PartitionsClient;
  applications: ApplicationsClient;
  versions: VersionsClient;
  healthChecks: HealthChecksServiceClient;
  auth: AuthenticationClient;
  close(): void;
}

/** `endpoint` is `http://host:port` as the simulator reports it. */
export function rawClients(endpoint: string, credentials = grpc.credentials.createInsecure(), options: grpc.ClientOptions = {}): RawClients {
  const address = endpoint.replace(/^https?:\/\//, '');
  const c = clientConstructors();
  const clients = {
    sessions: new c.sessions(address, credentials, options),
    tasks: new c.tasks(address, credentials, options),
    results: new c.results(address, credentials, options),
    events: new c.events(address, credentials, options),
    partitions: new c.partitions(address, credentials, options),
    applications: new c.applications(address, credentials, options),
    versions: new c.versions(address, credentials, options),
    healthChecks: new c.healthChecks(address, credentials, options),
    auth: new c.auth(address, credentials, options),
  };
  return { ...clients, close: () => Object.values(clients).forEach((client) => client.close()) };
}

/** Promisifies a unary method: `rpc(clients.tasks, 'GetTask', { taskId })`. */
export function rpc<C extends grpc.Client, M extends keyof C & string>(
  client: C,
  method: M,
  request: C[M] extends (arg: infer Req, cb: grpc.requestCallback<infer _Res>) => unknown ? Req : never,
): Promise<C[M] extends (arg: never, cb: grpc.requestCallback<infer Res>) => unknown ? Res : never> {
  return new Promise((resolve, reject) => {
    const fn = client[method] as unknown as (arg: unknown, cb: grpc.requestCallback<unknown>) => unknown;
    fn.call(client, request, (error: grpc.ServiceError | null, response: unknown) => {
      if (error) reject(error);
      else resolve(response as never);
    });
  });
}

/** Asserts that `promise` fails with `code`, and that the message matches `message` if given. */
export async function rejectsWith(promise: Promise<unknown>, code: grpc.status, message?: RegExp): Promise<grpc.ServiceError> {
  try {
    await promise;
  } catch (error) {
    const e = error as grpc.ServiceError;
    assert.equal(e.code, code, `expected status ${grpc.status[code]}, got ${grpc.status[e.code]}: ${e.details}`);
    if (message) assert.match(e.details, message);
    return e;
  }
  assert.fail(`expected the call to fail with ${grpc.status[code]}, but it succeeded`);
}

// ---- wire builders -------------------------------------------------------------------------

export const taskField = (name: string) => ({ taskSummaryField: { field: `TASK_SUMMARY_ENUM_FIELD_${name}` } }) as const;
export const taskOptionField = (name: string) => ({ taskOptionField: { field: `TASK_OPTION_ENUM_FIELD_${name}` } }) as const;
export const taskGenericField = (key: string) => ({ taskOptionGenericField: { field: key } }) as const;
export const resultField = (name: string) => ({ resultRawField: { field: `RESULT_RAW_ENUM_FIELD_${name}` } }) as const;
export const sessionField = (name: string) => ({ sessionRawField: { field: `SESSION_RAW_ENUM_FIELD_${name}` } }) as const;
export const sessionOptionField = (name: string) => ({ taskOptionField: { field: `TASK_OPTION_ENUM_FIELD_${name}` } }) as const;
export const partitionField = (name: string) => ({ partitionRawField: { field: `PARTITION_RAW_ENUM_FIELD_${name}` } }) as const;
export const applicationField = (name: string) => ({ applicationField: { field: `APPLICATION_RAW_ENUM_FIELD_${name}` } }) as const;

export const str = (op: string, value: string) => ({ filterString: { operator: `FILTER_STRING_OPERATOR_${op}`, value } });
export const num = (op: string, value: number) => ({ filterNumber: { operator: `FILTER_NUMBER_OPERATOR_${op}`, value } });
export const bool = (value: boolean) => ({ filterBoolean: { operator: 'FILTER_BOOLEAN_OPERATOR_IS', value } });
export const arr = (op: string, value: string) => ({ filterArray: { operator: `FILTER_ARRAY_OPERATOR_${op}`, value } });
export const date = (op: string, ms: number | undefined) => ({
  filterDate: { operator: `FILTER_DATE_OPERATOR_${op}`, value: ms === undefined ? null : { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 } },
});
export const dur = (op: string, ms: number | undefined) => ({
  filterDuration: { operator: `FILTER_DURATION_OPERATOR_${op}`, value: ms === undefined ? null : { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 } },
});
export const taskStatus = (op: string, value: string) => ({ filterStatus: { operator: `FILTER_STATUS_OPERATOR_${op}`, value: `TASK_STATUS_${value}` } });
export const resultStatus = (op: string, value: string) => ({ filterStatus: { operator: `FILTER_STATUS_OPERATOR_${op}`, value: `RESULT_STATUS_${value}` } });
export const sessionStatus = (op: string, value: string) => ({ filterStatus: { operator: `FILTER_STATUS_OPERATOR_${op}`, value: `SESSION_STATUS_${value}` } });

/** One condition: a field selector plus a condition builder's output. */
export const cond = <F, C>(field: F, condition: C) => ({ field, ...condition });
/**
 * OR of ANDs: `or([a, b], [c])` is (a AND b) OR c. Typed `never` on purpose: one builder serves
 * every entity's `Filters` (their oneof layouts differ) and tests also send deliberately
 * malformed filters, so the server, not the compiler, is what checks these shapes.
 */
export const or = (...branches: object[][]): never => ({ or: branches.map((and) => ({ and })) }) as never;

export function listRequest<F, Fl>(filters: Fl, sortField: F, options: { direction?: 'ASC' | 'DESC'; page?: number; pageSize?: number } = {}) {
  return {
    page: options.page ?? 0,
    pageSize: options.pageSize ?? 100,
    filters,
    sort: { field: sortField, direction: `SORT_DIRECTION_${options.direction ?? 'ASC'}` as const },
  };
}

/** Reads a server stream to its end (or error). */
export function readAll<T>(stream: grpc.ClientReadableStream<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    stream.on('data', (item: T) => items.push(item));
    stream.on('error', reject);
    stream.on('end', () => resolve(items));
  });
}
