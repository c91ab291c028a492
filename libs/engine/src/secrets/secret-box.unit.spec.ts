import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeSecretsKey, keyIdOf, SecretBox, SecretBoxError } from './secret-box.js';

const key = randomBytes(32);
const box = new SecretBox([key]);

describe('SecretBox', () => {
  it('seals a secret into base64 fields that do not contain it, and opens it again', () => {
    const sealed = box.seal('whsec_topsecret', 'event-subscription:s1');
    expect(sealed.keyId).toBe(keyIdOf(key));
    expect(JSON.stringify(sealed)).not.toContain('topsecret');
    expect(JSON.stringify(sealed)).not.toContain(Buffer.from('whsec_topsecret').toString('base64'));
    expect(box.open(sealed, 'event-subscription:s1')).toBe('whsec_topsecret');
  });

  it('draws a new IV for every seal', () => {
    const a = box.seal('same', 'c');
    const b = box.seal('same', 'c');
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it('refuses a sealed value moved to another record, or altered', () => {
    const sealed = box.seal('whsec_x', 'event-subscription:s1');
    expect(() => box.open(sealed, 'event-subscription:s2')).toThrow(SecretBoxError);
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0]! ^= 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped.toString('base64') }, 'event-subscription:s1')).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, tag: Buffer.alloc(16).toString('base64') }, 'event-subscription:s1')).toThrow(SecretBoxError);
  });

  it('seals with the first key and opens with any configured key (rotation); an unknown key is named, the secret never', () => {
    const next = randomBytes(32);
    const old = box.seal('whsec_old', 'c');
    const rotated = new SecretBox([next, key]);
    expect(rotated.seal('whsec_new', 'c').keyId).toBe(keyIdOf(next));
    expect(rotated.open(old, 'c')).toBe('whsec_old');
    const error = (() => {
      try {
        new SecretBox([next]).open(old, 'c');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(SecretBoxError);
    expect(error?.message).toContain(keyIdOf(key));
    expect(error?.message).not.toContain('whsec_old');
  });

  it('takes only 32-byte keys', () => {
    expect(() => new SecretBox([randomBytes(16)])).toThrow(/32 bytes/);
    expect(() => new SecretBox([])).toThrow(/at least one key/);
    expect(decodeSecretsKey(key.toString('base64'))).toEqual(key);
    expect(decodeSecretsKey(randomBytes(31).toString('base64'))).toBeUndefined();
    expect(decodeSecretsKey('not base64!')).toBeUndefined();
  });
});
