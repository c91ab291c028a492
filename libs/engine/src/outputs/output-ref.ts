/**
 * What an event holds in place of an output stored out of line: the SHA-256 of
 * the output's JSON (UTF-8) and its size. Exactly these two keys, a 64-digit hex
 * digest behind `blob:`, and a whole `bytes`: user data of that exact shape is
 * not expected; an output that has it anyway is itself stored out of line, so a
 * reference in a node output position is always the engine's.
 */
export type OutputRef = { $weftRef: `blob:${string}`; bytes: number };

const REF = /^blob:[0-9a-f]{64}$/;

export const outputRef = (sha256: string, bytes: number): OutputRef => ({ $weftRef: `blob:${sha256}`, bytes });

export function isOutputRef(value: unknown): value is OutputRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 2) return false;
  const { $weftRef, bytes } = value as Record<string, unknown>;
  return typeof $weftRef === 'string' && REF.test($weftRef) && Number.isSafeInteger(bytes) && (bytes as number) >= 0;
}

/** The digest a reference names. */
export const refDigest = (ref: OutputRef): string => ref.$weftRef.slice('blob:'.length);
