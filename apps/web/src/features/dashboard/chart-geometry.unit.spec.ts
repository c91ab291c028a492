import { describe, expect, it } from 'vitest';
import { axisTicks, niceCeiling, scaleLinear, stackBars } from './chart-geometry';

const bucket = (succeeded: number, failed = 0, cancelled = 0, active = 0) => ({ start: '2026-03-10T12:00:00.000Z', succeeded, failed, cancelled, active });

describe('chart geometry', () => {
  it('rounds the scale up to a nice number', () => {
    expect([0, 0.5, 1, 3, 7, 10, 11, 38, 120].map(niceCeiling)).toEqual([1, 1, 1, 5, 10, 10, 20, 50, 200]);
    expect(axisTicks(10)).toEqual([0, 5, 10]);
    expect(axisTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(1)).toEqual([0, 1]);
  });

  it('stacks the outcomes from the bottom, each as tall as its count', () => {
    const { max, bars } = stackBars([bucket(2, 1, 0, 1), bucket(0), bucket(5)], 300, 100);
    expect(max).toBe(5);
    expect(bars.map((b) => [b.x, b.width, b.total])).toEqual([
      [10, 80, 4],
      [110, 80, 0],
      [210, 80, 5],
    ]);
    expect(bars[0]!.segments).toEqual([
      { outcome: 'succeeded', count: 2, y: 60, height: 40 },
      { outcome: 'failed', count: 1, y: 40, height: 20 },
      { outcome: 'active', count: 1, y: 20, height: 20 },
    ]);
    expect(bars[1]!.segments).toEqual([]);
    expect(bars[2]!.segments).toEqual([{ outcome: 'succeeded', count: 5, y: 0, height: 100 }]);
  });

  it('draws nothing tall for an empty window, and scales bars linearly', () => {
    const { max, bars } = stackBars([bucket(0), bucket(0)], 100, 50);
    expect(max).toBe(1);
    expect(bars.every((b) => b.segments.length === 0)).toBe(true);
    expect(stackBars([], 100, 50).bars).toEqual([]);
    expect(scaleLinear(50, 200, 120)).toBe(30);
    expect(scaleLinear(5, 0, 120)).toBe(0);
  });
});
