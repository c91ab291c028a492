import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { CreatedEventSubscription, CreateEventSubscriptionInput } from '../event-subscription.types.js';

/** Subscribes a URL to the workspace's run events; the answer holds the signing secret, once. */
export class CreateEventSubscriptionCommand extends Command<CreatedEventSubscription> {
  constructor(
    readonly input: CreateEventSubscriptionInput,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
