// Assembles the simulator's gRPC server: every service of our protos over one engine, bound to
// one address. Used by the simulator facade (src/simulator/simulator.ts); nothing else should
// need to know about grpc-js servers.

import { Server, type ServerCredentials } from '@grpc/grpc-js';
import { serviceDefinitions } from '../../armonik/wire/load';
import type { SimulatorEngine } from '../engine/types';
import { EventHub } from './events/event-hub';
import { OpenStreams } from './events/open-streams';
import { ListingCache, type ListingCacheOptions } from './listing/listing-cache';
import { Lister } from './listing/lister';
import type { ServiceContext } from './service-context';
import { applicationsService } from './services/applications-service';
import { eventsService } from './services/events-service';
import { authenticationService, healthChecksService, versionsService } from './services/info-services';
import { partitionsService } from './services/partitions-service';
import { resultsService } from './services/results-service';
import { sessionsService } from './services/sessions-service';
import { tasksService } from './services/tasks-service';
import { StateVersion } from './state-version';
import { acceptPreEncoded } from './wire/pre-encoded';

/** Core's default `data_chunk_max_size` (Submitter.PreferredMessageSize, reference §11.9). */
export const DEFAULT_DATA_CHUNK_MAX_SIZE = 2 * 1024 * 1024;
/** grpc-js' default receive limit, which also fits the largest requests Core accepts. */
const MIN_RECEIVE_LIMIT = 4 * 1024 * 1024;

export const DEFAULT_LISTING_CACHE: ListingCacheOptions = { minRows: 2000, maxEntries: 16, continuationTtlMs: 10_000 };

export interface SimulatorServerOptions {
  dataChunkMaxSize?: number;
  listingCache?: Partial<ListingCacheOptions>;
  /** Serve no Events service, like a control plane deployed without it: clients get
   * UNIMPLEMENTED on GetEvents and must fall back to polling. */
  withoutEvents?: boolean;
}

export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`Port ${port} on ${host} is already in use (another simulator or an ArmoniK port-forward?). Choose another port with --port <n>, or --port 0 for any free port.`);
  }
}

export class SimulatorServer {
  readonly context: ServiceContext;
  private readonly server: Server;
  private shuttingDown: Promise<void> | undefined;

  constructor(engine: SimulatorEngine, options: SimulatorServerOptions = {}) {
    const dataChunkMaxSize = options.dataChunkMaxSize ?? DEFAULT_DATA_CHUNK_MAX_SIZE;
    if (!(Number.isInteger(dataChunkMaxSize) && dataChunkMaxSize > 0)) {
      throw new RangeError(`dataChunkMaxSize must be a positive integer number of bytes, got ${dataChunkMaxSize}`);
    }
    const version = new StateVersion(engine);
    this.context = {
      engine,
      version,
      lister: new Lister(new ListingCache({ ...DEFAULT_LISTING_CACHE, ...options.listingCache }), () => version.current()),
      hub: new EventHub(engine),
      streams: new OpenStreams(),
      dataChunkMaxSize,
    };
    this.server = new Server({
      // A data chunk plus its framing must fit in one message.
      'grpc.max_receive_message_length': Math.max(MIN_RECEIVE_LIMIT, dataChunkMaxSize + 64 * 1024),
    });
    const defs = serviceDefinitions();
    const ctx = this.context;
    this.server.addService(defs.sessions, sessionsService(ctx));
    this.server.addService(acceptPreEncoded(defs.tasks, ['ListTasks', 'ListTasksDetailed']), tasksService(ctx));
    this.server.addService(acceptPreEncoded(defs.results, ['ListResults']), resultsService(ctx));
    if (!options.withoutEvents) this.server.addService(defs.events, eventsService(ctx));
    this.server.addService(defs.partitions, partitionsService(ctx));
    this.server.addService(defs.applications, applicationsService(ctx));
    this.server.addService(defs.versions, versionsService());
    this.server.addService(defs.healthChecks, healthChecksService());
    this.server.addService(defs.auth, authenticationService());
  }

  /** Binds and starts serving; resolves to the bound port (useful with port 0). */
  listen(host: string, port: number, credentials: ServerCredentials): Promise<number> {
    const address = host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
    return new Promise((resolve, reject) => {
      this.server.bindAsync(address, credentials, (error, boundPort) => {
        if (error) {
          if (/EADDRINUSE|address already in use/i.test(error.message)) reject(new PortInUseError(host, port));
          else reject(new Error(`Cannot listen on ${address}: ${error.message}`));
          return;
        }
        resolve(boundPort);
      });
    });
  }

  /** Ends open event streams (UNAVAILABLE, so clients resubscribe elsewhere), lets in-flight
   * unary calls finish for a moment, then closes every connection. */
  shutdown(graceMs = 1000): Promise<void> {
    this.shuttingDown ??= new Promise<void>((resolve) => {
      this.context.streams.closeAll();
      const timer = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, graceMs);
      timer.unref();
      this.server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    return this.shuttingDown;
  }
}
