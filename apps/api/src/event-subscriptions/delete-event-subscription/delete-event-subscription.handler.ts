import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventSubscriptionState } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { subscriptionFromState } from '../event-subscription.mapper.js';
import type { EventSubscription } from '../event-subscription.types.js';
import { DeleteEventSubscriptionCommand } from './delete-event-subscription.command.js';

@CommandHandler(DeleteEventSubscriptionCommand)
export class DeleteEventSubscriptionHandler implements ICommandHandler<DeleteEventSubscriptionCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ subscriptionId, caller }: DeleteEventSubscriptionCommand): Promise<EventSubscription> {
    const result = await this.platform.aggregates.subscriptions.handle({
      type: 'DeleteSubscription',
      data: { subscriptionId },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return subscriptionFromState(result.state as Extract<EventSubscriptionState, { exists: true }>);
  }
}
