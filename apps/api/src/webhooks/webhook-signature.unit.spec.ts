import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkWebhookSignature, webhookSignature, WEBHOOK_TOLERANCE_SECONDS } from './webhook-signature.js';

const secret = 'whsec_test';
const body = Buffer.from('{"order":42}');
const nowMs = 1_800_000_000_000;
const timestamp = String(nowMs / 1000);
const sign = (ts: string, raw: Buffer | string = body, key = secret) => `sha256=${createHmac('sha256', key).update(`${ts}.${raw.toString()}`).digest('hex')}`;
const check = (overrides: Partial<Parameters<typeof checkWebhookSignature>[0]>) => checkWebhookSignature({ secret, timestamp, signature: sign(timestamp), body, nowMs, ...overrides });

describe('webhook signatures', () => {
  it('accepts the HMAC of "<timestamp>.<raw body>", in either hex case, within the window either way', () => {
    expect(webhookSignature(secret, timestamp, body)).toBe(sign(timestamp).slice('sha256='.length));
    expect(check({})).toBeUndefined();
    expect(check({ signature: sign(timestamp).toUpperCase().replace('SHA256=', 'sha256=') })).toBeUndefined();
    for (const skew of [-WEBHOOK_TOLERANCE_SECONDS, WEBHOOK_TOLERANCE_SECONDS]) {
      const ts = String(nowMs / 1000 + skew);
      expect(check({ timestamp: ts, signature: sign(ts) })).toBeUndefined();
    }
  });

  it('refuses 401 a missing, malformed or forged signature: another key, another body, another timestamp', () => {
    expect(check({ signature: undefined })).toMatchObject({ status: 401, code: 'INVALID_SIGNATURE' });
    expect(check({ timestamp: undefined })).toMatchObject({ status: 401, code: 'INVALID_SIGNATURE' });
    expect(check({ signature: 'sha256=abc' })).toMatchObject({ status: 401, code: 'INVALID_SIGNATURE' });
    expect(check({ signature: sign(timestamp).replace('sha256=', 'sha1=') })).toMatchObject({ status: 401 });
    expect(check({ signature: sign(timestamp, body, 'whsec_other') })).toMatchObject({ status: 401, code: 'INVALID_SIGNATURE' });
    expect(check({ body: Buffer.from('{"order":43}') })).toMatchObject({ status: 401, code: 'INVALID_SIGNATURE' });
    expect(check({ timestamp: String(nowMs / 1000 + 1) })).toMatchObject({ status: 401, code: 'INVALID_SIGNATURE' });
  });

  it('refuses 400 a genuine signature on a timestamp outside the window, or one not in seconds', () => {
    for (const skew of [-WEBHOOK_TOLERANCE_SECONDS - 1, WEBHOOK_TOLERANCE_SECONDS + 1, -86_400]) {
      const ts = String(nowMs / 1000 + skew);
      expect(check({ timestamp: ts, signature: sign(ts) })).toMatchObject({ status: 400, code: 'STALE_TIMESTAMP' });
    }
    const iso = new Date(nowMs).toISOString();
    expect(check({ timestamp: iso, signature: sign(iso) })).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('signs the raw bytes, not a re-serialization', () => {
    const spaced = Buffer.from('{ "order" : 42 }');
    expect(check({ body: spaced, signature: sign(timestamp, spaced) })).toBeUndefined();
    expect(check({ body: spaced })).toMatchObject({ status: 401 });
  });
});
