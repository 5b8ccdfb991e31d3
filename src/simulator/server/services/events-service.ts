// `armonik.api.grpc.v1.events.Events` (reference §7, §11.10); see events/event-subscription.ts.

import type { EventsHandlers } from '../../../armonik/wire/types';
import { EventSubscription } from '../events/event-subscription';
import type { ServiceContext } from '../service-context';

export function eventsService(ctx: ServiceContext): EventsHandlers {
  return {
    GetEvents: (call) => {
      void new EventSubscription(ctx, call, call.request).run();
    },
  };
}
