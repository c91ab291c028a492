import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JsonObject } from '@weft/domain';
import { createTokenLogBatcher } from './token-log-batcher.js';

const logger = () => {
  const texts: string[] = [];
  const info = (message: string, data?: JsonObject) => void texts.push(data?.text as string);
  return { texts, log: { info, warn: info, error: info } };
};

describe('token log batcher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('batches by size and by time, and flushes the rest at the end', () => {
    const { texts, log } = logger();
    const batcher = createTokenLogBatcher(log, { intervalMs: 100, maxChars: 10 });
    batcher.push('hello ');
    expect(texts).toEqual([]);
    batcher.push('world!');
    expect(texts).toEqual(['hello world!']);
    batcher.push('a');
    vi.advanceTimersByTime(100);
    expect(texts).toEqual(['hello world!', 'a']);
    batcher.push('b');
    batcher.flush();
    expect(texts).toEqual(['hello world!', 'a', 'b']);
    vi.advanceTimersByTime(1000);
    expect(texts).toHaveLength(3);
  });

  it('never splits a secret across two entries, and redacts it whole', () => {
    const { texts, log } = logger();
    const batcher = createTokenLogBatcher(log, { intervalMs: 100, maxChars: 4, secrets: ['sk-secret-42'] });
    for (const chunk of ['key ', 'is s', 'k-se', 'cret', '-42 ', 'ok']) batcher.push(chunk);
    batcher.flush();
    expect(texts.join('')).toBe('key is [REDACTED] ok');
    expect(texts.some((text) => /s$|sk|k-|cret|-42/.test(text))).toBe(false);
  });
});
