import { describe, expect, it } from 'vitest';
import { formatDuration, runDurationMs, triggerLabel } from './run-format';

describe('formatting runs', () => {
  it.each([
    [0, '0 ms'],
    [340.4, '340 ms'],
    [999, '999 ms'],
    [1000, '1.0 s'],
    [4_289, '4.2 s'],
    [12_900, '12 s'],
    [192_000, '3 m 12 s'],
    [7_500_000, '2 h 5 m'],
    [3 * 86_400_000 + 4 * 3_600_000, '3 d 4 h'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('formats %s ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('measures finished runs only', () => {
    expect(runDurationMs({ startedAt: '2026-03-10T12:00:00.000Z', finishedAt: '2026-03-10T12:00:01.500Z' })).toBe(1500);
    expect(runDurationMs({ startedAt: '2026-03-10T12:00:00.000Z', finishedAt: null })).toBeUndefined();
  });

  it('names what started a run', () => {
    expect(triggerLabel({ trigger: null, rerunOf: null })).toBe('manual');
    expect(triggerLabel({ trigger: null, rerunOf: 'r0' })).toBe('re-run');
    expect(triggerLabel({ trigger: { kind: 'schedule', triggerId: 't' }, rerunOf: null })).toBe('schedule');
    expect(triggerLabel({ trigger: { kind: 'api', idempotencyKey: 'k' }, rerunOf: null })).toBe('API');
    expect(triggerLabel({ trigger: { kind: 'event', name: 'order.paid' }, rerunOf: null })).toBe('event order.paid');
    expect(triggerLabel({ trigger: { kind: 'webhook' }, rerunOf: null })).toBe('webhook');
  });
});
