import { describe, expect, it } from 'vitest';
import { REDACTED, redact, redactText, secretsOf } from './redact.js';

const bearer = { api: { id: 'api', type: 'bearer' as const, values: { token: 'canary-7f3a9b' } } };
const basic = { db: { id: 'db', type: 'basic' as const, values: { username: 'alice', password: 's3cr3t/pass+word' } } };

describe('redaction of credential values', () => {
  it('replaces a value wherever it appears in strings and keys, however deep', () => {
    const secrets = secretsOf(bearer);
    const output = { headers: { authorization: 'Bearer canary-7f3a9b' }, body: ['x canary-7f3a9b y', { 'canary-7f3a9b': 1 }], n: 3, ok: true, none: null };
    expect(redact(output, secrets)).toEqual({ headers: { authorization: `Bearer ${REDACTED}` }, body: [`x ${REDACTED} y`, { [REDACTED]: 1 }], n: 3, ok: true, none: null });
    expect(output.headers.authorization).toBe('Bearer canary-7f3a9b');
  });

  it('catches the base64 of a basic credential (an echoed Authorization header) and encoded forms', () => {
    const secrets = secretsOf(basic);
    const header = `Basic ${Buffer.from('alice:s3cr3t/pass+word').toString('base64')}`;
    expect(redactText(header, secrets)).toBe(`Basic ${REDACTED}`);
    expect(redactText(`?p=${encodeURIComponent('s3cr3t/pass+word')}`, secrets)).toBe(`?p=${REDACTED}`);
    expect(redactText(Buffer.from('s3cr3t/pass+word').toString('base64'), secrets)).toBe(REDACTED);
    expect(redactText('user alice', secrets)).toBe(`user ${REDACTED}`);
  });

  it('does not hunt for values shorter than 4 characters, but still for their encoded pairs', () => {
    const secrets = secretsOf({ c: { id: 'c', type: 'basic', values: { username: 'al', password: 'pw' } } });
    expect(redactText('a pwa', secrets)).toBe('a pwa');
    expect(redactText(Buffer.from('al:pw').toString('base64'), secrets)).toBe(REDACTED);
  });

  it('replaces the longest form first, and leaves values alone when there are no secrets', () => {
    expect(secretsOf({ c: { id: 'c', type: 'generic', values: { a: 'abcd', b: 'abcdefgh' } } })[0]).not.toBe('abcd');
    expect(redactText('abcdefgh', secretsOf({ c: { id: 'c', type: 'generic', values: { a: 'abcd', b: 'abcdefgh' } } }))).toBe(REDACTED);
    const output = { a: 1 };
    expect(redact(output, [])).toBe(output);
  });

  it('keeps a "__proto__" key as data', () => {
    const parsed = JSON.parse('{"__proto__": "canary-7f3a9b"}') as Record<string, unknown>;
    const out = redact(parsed, secretsOf(bearer));
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe(REDACTED);
  });
});
