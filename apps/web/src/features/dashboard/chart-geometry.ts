import type { RunBucket } from './dashboard.operations';
import { OUTCOMES, type Outcome } from './outcomes';

/** The smallest "nice" count (1, 2 or 5 × 10ⁿ) at or above `value`; at least 1, as counts are whole. */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= value - 1e-9) ?? 10;
  return step * magnitude;
}

/** Whole-number ticks from 0 to `max` inclusive, at most `count` + 1 of them. */
export function axisTicks(max: number, count = 4): number[] {
  const step = Math.max(1, niceCeiling(max / count));
  const ticks: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) ticks.push(t);
  return ticks;
}

export const bucketTotal = (b: RunBucket): number => OUTCOMES.reduce((sum, outcome) => sum + b[outcome], 0);

export type Segment = { outcome: Outcome; count: number; y: number; height: number };
export type Bar = { bucket: RunBucket; total: number; x: number; width: number; segments: Segment[] };
export type StackedBars = { max: number; ticks: number[]; bars: Bar[]; scaleY: (value: number) => number };

/**
 * Stacked bars of buckets in a `width` × `height` box (y grows downward, as in SVG):
 * one slot per bucket, `gap` (a fraction of the slot) between bars, segments from the
 * bottom in `OUTCOMES` order. Empty outcomes have no segment. The scale's top is a nice
 * number at or above the tallest bar.
 */
export function stackBars(buckets: RunBucket[], width: number, height: number, gap = 0.2): StackedBars {
  const max = niceCeiling(Math.max(0, ...buckets.map(bucketTotal)));
  const scaleY = (value: number) => height - (value / max) * height;
  const slot = buckets.length > 0 ? width / buckets.length : 0;
  const barWidth = slot * (1 - gap);
  const bars = buckets.map((bucket, i) => {
    let base = 0;
    const segments: Segment[] = [];
    for (const outcome of OUTCOMES) {
      const count = bucket[outcome];
      if (count <= 0) continue;
      const top = base + count;
      segments.push({ outcome, count, y: scaleY(top), height: scaleY(base) - scaleY(top) });
      base = top;
    }
    return { bucket, total: base, x: i * slot + (slot - barWidth) / 2, width: barWidth, segments };
  });
  return { max, ticks: axisTicks(max), bars, scaleY };
}

/** A value's length on a linear scale from 0 to `max` over `length` (0 when `max` is 0). */
export const scaleLinear = (value: number, max: number, length: number): number => (max > 0 ? (Math.max(0, value) / max) * length : 0);
