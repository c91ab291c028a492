import { describe, expect, it } from 'vitest';
import type { NodeTimeline } from './run-history';
import { formatDuration, layoutTimeline, tickStep } from './timeline-geometry';

const timelines: Record<string, NodeTimeline> = {
  a: { attempts: [], segments: [{ attempt: 1, kind: 'run', start: 1000, end: 2000, outcome: 'succeeded' }] },
  b: {
    attempts: [],
    segments: [
      { attempt: 1, kind: 'run', start: 2000, end: 2500, outcome: 'retrying' },
      { attempt: 2, kind: 'run', start: 2800 },
    ],
  },
};

describe('timeline geometry', () => {
  it('places one bar per segment in percent of the axis, an open one up to now', () => {
    const layout = layoutTimeline(timelines, ['b', 'a'], 3000);
    expect(layout.start).toBe(1000);
    expect(layout.end).toBe(3000);
    expect(layout.rows.map((r) => r.nodeId)).toEqual(['b', 'a']);
    expect(layout.rows[1]!.bars[0]).toMatchObject({ left: 0, width: 50, open: false, endAt: 2000 });
    expect(layout.rows[0]!.bars.map((b) => [b.attempt, b.left, b.width, b.open])).toEqual([
      [1, 50, 25],
      [2, 90, 10, true],
    ].map(([attempt, left, width, open]) => [attempt, left, width, open ?? false]));
  });

  it('keeps a very short bar visible, lists nodes missing from the order last, and is empty without segments', () => {
    const layout = layoutTimeline({ ...timelines, c: { attempts: [], segments: [{ attempt: 1, kind: 'wait', start: 2000, end: 2000 }] } }, ['a'], 3000);
    expect(layout.rows.map((r) => r.nodeId)).toEqual(['a', 'b', 'c']);
    expect(layout.rows[2]!.bars[0]!.width).toBeGreaterThan(0);
    expect(layoutTimeline({}, ['a'], 5)).toEqual({ start: 5, end: 5, rows: [], ticks: [] });
  });

  it('ticks at a round step from the start', () => {
    expect(tickStep(2000)).toBe(500);
    expect(tickStep(45_000)).toBe(10_000);
    expect(layoutTimeline(timelines, [], 3000).ticks.map((t) => [t.left, t.label])).toEqual([
      [0, '0'],
      [25, '+500 ms'],
      [50, '+1 s'],
      [75, '+1.5 s'],
      [100, '+2 s'],
    ]);
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(12_340)).toBe('12.3 s');
  });
});
