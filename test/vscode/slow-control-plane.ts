// A control plane that is up (its health check answers at once) but slow to answer listings:
// the task, result and session lookups behind a hover wait until the test calls `release()`,
// then answer that nothing matches. It stands for a busy cluster, to check that a hover gives up
// within `armonik.hover.timeoutMs` instead of blocking the editor. Built on the loopback gRPC
// server of the client's transport tests; services it does not implement answer UNIMPLEMENTED.

import type * as grpc from '@grpc/grpc-js';
import { startLoopbackServer, type LoopbackServer } from '../integration/armonik/loopback-server';

export interface SlowControlPlane {
  endpoint: string;
  /** Task and result listings received so far (held or answered): what a hover's lookup sends. */
  readonly lookups: number;
  /** Answers the held listings, and every later one at once. */
  release(): void;
  stop(): Promise<void>;
}

export async function startSlowControlPlane(): Promise<SlowControlPlane> {
  let released = false;
  const held: Array<() => void> = [];
  /** A unary handler answering `empty` once released. */
  const listing =
    (empty: object) =>
    (_call: unknown, callback: grpc.sendUnaryData<object>): void => {
      const answer = () => callback(null, { ...empty, page: 0, pageSize: 0, total: 0 });
      if (released) answer();
      else held.push(answer);
    };
  const server: LoopbackServer = await startLoopbackServer({
    healthChecks: {
      CheckHealth: (_call: unknown, callback: grpc.sendUnaryData<object>) =>
        callback(null, { services: [{ name: 'database', message: '', healthy: 'HEALTH_STATUS_ENUM_HEALTHY' }] }),
    },
    tasks: { ListTasksDetailed: listing({ tasks: [] }), ListTasks: listing({ tasks: [] }) },
    results: { ListResults: listing({ results: [] }) },
    sessions: { ListSessions: listing({ sessions: [] }) },
  });
  return {
    endpoint: server.endpoint,
    get lookups() {
      return (server.calls.get('tasks/ListTasksDetailed') ?? 0) + (server.calls.get('results/ListResults') ?? 0);
    },
    release() {
      released = true;
      for (const answer of held.splice(0)) answer();
    },
    stop: () => server.stop(),
  };
}
