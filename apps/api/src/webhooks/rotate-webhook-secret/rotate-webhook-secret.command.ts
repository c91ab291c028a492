import { Command } from '@nestjs/cqrs';
import type { RequestContext } from '../../context/request-context.js';
import type { WebhookSecret } from '../webhook.types.js';

/** Gives a webhook a new URL secret (and signing secret, when signed): the old ones stop working at once. */
export class RotateWebhookSecretCommand extends Command<WebhookSecret> {
  constructor(
    readonly workflowId: string,
    readonly triggerId: string,
    readonly caller: RequestContext,
  ) {
    super();
  }
}
