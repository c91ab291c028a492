import { createHash, randomBytes } from 'node:crypto';
import { InvalidInputError, isJsonObject, type SealedSecret, type Trigger, type WebhookTrigger } from '@weft/domain';
import { createSigningSecret } from '@weft/engine';

/** Plain secrets of one webhook, shown to whoever set or rotated it, once: `url` null when the URL was kept, `signingSecret` null when unsigned or kept. */
export type IssuedWebhookSecret = { triggerId: string; url: string | null; signingSecret: string | null };

/** The secret part of a webhook's URL: 32 random bytes, base64url (43 characters). */
export const createUrlSecret = (): string => randomBytes(32).toString('base64url');

/** What a webhook keeps of its URL secret: the hex SHA-256. */
export const hashUrlSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

/** What a webhook's sealed signing secret is bound to (the SecretBox context): it opens for that trigger only. */
export const webhookSigningContext = (workflowId: string, triggerId: string): string => `webhook:${workflowId}:${triggerId}`;

export const webhookUrl = (publicUrl: string, workflowId: string, secret: string): string => `${publicUrl.replace(/\/+$/, '')}/hooks/${encodeURIComponent(workflowId)}/${secret}`;

type Seal = (plaintext: string, context: string) => SealedSecret;
type Provisioning = { workflowId: string; publicUrl: string; seal: Seal };

/** A new URL secret (and signing secret when signed) for a webhook: the trigger as stored, and the plain secrets to show once. */
export function issueWebhookSecrets(triggerId: string, signed: boolean, { workflowId, publicUrl, seal }: Provisioning): { trigger: WebhookTrigger; issued: IssuedWebhookSecret } {
  const secret = createUrlSecret();
  const signingSecret = signed ? createSigningSecret() : null;
  return {
    trigger: { id: triggerId, kind: 'webhook', signed, secretHash: hashUrlSecret(secret), ...(signingSecret ? { signingSecret: seal(signingSecret, webhookSigningContext(workflowId, triggerId)) } : {}) },
    issued: { triggerId, url: webhookUrl(publicUrl, workflowId, secret), signingSecret },
  };
}

/**
 * Completes the webhooks of a user's trigger list with their secrets before the decider
 * sees it: a webhook already there (same id) keeps its URL secret, and its signing
 * secret while it stays signed; a new one, or one newly signed, gets fresh secrets,
 * returned in `issued`. Other kinds pass through for the decider to check.
 * @throws InvalidInputError when a user sends a secret field: Weft makes them.
 */
export function provisionWebhookSecrets(raw: unknown, current: readonly Trigger[], provisioning: Provisioning): { triggers: unknown; issued: IssuedWebhookSecret[] } {
  if (!Array.isArray(raw)) return { triggers: raw, issued: [] };
  const issued: IssuedWebhookSecret[] = [];
  const triggers = raw.map((value: unknown, index) => {
    if (!isJsonObject(value) || value.kind !== 'webhook' || typeof value.id !== 'string') return value;
    for (const field of ['secretHash', 'signingSecret'] as const) {
      if (field in value) throw new InvalidInputError(`triggers[${index}].${field}`, 'is made by Weft: leave it out (rotateWebhookSecret gives a new one)');
    }
    const signed = value.signed === true;
    if (value.signed !== undefined && typeof value.signed !== 'boolean') return value; // the decider names the field
    const kept = current.find((t): t is WebhookTrigger => t.kind === 'webhook' && t.id === value.id);
    if (!kept) {
      const fresh = issueWebhookSecrets(value.id, signed, provisioning);
      issued.push(fresh.issued);
      return fresh.trigger;
    }
    if (!signed) return { id: kept.id, kind: 'webhook', signed: false, secretHash: kept.secretHash };
    if (kept.signingSecret) return kept;
    const signingSecret = createSigningSecret();
    issued.push({ triggerId: kept.id, url: null, signingSecret });
    return { ...kept, signed: true, signingSecret: provisioning.seal(signingSecret, webhookSigningContext(provisioning.workflowId, kept.id)) };
  });
  return { triggers, issued };
}
