import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Requires } from '../auth/requires.decorator.js';
import { Caller, type RequestContext } from '../context/request-context.js';
import { PageArgs } from '../graphql/pagination.js';
import { CreateEventSubscriptionCommand } from './create-event-subscription/create-event-subscription.command.js';
import { DeleteEventSubscriptionCommand } from './delete-event-subscription/delete-event-subscription.command.js';
import { CreatedEventSubscription, CreateEventSubscriptionInput, EventDeliveriesArgs, EventDeliveryConnection, EventSubscription } from './event-subscription.types.js';
import { EventSubscriptionsQueries } from './event-subscriptions.queries.js';

@Resolver(() => EventSubscription)
export class EventSubscriptionsResolver {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: EventSubscriptionsQueries,
  ) {}

  @Query(() => [EventSubscription], { description: "The workspace's event subscriptions, newest first (never their secrets)." })
  eventSubscriptions(@Caller() caller: RequestContext) {
    return this.queries.list(caller.workspaceId);
  }

  @Query(() => EventDeliveryConnection, { description: "A subscription's delivery log, latest events first, with every attempt." })
  eventDeliveries(@Caller() caller: RequestContext, @Args() page: PageArgs, @Args() args: EventDeliveriesArgs) {
    return this.queries.deliveries(caller.workspaceId, { ...page, ...args });
  }

  @Requires('admin')
  @Mutation(() => CreatedEventSubscription, { description: 'Posts run events of the workspace to a URL, signed; the signing secret is returned once.' })
  createEventSubscription(@Caller() caller: RequestContext, @Args('input') input: CreateEventSubscriptionInput) {
    return this.commands.execute(new CreateEventSubscriptionCommand(input, caller));
  }

  @Requires('admin')
  @Mutation(() => EventSubscription, { description: 'Stops a subscription: nothing more is sent to it, and deliveries not yet made are dropped.' })
  deleteEventSubscription(@Caller() caller: RequestContext, @Args('id', { type: () => ID }) id: string) {
    return this.commands.execute(new DeleteEventSubscriptionCommand(id, caller));
  }
}
