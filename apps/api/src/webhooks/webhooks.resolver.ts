import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CommandBus } from '@nestjs/cqrs';
import { Requires } from '../auth/requires.decorator.js';
import { Caller, type RequestContext } from '../context/request-context.js';
import { Workflow } from '../workflows/workflow.types.js';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret/rotate-webhook-secret.command.js';
import type { IssuedWebhookSecret } from './webhook-secrets.js';
import { WebhookSecret, type WorkflowWithSecrets } from './webhook.types.js';

@Resolver(() => Workflow)
export class WebhooksResolver {
  constructor(private readonly commands: CommandBus) {}

  @ResolveField(() => [WebhookSecret], {
    nullable: true,
    description: 'Only in the answer of setWorkflowTriggers: the URL and signing secrets of the webhooks it created (or newly signed), shown this once. Null everywhere else.',
  })
  newWebhookSecrets(@Parent() workflow: WorkflowWithSecrets): IssuedWebhookSecret[] | null {
    return workflow.newWebhookSecrets ?? null;
  }

  @Requires('admin')
  @Mutation(() => WebhookSecret, { description: "Gives a webhook trigger a new URL secret (and signing secret, when signed), returned once; the old ones stop working at once." })
  rotateWebhookSecret(@Caller() caller: RequestContext, @Args('workflowId', { type: () => ID }) workflowId: string, @Args('triggerId') triggerId: string) {
    return this.commands.execute(new RotateWebhookSecretCommand(workflowId, triggerId, caller));
  }
}
