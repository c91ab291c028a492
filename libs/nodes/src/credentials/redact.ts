import type { Json } from '@weft/domain';
import type { NodeCredentials } from './node-credential.js';

export const REDACTED = '[REDACTED]';
/** Shorter values are not searched for (they would blank out ordinary text); their encoded forms still are. */
export const MIN_REDACTED_LENGTH = 4;

/**
 * Every form of the credentials' values that may show up in what a node returns,
 * throws or logs: each value, its base64, base64url and URL-encoded forms, and for
 * basic credentials `user:password` and its base64 (an echoed `Authorization` header).
 * Longest first, so a value containing another is replaced whole.
 */
export function secretsOf(credentials: NodeCredentials): string[] {
  const found = new Set<string>();
  const add = (value: string) => {
    for (const form of [value, b64(value), Buffer.from(value, 'utf8').toString('base64url'), encodeURIComponent(value)]) if (form.length >= MIN_REDACTED_LENGTH) found.add(form);
  };
  for (const credential of Object.values(credentials)) {
    for (const value of Object.values(credential.values)) add(value);
    const { username, password } = credential.values;
    if (username !== undefined && password !== undefined) add(`${username}:${password}`);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

const b64 = (value: string): string => Buffer.from(value, 'utf8').toString('base64');

/** `text` with every secret replaced by `[REDACTED]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  return out;
}

/** A copy of `value` (JSON) with every secret replaced in its strings and keys; the same value when there is nothing to hide. */
export function redact<T extends Json | Record<string, unknown> | undefined>(value: T, secrets: readonly string[]): T {
  if (!secrets.length || value === undefined) return value;
  return walk(value, secrets) as T;
}

function walk(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item: unknown) => walk(item, secrets));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) Object.defineProperty(out, redactText(key, secrets), { value: walk(item, secrets), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}
