// Keeps GetEvents subscriptions covering the frontier of a cone, and only it. Core accepts ID
// filters on events (reference §10: results by RESULT_ID, tasks by TASK_ID), so each stream
// watches a bounded list of IDs; IDs joining the frontier get a new small stream (whose replay of
// current state closes the gap since they were read), and the streams are consolidated when most
// of what they watch has left the frontier. A frontier too large for ID lists is watched with one
// session-wide stream of update kinds, filtered on our side.

import type { ArmoniKClient, EventSubscription, EventSubscriptionOptions } from '../../armonik/api';
import { isArmoniKError, type ArmoniKError } from '../../armonik/errors';
import type { ArmoniKEvent, EventKind } from '../../armonik/model';
import { frontierSize, type Frontier } from './frontier';

export interface WatcherPolicy {
  /** IDs (tasks + results) per stream. */
  idsPerStream: number;
  /** Above this frontier size, one session-wide stream replaces ID-filtered ones. */
  maxWatchedIds: number;
  /** More streams than this are consolidated into fresh ones. */
  maxStreams: number;
}

export const DEFAULT_WATCHER_POLICY: WatcherPolicy = { idsPerStream: 500, maxWatchedIds: 20_000, maxStreams: 8 };

export interface WatcherCallbacks {
  onEvent(event: ArmoniKEvent): void;
  /** Events may have been missed: reconcile the frontier with the server. */
  onResync(): void;
  /** The control plane has no Events service: fall back to polling. */
  onUnimplemented(error: ArmoniKError): void;
  /** The feed failed for a reason retrying will not fix. */
  onFailure(error: Error): void;
}

interface Stream {
  tasks: Set<string>;
  results: Set<string>;
  sessionWide: boolean;
  subscription: EventSubscription;
  abort: AbortController;
}

const TASK_KINDS: readonly EventKind[] = ['newTask', 'taskStatusUpdate'];
const RESULT_KINDS: readonly EventKind[] = ['newResult', 'resultStatusUpdate', 'resultOwnerUpdate'];
/** Session-wide: no NEW_* kinds, which would replay the whole session; ownership moves (to a
 * subtask or a retry) still show up as owner updates of results we hold. */
const SESSION_WIDE_KINDS: readonly EventKind[] = ['taskStatusUpdate', 'resultStatusUpdate', 'resultOwnerUpdate'];

export class FrontierWatcher {
  private readonly streams = new Set<Stream>();
  private closed = false;
  private stopped = false;
  events = 0;

  constructor(
    private readonly client: ArmoniKClient,
    private readonly sessionId: string,
    private readonly callbacks: WatcherCallbacks,
    private readonly policy: WatcherPolicy = DEFAULT_WATCHER_POLICY,
  ) {}

  get streamCount(): number {
    return this.streams.size;
  }

  /** IDs currently covered by ID-filtered streams (for tests and stats). */
  watchedIds(): { tasks: Set<string>; results: Set<string>; sessionWide: boolean } {
    const tasks = new Set<string>();
    const results = new Set<string>();
    let sessionWide = false;
    for (const stream of this.streams) {
      sessionWide ||= stream.sessionWide;
      for (const id of stream.tasks) tasks.add(id);
      for (const id of stream.results) results.add(id);
    }
    return { tasks, results, sessionWide };
  }

  /** Makes the streams cover `frontier`, opening as little as possible. */
  update(frontier: Frontier): void {
    if (this.closed || this.stopped) return;
    const size = frontierSize(frontier);
    if (size === 0) {
      this.closeAll();
      return;
    }
    if (size > this.policy.maxWatchedIds) {
      if (![...this.streams].some((s) => s.sessionWide)) {
        const previous = [...this.streams];
        this.open(new Set(), new Set(), true);
        for (const stream of previous) this.closeStream(stream);
        // Without NEW_* replay the session-wide stream cannot close the gap by itself.
        this.callbacks.onResync();
      }
      return;
    }
    const watched = this.watchedIds();
    if (watched.sessionWide) {
      // Shrunk back under the limit: return to ID-filtered streams.
      this.replaceAll(frontier);
      return;
    }
    const newTasks = [...frontier.tasks].filter((id) => !watched.tasks.has(id));
    const newResults = [...frontier.results].filter((id) => !watched.results.has(id));
    const coveredSize = watched.tasks.size + watched.results.size;
    const stale = coveredSize - (size - newTasks.length - newResults.length);
    const streamsAfter = this.streams.size + Math.ceil((newTasks.length + newResults.length) / this.policy.idsPerStream);
    if (streamsAfter > this.policy.maxStreams || stale > Math.max(size, this.policy.idsPerStream)) {
      this.replaceAll(frontier);
      return;
    }
    this.openChunked(newTasks, newResults);
  }

  close(): void {
    this.closed = true;
    this.closeAll();
  }

  private replaceAll(frontier: Frontier): void {
    const previous = [...this.streams];
    this.openChunked([...frontier.tasks], [...frontier.results]);
    for (const stream of previous) this.closeStream(stream);
  }

  private openChunked(tasks: string[], results: string[]): void {
    const ids: Array<['task' | 'result', string]> = [...tasks.map((id) => ['task', id] as ['task', string]), ...results.map((id) => ['result', id] as ['result', string])];
    for (let start = 0; start < ids.length; start += this.policy.idsPerStream) {
      const chunk = ids.slice(start, start + this.policy.idsPerStream);
      this.open(new Set(chunk.filter(([k]) => k === 'task').map(([, id]) => id)), new Set(chunk.filter(([k]) => k === 'result').map(([, id]) => id)), false);
    }
  }

  private open(tasks: Set<string>, results: Set<string>, sessionWide: boolean): void {
    const abort = new AbortController();
    const options: EventSubscriptionOptions = { signal: abort.signal, onResync: () => this.callbacks.onResync() };
    if (sessionWide) {
      options.kinds = SESSION_WIDE_KINDS;
    } else {
      const kinds: EventKind[] = [];
      if (tasks.size > 0) {
        kinds.push(...TASK_KINDS);
        options.tasks = { id: [...tasks] };
      }
      if (results.size > 0) {
        kinds.push(...RESULT_KINDS);
        options.results = { id: [...results] };
      }
      options.kinds = kinds;
    }
    let subscription: EventSubscription;
    try {
      subscription = this.client.events.subscribe(this.sessionId, options);
    } catch (error) {
      this.fail(error);
      return;
    }
    const stream: Stream = { tasks, results, sessionWide, subscription, abort };
    this.streams.add(stream);
    void this.pump(stream);
  }

  private async pump(stream: Stream): Promise<void> {
    try {
      for await (const event of stream.subscription) {
        if (!this.streams.has(stream)) break;
        this.events += 1;
        this.callbacks.onEvent(event);
      }
    } catch (error) {
      if (!this.streams.has(stream)) return;
      this.streams.delete(stream);
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (this.closed || this.stopped) return;
    if (isArmoniKError(error, 'cancelled')) return;
    this.stopped = true;
    this.closeAll();
    if (isArmoniKError(error, 'unimplemented')) this.callbacks.onUnimplemented(error);
    else this.callbacks.onFailure(error instanceof Error ? error : new Error(String(error)));
  }

  private closeStream(stream: Stream): void {
    this.streams.delete(stream);
    stream.abort.abort();
    stream.subscription.close();
  }

  private closeAll(): void {
    for (const stream of [...this.streams]) this.closeStream(stream);
  }
}
