// Results the user traced recently or chose to watch, per workspace (workspaceState), offered
// first by "ArmoniK: Trace Result".

import type * as vscode from 'vscode';

export interface RememberedResult {
  resultId: string;
  sessionId: string;
  /** Result name or a description (e.g. the simulator target's). */
  label: string;
  endpoint: string;
  at: number;
}

const RECENT_KEY = 'armonik.recentResults';
const WATCHED_KEY = 'armonik.watchedResults';
const MAX_RECENT = 15;

export class RecentResults {
  constructor(private readonly state: vscode.Memento) {}

  recent(): RememberedResult[] {
    return this.read(RECENT_KEY);
  }

  watched(): RememberedResult[] {
    return this.read(WATCHED_KEY);
  }

  isWatched(resultId: string): boolean {
    return this.watched().some((r) => r.resultId === resultId);
  }

  async remember(entry: RememberedResult): Promise<void> {
    const list = [entry, ...this.recent().filter((r) => r.resultId !== entry.resultId)].slice(0, MAX_RECENT);
    await this.state.update(RECENT_KEY, list);
  }

  /** Adds or removes a watched result; returns whether it is watched now. */
  async toggleWatch(entry: RememberedResult): Promise<boolean> {
    const list = this.watched();
    const watched = list.some((r) => r.resultId === entry.resultId);
    await this.state.update(WATCHED_KEY, watched ? list.filter((r) => r.resultId !== entry.resultId) : [entry, ...list]);
    return !watched;
  }

  private read(key: string): RememberedResult[] {
    const raw = this.state.get<unknown>(key);
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (r): r is RememberedResult => !!r && typeof r === 'object' && typeof (r as RememberedResult).resultId === 'string' && typeof (r as RememberedResult).endpoint === 'string',
    );
  }
}
