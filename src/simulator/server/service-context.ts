// What every service handler needs: the engine, the shared listing machinery, the change token,
// the event hub, and the set of open streams (so that stopping the server can end them).

import type { SimulatorEngine } from '../engine/types';
import type { EventHub } from './events/event-hub';
import type { OpenStreams } from './events/open-streams';
import type { Lister } from './listing/lister';
import type { StateVersion } from './state-version';

export interface ServiceContext {
  readonly engine: SimulatorEngine;
  readonly lister: Lister;
  readonly version: StateVersion;
  readonly hub: EventHub;
  readonly streams: OpenStreams;
  /** `ResultsServiceConfigurationResponse.data_chunk_max_size` and the upload chunk limit. */
  readonly dataChunkMaxSize: number;
}

/** Runs an engine mutation and records that state may have changed. */
export function mutate<T>(ctx: ServiceContext, change: () => T): T {
  try {
    return change();
  } finally {
    ctx.version.bump();
  }
}
