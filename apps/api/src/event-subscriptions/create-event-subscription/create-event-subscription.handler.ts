import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ConflictError, EVENT_SUBSCRIPTION_STREAM_TYPE, InvalidInputError, workflowStreamId, type EventSubscriptionState } from '@weft/domain';
import { createSigningSecret, signingSecretContext, type Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { subscriptionFromState } from '../event-subscription.mapper.js';
import type { CreatedEventSubscription } from '../event-subscription.types.js';
import { CreateEventSubscriptionCommand } from './create-event-subscription.command.js';

/** Subscriptions one workspace may have at once. */
export const MAX_SUBSCRIPTIONS_PER_WORKSPACE = 50;

@CommandHandler(CreateEventSubscriptionCommand)
export class CreateEventSubscriptionHandler implements ICommandHandler<CreateEventSubscriptionCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ input, caller }: CreateEventSubscriptionCommand): Promise<CreatedEventSubscription> {
    await this.checkWorkflows(input.workflowIds, caller.workspaceId);
    const { rows } = await this.platform.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM streams WHERE stream_type = $1 AND workspace_id = $2 AND NOT closed', [
      EVENT_SUBSCRIPTION_STREAM_TYPE,
      caller.workspaceId,
    ]);
    if ((rows[0]?.n ?? 0) >= MAX_SUBSCRIPTIONS_PER_WORKSPACE) throw new ConflictError(`a workspace has at most ${MAX_SUBSCRIPTIONS_PER_WORKSPACE} event subscriptions: delete one first`);
    const subscriptionId = crypto.randomUUID();
    const signingSecret = createSigningSecret();
    const result = await this.platform.aggregates.subscriptions.handle({
      type: 'CreateSubscription',
      data: { subscriptionId, url: input.url, eventTypes: input.eventTypes, workflowIds: input.workflowIds, secret: this.platform.secrets.seal(signingSecret, signingSecretContext(subscriptionId)) },
      metadata: { commandId: crypto.randomUUID(), now: new Date().toISOString(), workspaceId: caller.workspaceId, actorId: caller.actorId },
    });
    return { subscription: subscriptionFromState(result.state as Extract<EventSubscriptionState, { exists: true }>), signingSecret };
  }

  /** A filter naming a workflow the workspace does not have is a mistake, not an empty filter. */
  private async checkWorkflows(workflowIds: string[] | null | undefined, workspaceId: string): Promise<void> {
    for (const [i, id] of (workflowIds ?? []).entries()) {
      if (typeof id !== 'string' || !id || id.length > 200) continue; // the decider names the field
      const { state } = await this.platform.aggregates.workflows.loadInWorkspace(workflowStreamId(id), workspaceId);
      if (!state.exists) throw new InvalidInputError(`workflowIds[${i}]`, `no workflow "${id}" in this workspace`);
    }
  }
}
