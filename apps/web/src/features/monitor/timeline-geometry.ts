import type { NodeTimeline, Segment } from './run-history';

/** One bar on the timeline, placed in percent of the axis. */
export type Bar = Segment & { left: number; width: number; open: boolean; endAt: number };
export type TimelineRow = { nodeId: string; bars: Bar[] };
export type Tick = { at: number; left: number; label: string };
export type TimelineLayout = { start: number; end: number; rows: TimelineRow[]; ticks: Tick[] };

const STEPS = [50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000];
/** The narrowest bar, in percent, so a 2 ms node is still visible and focusable. */
const MIN_WIDTH = 0.6;

/** Milliseconds as a short label: 850 ms, 1.5 s, 2 min 5 s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1).replace(/\.?0+$/, '')} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

/** A tick step giving at most `maxTicks` ticks over `span` ms. */
export function tickStep(span: number, maxTicks = 6): number {
  return STEPS.find((step) => span / step <= maxTicks) ?? Math.ceil(span / maxTicks / 3_600_000) * 3_600_000;
}

/**
 * Bars per node (in `order`, then any node the events name that `order` lacks) from its
 * start to its end, or to `now` while it is open; the axis spans the earliest start to the
 * latest end (at least 1 ms), ticks relative to the start.
 */
export function layoutTimeline(timelines: Record<string, NodeTimeline>, order: readonly string[], now: number): TimelineLayout {
  const segments = Object.values(timelines).flatMap((t) => t.segments);
  if (segments.length === 0) return { start: now, end: now, rows: [], ticks: [] };
  const start = Math.min(...segments.map((s) => s.start));
  const end = Math.max(start + 1, ...segments.map((s) => s.end ?? now));
  const span = end - start;
  const pct = (at: number) => ((at - start) / span) * 100;
  const ids = [...order.filter((id) => timelines[id]?.segments.length), ...Object.keys(timelines).filter((id) => !order.includes(id) && timelines[id]!.segments.length)];
  const rows = ids.map((nodeId) => ({
    nodeId,
    bars: timelines[nodeId]!.segments.map((segment) => {
      const endAt = segment.end ?? Math.max(now, segment.start);
      const left = Math.min(pct(segment.start), 100 - MIN_WIDTH);
      return { ...segment, open: segment.end === undefined, endAt, left, width: Math.max(MIN_WIDTH, Math.min(pct(endAt), 100) - left) };
    }),
  }));
  const step = tickStep(span);
  const ticks: Tick[] = [];
  for (let at = 0; at <= span; at += step) ticks.push({ at: start + at, left: pct(start + at), label: at === 0 ? '0' : `+${formatDuration(at)}` });
  return { start, end, rows, ticks };
}
