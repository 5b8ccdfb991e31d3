// One GetEvents stream (reference §11.10):
//  1. validate the filters (allowed fields only), compile them;
//  2. subscribe to the session's live events *first*, then replay the current state — one
//     NewTask per task (current status, current expected outputs, origin = initial task) and one
//     NewResult per result — so nothing that happens during the replay is lost; as in Core,
//     something that changed during setup may be reported twice and there is no end marker;
//  3. stream live events until the client cancels or the server stops.
//
// Memory stays bounded for a slow client: writes wait for 'drain', and live events that pile up
// meanwhile are coalesced per object (the latest status of a task replaces an older pending
// one). Core's watchers look statuses up when they send, so its clients may also miss
// intermediate statuses; the pending set never exceeds a few entries per task/result of the
// session, however long the client stalls. Large replays yield to the event loop regularly so
// other RPCs keep being served.

import { setImmediate as nextTurn } from 'node:timers/promises';
import { status, type ServerWritableStream } from '@grpc/grpc-js';
import { newTaskEvent, type ArmoniKEvent, type EventKind } from '../../../armonik/model';
import type {
  WireEventSubscriptionRequest,
  WireEventSubscriptionResponseInput,
} from '../../../armonik/wire/types';
import type { ResultRecord, TaskRecord } from '../../engine/types';
import { compileFilters, type CompiledFilters } from '../filters/compile-filters';
import { RESULT_SCHEMA } from '../filters/result-fields';
import { TASK_SCHEMA } from '../filters/task-fields';
import { RpcError } from '../rpc-error';
import type { ServiceContext } from '../service-context';
import { StreamWriter } from '../stream-writer';
import { resultStatusToWire } from '../wire/enum-names';
import { eventToWire } from '../../../armonik/wire/event-codec';
import { CoalescingQueue } from './coalescing-queue';
import { validateEventFilters } from './event-filter-rules';

type Message = WireEventSubscriptionResponseInput;

const EVENT_KIND_OF_WIRE: Record<string, EventKind> = {
  EVENTS_ENUM_NEW_TASK: 'newTask',
  EVENTS_ENUM_TASK_STATUS_UPDATE: 'taskStatusUpdate',
  EVENTS_ENUM_NEW_RESULT: 'newResult',
  EVENTS_ENUM_RESULT_STATUS_UPDATE: 'resultStatusUpdate',
  EVENTS_ENUM_RESULT_OWNER_UPDATE: 'resultOwnerUpdate',
};
const ALL_KINDS: ReadonlySet<EventKind> = new Set(Object.values(EVENT_KIND_OF_WIRE));

/** Messages written between two yields to the event loop. */
const WRITES_PER_TURN = 512;
/** Replay items examined (most may be filtered out) between two yields. */
const SCAN_PER_TURN = 4096;

function isTaskEvent(event: ArmoniKEvent): event is Extract<ArmoniKEvent, { taskId: string }> {
  return event.kind === 'newTask' || event.kind === 'taskStatusUpdate';
}

/** Events about the same object and aspect share a key; a newer one replaces a pending older. */
function coalescingKey(event: ArmoniKEvent): string {
  switch (event.kind) {
    case 'newTask':
    case 'taskStatusUpdate':
      return `${event.kind}:${event.taskId}`;
    default:
      return `${event.kind}:${event.resultId}`;
  }
}

export class EventSubscription {
  private readonly writer: StreamWriter<Message>;
  private readonly pending = new CoalescingQueue<string, ArmoniKEvent>();
  private wake: (() => void) | undefined;
  private kinds: ReadonlySet<EventKind> = ALL_KINDS;
  private taskFilter!: CompiledFilters<TaskRecord>;
  private resultFilter!: CompiledFilters<ResultRecord>;

  constructor(
    private readonly ctx: ServiceContext,
    call: ServerWritableStream<WireEventSubscriptionRequest, Message>,
    private readonly request: WireEventSubscriptionRequest,
  ) {
    this.writer = new StreamWriter(call);
    void this.writer.whenEnded().then(() => this.wake?.());
  }

