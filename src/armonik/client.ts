// The gRPC implementation of ArmoniKClient. `createClient` validates the endpoint (and loads TLS
// material) synchronously, so configuration mistakes surface at once; the connection itself is
// opened lazily by grpc-js on the first call, which keeps creating a client cheap (the extension
// creates it during activation).

import type { ArmoniKClient, CallOptions, ClientStats } from './api';
import { resolveClientOptions, type ClientOptions } from './client-options';
import { parseEndpoint, type EndpointConfig } from './endpoint';
import { EventsService } from './events/events-service';
import type { Application, ServiceHealth, User, Versions } from './model';
import { RpcChannel } from './rpc-channel';
import { PartitionsService } from './services/partitions-service';
import { PlatformService } from './services/platform-service';
import { ResultsService } from './services/results-service';
import { SessionsService } from './services/sessions-service';
import { TasksService } from './services/tasks-service';
import { serviceDefinitions } from './wire/load';

export type { ClientOptions } from './client-options';
export type { EndpointConfig } from './endpoint';
export { describeEndpoint, parseEndpoint } from './endpoint';

class GrpcArmoniKClient implements ArmoniKClient {
  readonly endpoint: string;
  readonly sessions: SessionsService;
  readonly tasks: TasksService;
  readonly results: ResultsService;
  readonly events: EventsService;
  readonly partitions: PartitionsService;
  private readonly platform: PlatformService;

  constructor(private readonly rpc: RpcChannel) {
    const defs = serviceDefinitions();
    this.endpoint = rpc.endpoint.url;
    this.sessions = new SessionsService(rpc, defs.sessions);
    this.tasks = new TasksService(rpc, defs.tasks);
    this.results = new ResultsService(rpc, defs.results);
    this.events = new EventsService(rpc, defs.events);
    this.partitions = new PartitionsService(rpc, defs.partitions);
    this.platform = new PlatformService(rpc, defs);
  }

  get stats(): ClientStats {
    return this.rpc.stats;
  }

  /** Warnings about the configuration (e.g. TLS files ignored for an http:// endpoint). */
  get warnings(): readonly string[] {
    return this.rpc.endpoint.warnings;
  }

  applications(opts?: CallOptions): Promise<Application[]> {
    return this.platform.applications(opts);
  }
  versions(opts?: CallOptions): Promise<Versions> {
    return this.platform.versions(opts);
  }
  health(opts?: CallOptions): Promise<ServiceHealth[]> {
    return this.platform.health(opts);
  }
  currentUser(opts?: CallOptions): Promise<User> {
    return this.platform.currentUser(opts);
  }

  close(): void {
    this.rpc.close();
  }
}

/** An ArmoniKClient that also reports configuration warnings. */
export interface GrpcClient extends ArmoniKClient {
  readonly warnings: readonly string[];
}

/**
 * Creates a client for one endpoint. Throws ArmoniKError 'configuration' when the endpoint string
 * or the TLS files are wrong; never connects by itself (the first call does).
 */
export function createClient(endpoint: string | EndpointConfig, options?: ClientOptions): GrpcClient {
  const resolved = parseEndpoint(endpoint);
  return new GrpcArmoniKClient(new RpcChannel(resolved, resolveClientOptions(options)));
}
