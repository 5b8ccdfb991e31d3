// A cheap token that changes whenever engine state may have changed: the engine's own counters
// (transitions, task and result counts, and outside changes such as scenario actions, which may
// move no task at all) plus the mutating RPCs this server handled. Listing caches compare
// it to decide whether a cached listing is still exact.

import type { SimulatorEngine } from '../engine/types';

export class StateVersion {
  private local = 0;

  constructor(private readonly engine: Pick<SimulatorEngine, 'stats'>) {}

  /** Call after any mutating RPC. */
  bump(): void {
    this.local++;
  }

  current(): string {
    const s = this.engine.stats();
    return `${s.transitions}:${s.tasks}:${s.results}:${s.mutations}:${this.local}`;
  }
}
