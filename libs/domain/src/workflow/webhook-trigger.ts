import { InvalidInputError } from '../shared/errors.js';
import type { JsonObject } from '../shared/json.js';
import { isSealedSecret, type SealedSecret } from '../shared/sealed-secret.js';

/**
 * Runs the latest published version on `POST /hooks/<workflowId>/<secret>`, the request's
 * JSON body as its input. The URL secret is kept only as its SHA-256 (`secretHash`, hex);
 * a signed webhook also needs `Weft-Signature`, an HMAC keyed with `signingSecret`, which
 * is kept sealed. Both are made by the API when the trigger is set, never given by users.
 */
export type WebhookTrigger = { id: string; kind: 'webhook'; signed: boolean; secretHash: string; signingSecret?: SealedSecret };

/** What users see of a webhook trigger (and may send back unchanged): no hash, no sealed secret. */
export type PublicWebhookTrigger = { id: string; kind: 'webhook'; signed: boolean };

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Validates a webhook trigger as stored (secrets already provisioned), naming the field.
 * @throws InvalidInputError on the first problem found.
 */
export function parseWebhookTrigger(value: JsonObject & { id: string }, at: string): WebhookTrigger {
  const unknown = Object.keys(value).find((key) => !['id', 'kind', 'signed', 'secretHash', 'signingSecret'].includes(key));
  if (unknown) throw new InvalidInputError(`${at}.${unknown}`, 'unknown setting');
  if (value.signed !== undefined && typeof value.signed !== 'boolean') throw new InvalidInputError(`${at}.signed`, 'must be true or false');
  const signed = value.signed === true;
  if (typeof value.secretHash !== 'string' || !SHA256_HEX.test(value.secretHash)) throw new InvalidInputError(`${at}.secretHash`, 'must be the SHA-256 (hex) of the URL secret');
  if (signed !== (value.signingSecret !== undefined)) throw new InvalidInputError(`${at}.signingSecret`, signed ? 'is required for a signed webhook' : 'is only for a signed webhook');
  if (value.signingSecret !== undefined && !isSealedSecret(value.signingSecret)) throw new InvalidInputError(`${at}.signingSecret`, 'must be a sealed secret');
  return { id: value.id, kind: 'webhook', signed, secretHash: value.secretHash, ...(signed ? { signingSecret: value.signingSecret } : {}) };
}

/** A list of triggers as users may see it: webhooks lose their hash and sealed secret; other kinds are untouched. */
export function publicTriggers(triggers: unknown): unknown {
  if (!Array.isArray(triggers)) return triggers;
  return triggers.map((t: unknown) => {
    const trigger = t as { kind?: unknown; id?: unknown; signed?: unknown } | null;
    if (trigger?.kind !== 'webhook') return t;
    const shown: PublicWebhookTrigger = { id: String(trigger.id), kind: 'webhook', signed: trigger.signed === true };
    return shown;
  });
}
