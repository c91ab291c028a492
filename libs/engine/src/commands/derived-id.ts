import { createHash } from 'node:crypto';

/**
 * A run id derived from what caused the run (a schedule's occurrence, an idempotency key,
 * a map item), not drawn: starting it again finds the run already there, so the cause
 * starts exactly one run however often it is replayed or retried.
 */
export function derivedRunId(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Shaped as a UUID (version nibble 5, RFC 4122 variant) like every other run id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
