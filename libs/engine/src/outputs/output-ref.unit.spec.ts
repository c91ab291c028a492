import { describe, expect, it } from 'vitest';
import { isOutputRef, outputRef } from './output-ref.js';

describe('output references', () => {
  const digest = 'a'.repeat(64);

  it('recognises only the exact shape the engine writes', () => {
    expect(isOutputRef(outputRef(digest, 10))).toBe(true);
    expect(isOutputRef({ $weftRef: `blob:${digest}`, bytes: 0 })).toBe(true);
    expect(isOutputRef({ $weftRef: `blob:${digest}`, bytes: 10, extra: 1 })).toBe(false);
    expect(isOutputRef({ $weftRef: `blob:${digest}` })).toBe(false);
    expect(isOutputRef({ $weftRef: `blob:${digest.toUpperCase()}`, bytes: 10 })).toBe(false);
    expect(isOutputRef({ $weftRef: 'blob:abc', bytes: 10 })).toBe(false);
    expect(isOutputRef({ $weftRef: `blob:${digest}`, bytes: 1.5 })).toBe(false);
    expect(isOutputRef({ $weftRef: `blob:${digest}`, bytes: -1 })).toBe(false);
    expect(isOutputRef([`blob:${digest}`, 10])).toBe(false);
    expect(isOutputRef(null)).toBe(false);
  });
});
