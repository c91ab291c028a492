import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { EventSubscription } from '../event-subscription.types.js';

/** Stops a subscription: nothing more is sent to it, and its pending deliveries are dropped. */
export class DeleteEventSubscriptionCommand extends Command<EventSubscription> {
  constructor(
    readonly subscriptionId: string,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
