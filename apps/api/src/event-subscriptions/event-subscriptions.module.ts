import { Module } from '@nestjs/common';
import { CreateEventSubscriptionHandler } from './create-event-subscription/create-event-subscription.handler.js';
import { DeleteEventSubscriptionHandler } from './delete-event-subscription/delete-event-subscription.handler.js';
import { EventSubscriptionsQueries } from './event-subscriptions.queries.js';
import { EventSubscriptionsResolver } from './event-subscriptions.resolver.js';

/** Outgoing run events: subscriptions of external URLs and their delivery logs. */
@Module({ providers: [EventSubscriptionsResolver, EventSubscriptionsQueries, CreateEventSubscriptionHandler, DeleteEventSubscriptionHandler] })
export class EventSubscriptionsModule {}
