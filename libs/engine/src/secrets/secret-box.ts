import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SealedSecret } from '@weft/domain';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** Thrown by `open` when a sealed secret cannot be opened: its key is not configured, or it (or its context) was altered. Never holds the secret. */
export class SecretBoxError extends Error {}

/**
 * Encrypts secrets at rest with AES-256-GCM: what events and tables hold is a
 * `SealedSecret`, never the secret. `context` (the record's id, e.g.
 * `event-subscription:<id>`) is authenticated with it, so a sealed value moved to
 * another record does not open. Seals with the first key; opens with any key
 * given, found by its id, so a new key can be put first while old ones still open.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  private readonly currentId: string;

  /** @param keys 32-byte keys, the current one first. */
  constructor(keys: readonly Buffer[]) {
    if (!keys.length) throw new TypeError('SecretBox needs at least one key');
    for (const key of keys) if (key.length !== KEY_BYTES) throw new TypeError(`a SecretBox key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.keys = new Map(keys.map((key) => [keyIdOf(key), key]));
    this.currentId = keyIdOf(keys[0]!);
  }

  /** The id of the key `seal` uses: a sealed secret with another `keyId` is due to be sealed again after a rotation. */
  get currentKeyId(): string {
    return this.currentId;
  }

  seal(plaintext: string, context: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentId)!, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentId, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  }

  /** @throws SecretBoxError when the key is unknown or the value or context does not authenticate. */
  open(sealed: SealedSecret, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new SecretBoxError(`no key "${sealed.keyId}" is configured to open this secret (WEFT_SECRETS_KEY changed?)`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretBoxError(`a secret sealed with key "${sealed.keyId}" does not authenticate for ${context}`);
    }
  }
}

/** A key's public name: a fingerprint that reveals nothing of the key. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update('weft-secret-key-id\u0000').update(key).digest('hex').slice(0, 12);

/** Decodes a base64 key (as WEFT_SECRETS_KEY holds it); undefined unless it is exactly 32 bytes. */
export function decodeSecretsKey(base64: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64.trim())) return undefined;
  const key = Buffer.from(base64.trim(), 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}
