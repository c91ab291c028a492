import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { workflowStreamId, type ActiveRunState, type Json, type WebhookTrigger } from '@weft/domain';
import { derivedRunId, startRun, startRunOnce, type Platform } from '@weft/engine';
import { checkPayloadSize } from '../../errors/payload-limits.js';
import { PLATFORM } from '../../platform/platform.module.js';
import { noWebhookHere, WebhookRefusedError } from '../webhook-refused.error.js';
import { hashUrlSecret, webhookSigningContext } from '../webhook-secrets.js';
import { checkWebhookSignature } from '../webhook-signature.js';

export type WebhookRequest = { workflowId: string; secret: string; body: Buffer; signature?: string; timestamp?: string; deliveryId?: string };

/** A request found authentic: which run it starts (`replayable`: its id is derived from the delivery, so a replay finds it). */
export type AcceptedWebhook = { workspaceId: string; workflowId: string; trigger: WebhookTrigger; input: Json; runId: string; replayable: boolean; deliveryId?: string };

const MAX_DELIVERY_ID = 200;

/**
 * Webhook requests, from the raw request to a started run. Nothing is appended before
 * every check has passed: address (the URL secret, by hash, in constant time), archive,
 * signature and timestamp when signed, JSON body, size.
 */
@Injectable()
export class WebhookIntake {
  constructor(@Inject(PLATFORM) private readonly platform: Platform) {}

  /** @throws WebhookRefusedError (404, 401, 400, 409) or a domain error (400, 413). */
  async accept(request: WebhookRequest): Promise<AcceptedWebhook> {
    const { workflowId } = request;
    if (!workflowId || workflowId.length > 200) throw noWebhookHere();
    const { state, workspaceId } = await this.platform.aggregates.workflows.load(workflowStreamId(workflowId));
    if (!state.exists || !workspaceId) throw noWebhookHere();
    const trigger = findBySecret(state.triggers.filter((t): t is WebhookTrigger => t.kind === 'webhook'), request.secret);
    if (!trigger) throw noWebhookHere();
    if (state.archived) throw new WebhookRefusedError(409, 'CONFLICT', `workflow "${workflowId}" is archived: it takes no new runs`);
    const deliveryId = request.deliveryId?.trim() || undefined;
    if (deliveryId !== undefined && (deliveryId.length > MAX_DELIVERY_ID || !/^[\x21-\x7e]+$/.test(deliveryId))) {
      throw new WebhookRefusedError(400, 'BAD_USER_INPUT', `Weft-Delivery-Id must be 1 to ${MAX_DELIVERY_ID} printable characters without spaces`);
    }
    let replayKey: string | undefined;
    if (trigger.signingSecret) {
      const secret = this.platform.secrets.open(trigger.signingSecret, webhookSigningContext(workflowId, trigger.id));
      const refusal = checkWebhookSignature({ secret, timestamp: request.timestamp, signature: request.signature, body: request.body, nowMs: Date.now() });
      if (refusal) throw new WebhookRefusedError(refusal.status, refusal.code, refusal.message);
      // The signature covers timestamp and body: the same one again is the same delivery, replayed.
      replayKey = `signature:${request.signature!.trim().toLowerCase()}`;
    } else if (deliveryId) {
      replayKey = `delivery:${deliveryId}`;
    }
    const input = parseBody(request.body);
    checkPayloadSize('input', input, this.platform.config.maxPayloadBytes);
    const runId = replayKey ? derivedRunId('webhook', workspaceId, workflowId, trigger.id, replayKey) : crypto.randomUUID();
    return { workspaceId, workflowId, trigger, input, runId, replayable: replayKey !== undefined, ...(deliveryId ? { deliveryId } : {}) };
  }

  /** Starts the accepted request's run. @throws WebhookRefusedError 409 REPLAYED when the delivery already started one (nothing appended). */
  async start(accepted: AcceptedWebhook): Promise<ActiveRunState> {
    const { workspaceId, workflowId, trigger, input, runId, deliveryId } = accepted;
    const request = { runId, workflowId, input, trigger: { kind: 'webhook' as const, triggerId: trigger.id, ...(deliveryId ? { deliveryId } : {}) } };
    const metadata = { commandId: accepted.replayable ? `webhook:${runId}` : crypto.randomUUID(), now: new Date().toISOString(), workspaceId, actorId: 'webhook' };
    if (!accepted.replayable) return (await startRun(this.platform.aggregates, request, metadata)).state as ActiveRunState;
    const result = await startRunOnce(this.platform.aggregates, request, metadata);
    // Found (`started` false), or the same command id recognised by the event store (`duplicate`).
    if (!result.started || ('duplicate' in result && result.duplicate)) throw new WebhookRefusedError(409, 'REPLAYED', 'this delivery was received before: it started the run named here, and starts no other', { runId });
    return result.state as ActiveRunState;
  }
}

/** The webhook whose URL secret this is, comparing hashes in constant time. */
function findBySecret(webhooks: WebhookTrigger[], secret: string): WebhookTrigger | undefined {
  const given = Buffer.from(hashUrlSecret(secret), 'hex');
  let found: WebhookTrigger | undefined;
  for (const webhook of webhooks) if (timingSafeEqual(Buffer.from(webhook.secretHash, 'hex'), given)) found ??= webhook;
  return found;
}

/** The run input: the body as JSON; `{}` for an empty body. */
function parseBody(body: Buffer): Json {
  const text = body.toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new WebhookRefusedError(400, 'BAD_USER_INPUT', `the body is not valid JSON: ${(error as Error).message}`, { field: 'body' });
  }
}
