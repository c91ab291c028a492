import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far `Weft-Timestamp` may be from the receiver's clock, either way. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type SignatureRefusal = { status: 400 | 401; code: 'INVALID_SIGNATURE' | 'STALE_TIMESTAMP' | 'BAD_USER_INPUT'; message: string };

type Signed = { secret: string; timestamp: string | undefined; signature: string | undefined; body: Buffer; nowMs: number; toleranceSeconds?: number };

/** The hex HMAC-SHA256, keyed with the signing secret, of `<timestamp>.<raw body>` (what `Weft-Signature` holds after `sha256=`). */
export function webhookSignature(secret: string, timestamp: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest('hex');
}

/**
 * Checks a signed webhook request: `Weft-Signature: sha256=<hex>` must be the HMAC of
 * `<Weft-Timestamp>.<raw body>` (compared in constant time), and the timestamp (Unix
 * seconds) within the tolerance of now. The signature is checked first, so a stale
 * timestamp is only reported to whoever holds the secret. Pure: time is passed in.
 * @returns undefined when the request is authentic and fresh, else why not.
 */
export function checkWebhookSignature({ secret, timestamp, signature, body, nowMs, toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS }: Signed): SignatureRefusal | undefined {
  if (!signature || !timestamp) return { status: 401, code: 'INVALID_SIGNATURE', message: 'a signed webhook needs the Weft-Timestamp and Weft-Signature headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { status: 400, code: 'BAD_USER_INPUT', message: 'Weft-Timestamp must be Unix time in seconds' };
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim())?.[1];
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
  if (!given || !timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected)) {
    return { status: 401, code: 'INVALID_SIGNATURE', message: 'Weft-Signature does not match: expected sha256=<hex HMAC-SHA256 of "<Weft-Timestamp>.<raw body>">' };
  }
  const skew = Math.abs(nowMs / 1000 - Number(timestamp));
  if (skew > toleranceSeconds) return { status: 400, code: 'STALE_TIMESTAMP', message: `Weft-Timestamp is ${Math.round(skew)} s away from now; at most ${toleranceSeconds} s are accepted` };
  return undefined;
}
