import { describe, expect, it } from 'vitest';
import { refusalOf } from '../testing/refusal-of.js';
import { parseTriggers, type TriggerChecks } from './triggers.js';
import { publicTriggers } from './webhook-trigger.js';

const now = '2026-06-01T12:00:00.000Z';
const checks: TriggerChecks = { cron: () => undefined };
const hash = 'a'.repeat(64);
const sealed = { keyId: 'k1', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' };
const fieldOf = (raw: unknown) => {
  const refusal = refusalOf(() => parseTriggers(raw, now, checks));
  return typeof refusal === 'object' ? refusal.field : refusal;
};

describe('webhook triggers', () => {
  it('keeps an unsigned and a signed webhook as stored', () => {
    expect(
      parseTriggers(
        [
          { id: 'plain', kind: 'webhook', secretHash: hash },
          { id: 'signed', kind: 'webhook', signed: true, secretHash: hash, signingSecret: sealed },
        ],
        now,
        checks,
      ),
    ).toEqual([
      { id: 'plain', kind: 'webhook', signed: false, secretHash: hash },
      { id: 'signed', kind: 'webhook', signed: true, secretHash: hash, signingSecret: sealed },
    ]);
  });

  it.each([
    [[{ id: 'w', kind: 'webhook' }], 'triggers[0].secretHash'],
    [[{ id: 'w', kind: 'webhook', secretHash: 'not-a-hash' }], 'triggers[0].secretHash'],
    [[{ id: 'w', kind: 'webhook', secretHash: hash, signed: 'yes' }], 'triggers[0].signed'],
    [[{ id: 'w', kind: 'webhook', secretHash: hash, signed: true }], 'triggers[0].signingSecret'],
    [[{ id: 'w', kind: 'webhook', secretHash: hash, signingSecret: sealed }], 'triggers[0].signingSecret'],
    [[{ id: 'w', kind: 'webhook', secretHash: hash, signed: true, signingSecret: { keyId: 'k1' } }], 'triggers[0].signingSecret'],
    [[{ id: 'w', kind: 'webhook', secretHash: hash, secret: 'plain' }], 'triggers[0].secret'],
  ])('refuses %j, naming %s', (raw, field) => {
    expect(fieldOf(raw)).toBe(field);
  });

  it('shows users neither the hash nor the sealed secret, and leaves other kinds alone', () => {
    const schedule = { id: 's', kind: 'schedule', cron: '* * * * *', timezone: 'UTC', misfire: 'skip', paused: false, input: {} };
    expect(publicTriggers([{ id: 'w', kind: 'webhook', signed: true, secretHash: hash, signingSecret: sealed }, schedule])).toEqual([{ id: 'w', kind: 'webhook', signed: true }, schedule]);
    expect(JSON.stringify(publicTriggers([{ id: 'w', kind: 'webhook', signed: true, secretHash: hash, signingSecret: sealed }]))).not.toMatch(/secretHash|ciphertext/);
  });
});
