import { describe, expect, it } from 'vitest';
import { InvalidInputError, type SealedSecret, type Trigger } from '@weft/domain';
import { hashUrlSecret, provisionWebhookSecrets } from './webhook-secrets.js';

const seal = (plaintext: string, context: string): SealedSecret => ({ keyId: 'k', iv: 'iv', tag: 'tag', ciphertext: Buffer.from(`${context}|${plaintext}`).toString('base64') });
const provisioning = { workflowId: 'wf-1', publicUrl: 'https://weft.example/', seal };

describe('webhook secrets', () => {
  it('issues a URL secret (kept only as its hash) and, when signed, a sealed signing secret', () => {
    const { triggers, issued } = provisionWebhookSecrets([{ id: 'in', kind: 'webhook' }, { id: 'signed', kind: 'webhook', signed: true }], [], provisioning);
    const [plain, signed] = triggers as Trigger[];
    expect(issued).toHaveLength(2);
    const secret = issued[0]!.url!.split('/').at(-1)!;
    expect(issued[0]!.url).toBe(`https://weft.example/hooks/wf-1/${secret}`);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(plain).toEqual({ id: 'in', kind: 'webhook', signed: false, secretHash: hashUrlSecret(secret) });
    expect(issued[0]!.signingSecret).toBeNull();
    expect(issued[1]!.signingSecret).toMatch(/^whsec_/);
    expect(signed).toMatchObject({ id: 'signed', kind: 'webhook', signed: true, signingSecret: { keyId: 'k' } });
    expect(JSON.stringify(triggers)).not.toContain(secret);
    expect(JSON.stringify(triggers)).not.toContain(issued[1]!.signingSecret);
  });

  it('keeps the secrets of a webhook set again; signs an existing one with a new signing secret only; drops it when unsigned', () => {
    const first = provisionWebhookSecrets([{ id: 'a', kind: 'webhook', signed: true }, { id: 'b', kind: 'webhook' }], [], provisioning);
    const current = first.triggers as Trigger[];
    const again = provisionWebhookSecrets([{ id: 'a', kind: 'webhook', signed: true }, { id: 'b', kind: 'webhook', signed: true }, { id: 'c', kind: 'schedule', cron: '* * * * *' }], current, provisioning);
    expect(again.issued).toEqual([{ triggerId: 'b', url: null, signingSecret: expect.stringMatching(/^whsec_/) }]);
    const [a, b, c] = again.triggers as Trigger[];
    expect(a).toEqual(current[0]);
    expect(b).toMatchObject({ secretHash: (current[1] as { secretHash: string }).secretHash, signed: true });
    expect(c).toEqual({ id: 'c', kind: 'schedule', cron: '* * * * *' });
    const unsigned = provisionWebhookSecrets([{ id: 'a', kind: 'webhook' }], current, provisioning);
    expect(unsigned).toEqual({ triggers: [{ id: 'a', kind: 'webhook', signed: false, secretHash: (current[0] as { secretHash: string }).secretHash }], issued: [] });
  });

  it('refuses a secret sent by the user, naming the field', () => {
    const fieldOf = (raw: unknown) => {
      try {
        provisionWebhookSecrets(raw, [], provisioning);
        return undefined;
      } catch (error) {
        return error instanceof InvalidInputError ? error.field : String(error);
      }
    };
    expect(fieldOf([{ id: 'a', kind: 'webhook', secretHash: 'f'.repeat(64) }])).toBe('triggers[0].secretHash');
    expect(fieldOf([{ id: 'x', kind: 'schedule' }, { id: 'a', kind: 'webhook', signingSecret: 'mine' }])).toBe('triggers[1].signingSecret');
  });
});
