import { describe, expect, it } from 'vitest';
import { createNodeLogCollector } from './node-log.js';

const at = new Date('2026-01-01T00:00:00.000Z');

describe('createNodeLogCollector', () => {
  it('keeps entries in order with level, message, data and a sequence number', () => {
    const seen: string[] = [];
    const log = createNodeLogCollector({ now: () => at, onEntry: (entry) => seen.push(entry.message) });
    log.logger.info('request', { url: 'https://example.com' });
    log.logger.warn('slow');
    log.logger.error('failed', { status: 500 });
    expect(log.entries()).toEqual([
      { seq: 0, at: at.toISOString(), level: 'info', message: 'request', data: { url: 'https://example.com' } },
      { seq: 1, at: at.toISOString(), level: 'warn', message: 'slow' },
      { seq: 2, at: at.toISOString(), level: 'error', message: 'failed', data: { status: 500 } },
    ]);
    expect(seen).toEqual(['request', 'slow', 'failed']);
  });

  it('stops at the entry limit with one truncated entry', () => {
    const log = createNodeLogCollector({ limits: { maxEntries: 5 } });
    for (let i = 0; i < 50; i += 1) log.logger.info(`line ${i}`);
    const entries = log.entries();
    expect(entries).toHaveLength(5);
    expect(entries.slice(0, 4).map((e) => e.message)).toEqual(['line 0', 'line 1', 'line 2', 'line 3']);
    expect(entries[4]).toMatchObject({ seq: 4, level: 'warn', message: expect.stringContaining('log truncated') as unknown });
  });

  it('stops at the byte limit, whatever the count', () => {
    const log = createNodeLogCollector({ limits: { maxBytes: 2000 } });
    for (let i = 0; i < 100; i += 1) log.logger.info('x', { blob: 'y'.repeat(300) });
    const entries = log.entries();
    expect(entries.length).toBeLessThan(10);
    expect(entries.at(-1)?.message).toContain('log truncated');
    expect(JSON.stringify(entries.slice(0, -1)).length).toBeLessThanOrEqual(2000);
  });

  it('cuts long messages and replaces data that is not JSON', () => {
    const log = createNodeLogCollector();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    log.logger.info('m'.repeat(5000), cyclic as never);
    const [entry] = log.entries();
    expect(entry?.message).toHaveLength(2000);
    expect(entry?.data).toEqual({ note: 'data not representable as JSON' });
  });

  it('passes every entry, the truncation notice too, through the redactor before anyone sees it', () => {
    const seen: string[] = [];
    const log = createNodeLogCollector({
      limits: { maxEntries: 2 },
      redact: (entry) => ({ ...entry, message: entry.message.replaceAll('s3cret', '[redacted]') }),
      onEntry: (entry) => seen.push(entry.message),
    });
    log.logger.info('token s3cret');
    log.logger.info('again s3cret');
    expect(seen[0]).toBe('token [redacted]');
    expect(JSON.stringify(log.entries())).not.toContain('s3cret');
    expect(log.entries()).toHaveLength(2);
  });
});
