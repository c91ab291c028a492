import { InvalidInputError } from '@weft/domain';
import type { RunBucket } from './dashboard.types.js';

export type BucketRow = { start: Date; succeeded: number; failed: number; cancelled: number; active: number };

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;

/** The start of the window: `count` whole units back from the unit `now` falls in (UTC). */
export function windowStart(now: Date, unit: keyof typeof UNIT_MS, count: number): Date {
  const size = UNIT_MS[unit];
  return new Date(Math.floor(now.getTime() / size) * size - (count - 1) * size);
}

/** Every unit from `since` up to `now`, oldest first: counted rows where there are, zeros where not. */
export function fillBuckets(rows: readonly BucketRow[], since: Date, now: Date, unit: keyof typeof UNIT_MS): RunBucket[] {
  const size = UNIT_MS[unit];
  const byStart = new Map(rows.map((row) => [row.start.getTime(), row]));
  const buckets: RunBucket[] = [];
  for (let at = since.getTime(); at <= now.getTime(); at += size) {
    const row = byStart.get(at);
    buckets.push({ start: new Date(at), succeeded: row?.succeeded ?? 0, failed: row?.failed ?? 0, cancelled: row?.cancelled ?? 0, active: row?.active ?? 0 });
  }
  return buckets;
}

export function checkWindow(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidInputError(field, `must be a whole number from 1 to ${max}, got ${value}`);
  return value;
}

/** SQL columns counting runs by outcome; `active` is everything not yet finished. */
export const OUTCOME_COUNTS = `count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
  count(*) FILTER (WHERE status = 'failed')::int AS failed,
  count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
  count(*) FILTER (WHERE status NOT IN ('succeeded', 'failed', 'cancelled'))::int AS active`;
