import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError, NotFoundError, workflowStreamId } from '@weft/domain';
import type { Platform } from '@weft/engine';
import { PLATFORM } from '../../platform/platform.module.js';
import { runWorkflowCommand } from '../../workflows/workflow-command.js';
import type { WebhookSecret } from '../webhook.types.js';
import { issueWebhookSecrets } from '../webhook-secrets.js';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command.js';

@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  async execute({ workflowId, triggerId, caller }: RotateWebhookSecretCommand): Promise<WebhookSecret> {
    const { state } = await this.platform.aggregates.workflows.loadInWorkspace(workflowStreamId(workflowId), caller.workspaceId);
    if (!state.exists) throw new NotFoundError('workflow', workflowId);
    const webhook = state.triggers.find((t) => t.id === triggerId);
    if (!webhook) throw new NotFoundError('trigger', triggerId);
    if (webhook.kind !== 'webhook') throw new InvalidInputError('triggerId', `"${triggerId}" is a ${webhook.kind} trigger: only webhooks have secrets`);
    const fresh = issueWebhookSecrets(triggerId, webhook.signed, { workflowId, publicUrl: this.platform.config.auth.publicUrl, seal: (text, context) => this.platform.secrets.seal(text, context) });
    const triggers = state.triggers.map((t) => (t.id === triggerId ? fresh.trigger : t));
    // The decider checks again on the current state (an archived workflow refuses); a concurrent change makes this append conflict and retry.
    await runWorkflowCommand(this.platform, { type: 'SetTriggers', data: { workflowId, triggers } }, caller);
    return fresh.issued;
  }
}
