/**
 * A secret encrypted at rest (AES-256-GCM, base64 fields), as events and tables hold it.
 * `keyId` names the key that sealed it, so keys can be rotated. Only the processes that
 * hold the key (configuration, never an event) can open it.
 */
export type SealedSecret = { keyId: string; iv: string; tag: string; ciphertext: string };

export const isSealedSecret = (value: unknown): value is SealedSecret =>
  typeof value === 'object' &&
  value !== null &&
  ['keyId', 'iv', 'tag', 'ciphertext'].every((field) => typeof (value as Record<string, unknown>)[field] === 'string' && (value as Record<string, string>)[field] !== '');
