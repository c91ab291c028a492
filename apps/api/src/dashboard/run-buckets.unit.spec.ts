import { describe, expect, it } from 'vitest';
import { checkWindow, fillBuckets, windowStart } from './run-buckets.js';

const now = new Date('2026-11-26T10:17:00Z');

describe('run buckets', () => {
  it('starts the window whole hours or days back, the current one included', () => {
    expect(windowStart(now, 'hour', 1).toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(windowStart(now, 'hour', 24).toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(windowStart(now, 'day', 14).toISOString()).toBe('2026-11-13T00:00:00.000Z');
  });

  it('gives one bucket per unit, oldest first, zeros where no run started', () => {
    const since = windowStart(now, 'hour', 3);
    const buckets = fillBuckets([{ start: new Date('2026-11-26T09:00:00Z'), succeeded: 2, failed: 1, cancelled: 0, active: 3 }], since, now, 'hour');
    expect(buckets).toEqual([
      { start: new Date('2026-11-26T08:00:00Z'), succeeded: 0, failed: 0, cancelled: 0, active: 0 },
      { start: new Date('2026-11-26T09:00:00Z'), succeeded: 2, failed: 1, cancelled: 0, active: 3 },
      { start: new Date('2026-11-26T10:00:00Z'), succeeded: 0, failed: 0, cancelled: 0, active: 0 },
    ]);
  });

  it('refuses a window outside its bounds, naming the argument', () => {
    expect(checkWindow('hours', 24, 168)).toBe(24);
    expect(() => checkWindow('hours', 0, 168)).toThrow('hours: must be a whole number from 1 to 168, got 0');
    expect(() => checkWindow('days', 91, 90)).toThrow('days: must be a whole number from 1 to 90, got 91');
    expect(() => checkWindow('days', 1.5, 90)).toThrow('days: must be a whole number from 1 to 90, got 1.5');
  });
});
