// A small grpc-js server on 127.0.0.1 serving only the handlers a test gives, to exercise the
// client's transport (TLS, deadlines, retries, stream loss) without the simulator. Services a
// test does not implement answer UNIMPLEMENTED, as grpc-js does for unknown methods.

import * as grpc from '@grpc/grpc-js';
import { serviceDefinitions, type ArmoniKServiceKey } from '../../../src/armonik/wire/load';
import type {
  ApplicationsHandlers,
  AuthenticationHandlers,
  EventsHandlers,
  HealthChecksServiceHandlers,
  PartitionsHandlers,
  ResultsHandlers,
  SessionsHandlers,
  TasksHandlers,
  VersionsHandlers,
} from '../../../src/armonik/wire/types';

export interface LoopbackHandlers {
  sessions?: Partial<SessionsHandlers>;
  tasks?: Partial<TasksHandlers>;
  results?: Partial<ResultsHandlers>;
  events?: Partial<EventsHandlers>;
  partitions?: Partial<PartitionsHandlers>;
  applications?: Partial<ApplicationsHandlers>;
  versions?: Partial<VersionsHandlers>;
  healthChecks?: Partial<HealthChecksServiceHandlers>;
  auth?: Partial<AuthenticationHandlers>;
}

export interface LoopbackTls {
  cert: Buffer;
  key: Buffer;
  /** When set, clients must present a certificate signed by this CA. */
  clientCa?: Buffer;
}

export interface LoopbackServer {
  endpoint: string;
  port: number;
  server: grpc.Server;
  /** `Service/Method` → number of calls received. */
  calls: Map<string, number>;
  stop(): Promise<void>;
}

export async function startLoopbackServer(handlers: LoopbackHandlers, options: { tls?: LoopbackTls; port?: number } = {}): Promise<LoopbackServer> {
  const server = new grpc.Server();
  const defs = serviceDefinitions();
  const calls = new Map<string, number>();
  for (const [key, impl] of Object.entries(handlers) as Array<[ArmoniKServiceKey, Record<string, (...args: never[]) => unknown> | undefined]>) {
    if (!impl) continue;
    const counted: grpc.UntypedServiceImplementation = {};
    for (const [method, handler] of Object.entries(impl)) {
      counted[method] = ((...args: never[]) => {
        calls.set(`${key}/${method}`, (calls.get(`${key}/${method}`) ?? 0) + 1);
        return handler(...args);
      }) as grpc.UntypedHandleCall;
    }
    server.addService(defs[key] as grpc.ServiceDefinition, counted);
  }
  const credentials = options.tls
    ? grpc.ServerCredentials.createSsl(options.tls.clientCa ?? null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], options.tls.clientCa !== undefined)
    : grpc.ServerCredentials.createInsecure();
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${options.port ?? 0}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return {
    endpoint: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    server,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.forceShutdown();
        resolve();
      }),
  };
}

/** A port nothing listens on (bound then released). */
export async function deadPort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
