import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A new signing secret for a subscription: shown to its creator once, then kept only sealed. */
export const createSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** What a subscription's sealed secret is bound to (the SecretBox context): it opens for that subscription only. */
export const signingSecretContext = (subscriptionId: string): string => `event-subscription:${subscriptionId}`;

/** `Weft-Signature`: `sha256=` and the hex HMAC-SHA256, keyed with the secret, of `<timestamp>.<body>`. */
export const signDelivery = (secret: string, timestamp: string, body: string): string => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/**
 * The id of the delivery of the event at `globalPosition` to a subscription: derived, not
 * drawn, so the reactor replaying the log finds the row it wrote instead of adding one,
 * and a receiver can use it to drop repeats. Shaped as a UUID (version nibble 5).
 */
export function deliveryId(subscriptionId: string, globalPosition: number): string {
  const hex = createHash('sha256').update(`delivery\u0000${subscriptionId}\u0000${globalPosition}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
