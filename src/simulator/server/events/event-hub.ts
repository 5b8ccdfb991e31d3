// Fans engine events out to the GetEvents streams of each session. The hub listens to the
// engine only while at least one stream is open, because the engine builds event objects only
// when someone listens (and a million-task scenario should not pay for that otherwise).

import type { ArmoniKEvent } from '../../../armonik/model';
import type { SimulatorEngine } from '../../engine/types';

export type SessionEventListener = (event: ArmoniKEvent) => void;

export class EventHub {
  private readonly bySession = new Map<string, Set<SessionEventListener>>();
  private detach: (() => void) | undefined;
  private listeners = 0;

  constructor(private readonly engine: Pick<SimulatorEngine, 'onEvent'>) {}

  /** Starts delivering the session's events to `listener`; returns the unsubscribe function. */
  subscribe(sessionId: string, listener: SessionEventListener): () => void {
    let set = this.bySession.get(sessionId);
    if (!set) {
      set = new Set();
      this.bySession.set(sessionId, set);
    }
    set.add(listener);
    this.listeners++;
    if (!this.detach) this.detach = this.engine.onEvent((event) => this.dispatch(event));
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.bySession.get(sessionId);
      if (current?.delete(listener)) {
        this.listeners--;
        if (current.size === 0) this.bySession.delete(sessionId);
      }
      if (this.listeners === 0 && this.detach) {
        this.detach();
        this.detach = undefined;
      }
    };
  }

  get subscriberCount(): number {
    return this.listeners;
  }

  private dispatch(event: ArmoniKEvent): void {
    const set = this.bySession.get(event.sessionId);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch (error) {
        // One broken stream must not stop the engine's work or other streams.
        console.error(`simulator: event listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