  /** Serves the stream until it ends; never rejects. */
  async run(): Promise<void> {
    try {
      validateEventFilters(this.request);
      this.taskFilter = compileFilters(this.request.tasksFilters, TASK_SCHEMA);
      this.resultFilter = compileFilters(this.request.resultsFilters, RESULT_SCHEMA);
      const requested = this.request.returnedEvents.map((e) => EVENT_KIND_OF_WIRE[String(e)]).filter((k): k is EventKind => k !== undefined);
      if (this.request.returnedEvents.length > 0) this.kinds = new Set(requested);
    } catch (error) {
      this.writer.fail(error);
      return;
    }
    const sessionId = this.request.sessionId;
    // An empty session ID matches nothing (Core does not check that the session exists).
    const unsubscribe = sessionId ? this.ctx.hub.subscribe(sessionId, (event) => this.onLive(event)) : () => {};
    const unregister = this.ctx.streams.add({ closeForShutdown: () => this.closeForShutdown() });
    try {
      await this.pump(sessionId ? this.replay(sessionId) : undefined);
    } catch (error) {
      this.writer.fail(error);
    } finally {
      unsubscribe();
      unregister();
      this.pending.clear();
    }
  }

  private closeForShutdown(): void {
    this.writer.fail(new RpcError(status.UNAVAILABLE, 'The ArmoniK simulator is shutting down'));
  }

  private onLive(event: ArmoniKEvent): void {
    if (!this.kinds.has(event.kind)) return;
    if (isTaskEvent(event)) {
      if (!this.taskFilter.matchAll) {
        const task = this.ctx.engine.task(event.taskId);
        if (!task || !this.taskFilter.matches(task)) return;
      }
    } else if (!this.resultFilter.matchAll) {
      const result = this.ctx.engine.result(event.resultId);
      if (!result || !this.resultFilter.matches(result)) return;
    }
    this.pending.push(coalescingKey(event), event);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private takePending(): Message | undefined {
    const event = this.pending.shift();
    return event === undefined ? undefined : eventToWire(event);
  }

  private waitForWork(): Promise<void> {
    if (this.pending.size > 0 || this.writer.isEnded) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /** The single writer of the stream: live events first (bounded), then the replay. */
  private async pump(replay: Iterator<Message | null> | undefined): Promise<void> {
    let budget = WRITES_PER_TURN;
    while (!this.writer.isEnded) {
      let message = this.takePending();
      if (message === undefined && replay) {
        const step = replay.next();
        if (step.done) replay = undefined;
        else if (step.value === null) {
          // The replay scanned a while without finding anything to send: let others run.
          budget = 0;
        } else message = step.value;
      }
      if (message !== undefined) {
        if (!(await this.writer.write(message))) return;
        budget--;
      } else if (!replay) {
        await this.waitForWork();
        budget = WRITES_PER_TURN;
        continue;
      }
      if (budget <= 0) {
        budget = WRITES_PER_TURN;
        await nextTurn();
      }
    }
  }

  /** Current state as NewTask/NewResult messages; yields null every SCAN_PER_TURN examined
   * records so a selective filter over a huge session does not monopolise the event loop. */
  private *replay(sessionId: string): Generator<Message | null> {
    const { engine } = this.ctx;
    let scanned = 0;
    if (this.kinds.has('newTask')) {
      // A snapshot of the IDs: tasks created after this point arrive as live events.
      const ids = Array.from(engine.tasks(sessionId), (t) => t.id);
      for (const id of ids) {
        if (++scanned % SCAN_PER_TURN === 0) yield null;
        const task = engine.task(id);
        if (!task || (!this.taskFilter.matchAll && !this.taskFilter.matches(task))) continue;
        yield eventToWire(newTaskEvent(task));
      }
    }
    if (this.kinds.has('newResult')) {
      const ids = Array.from(engine.results(sessionId), (r) => r.resultId);
      for (const id of ids) {
        if (++scanned % SCAN_PER_TURN === 0) yield null;
        const result = engine.result(id);
        if (!result || (!this.resultFilter.matchAll && !this.resultFilter.matches(result))) continue;
        yield { sessionId, newResult: { resultId: result.resultId, ownerId: result.ownerTaskId, status: resultStatusToWire(result.status) } };
      }
    }
  }
}
