// EventsApi: validates a subscription's filters and kinds, builds the `GetEvents` request and
// starts an EventStream. Invalid options throw from `subscribe()` itself, before any stream opens.

import type { EventsApi, EventSubscription, EventSubscriptionOptions } from '../api';
import { ArmoniKError } from '../errors';
import { buildResultFiltersUnbatched } from '../filters/result-filters';
import { buildTaskFiltersUnbatched } from '../filters/task-filters';
import { EVENT_KINDS, type EventKind } from '../model';
import type { RpcChannel } from '../rpc-channel';
import { requireId } from '../services/ids';
import { eventKindToWire } from '../wire/status-codec';
import type { ArmoniKServiceDefinitions } from '../wire/load';
import type { WireEventSubscriptionRequestInput } from '../wire/types';
import { checkEventResultFilter, checkEventTaskFilter } from './event-filter-rules';
import { EventStream } from './event-subscription';

const TASK_KINDS: ReadonlySet<EventKind> = new Set<EventKind>(['newTask', 'taskStatusUpdate']);

export class EventsService implements EventsApi {
  constructor(
    private readonly rpc: RpcChannel,
    private readonly defs: ArmoniKServiceDefinitions['events'],
  ) {}

  subscribe(sessionId: string, options: EventSubscriptionOptions = {}): EventSubscription {
    requireId(sessionId, 'session');
    const request = this.buildRequest(sessionId, options);
    return new EventStream(this.rpc, this.defs.GetEvents, request, options, {
      initialBackoffMs: this.rpc.options.eventsBackoff.initialBackoffMs,
      maxBackoffMs: this.rpc.options.eventsBackoff.maxBackoffMs,
      highWater: this.rpc.options.maxBufferedEvents,
    });
  }

  /** `undefined` when the filters can match nothing at all (e.g. an empty ID list). */
  buildRequest(sessionId: string, options: EventSubscriptionOptions): WireEventSubscriptionRequestInput | undefined {
    const requested = options.kinds && options.kinds.length > 0 ? [...new Set(options.kinds)] : undefined;
    for (const kind of requested ?? []) {
      if (!EVENT_KINDS.includes(kind)) {
        throw new ArmoniKError('invalid-argument', `unknown event kind '${String(kind)}' (known: ${EVENT_KINDS.join(', ')})`);
      }
    }
    checkEventTaskFilter(options.tasks);
    checkEventResultFilter(options.results);
    const tasksFilters = options.tasks === undefined ? undefined : buildTaskFiltersUnbatched(options.tasks);
    const resultsFilters = options.results === undefined ? undefined : buildResultFiltersUnbatched(options.results);
    const terms = (tasksFilters?.or?.length ?? 0) + (resultsFilters?.or?.length ?? 0);
    if (terms > this.rpc.options.maxEventFilterTerms) {
      throw new ArmoniKError(
        'invalid-argument',
        `this event subscription's filters have ${terms} OR terms, more than ${this.rpc.options.maxEventFilterTerms}; split it into several subscriptions`,
      );
    }
    // A filter that matches nothing has no wire form (an empty `or` matches everything), so the
    // kinds it governs are simply not requested.
    const excluded = new Set<EventKind>();
    if (options.tasks !== undefined && tasksFilters === undefined) for (const k of TASK_KINDS) excluded.add(k);
    if (options.results !== undefined && resultsFilters === undefined) for (const k of EVENT_KINDS) if (!TASK_KINDS.has(k)) excluded.add(k);
    let kinds: EventKind[] | undefined = requested;
    if (excluded.size > 0) {
      kinds = (requested ?? [...EVENT_KINDS]).filter((k) => !excluded.has(k));
      if (kinds.length === 0) return undefined;
    }
    return {
      sessionId,
      ...(tasksFilters ? { tasksFilters } : {}),
      ...(resultsFilters ? { resultsFilters } : {}),
      returnedEvents: (kinds ?? []).map(eventKindToWire),
    };
  }
}
