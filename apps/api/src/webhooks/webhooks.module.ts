import { Module } from '@nestjs/common';
import { RunsModule } from '../runs/runs.module.js';
import { ReceiveWebhookController } from './receive-webhook/receive-webhook.controller.js';
import { WebhookIntake } from './receive-webhook/webhook-intake.service.js';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret/rotate-webhook-secret.handler.js';
import { WebhooksResolver } from './webhooks.resolver.js';

/** Incoming webhooks: `POST /hooks/:workflowId/:secret` starts runs; secrets are issued by setWorkflowTriggers and rotateWebhookSecret. */
@Module({ imports: [RunsModule], controllers: [ReceiveWebhookController], providers: [WebhookIntake, WebhooksResolver, RotateWebhookSecretHandler] })
export class WebhooksModule {}
