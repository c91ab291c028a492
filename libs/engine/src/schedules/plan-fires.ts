import { MAX_CATCH_UP, type MisfirePolicy } from '@weft/domain';
import { cronOf } from './cron.js';

export type CronSchedule = { cron: string; timezone: string; misfire: MisfirePolicy };

/**
 * The occurrences of a schedule to fire now, from `dueFrom` (its first unfired occurrence)
 * up to `now`, and its next occurrence after `now`. An occurrence later than `graceMs` is a
 * misfire (no scheduler ran in time); the policy says which of those fire: none (`skip`),
 * the latest (`fire_once`), or each, up to MAX_CATCH_UP (`fire_all`). Occurrences within the
 * grace always fire. Pure apart from the cron arithmetic.
 */
export function planFires(schedule: CronSchedule, dueFrom: Date, now: Date, graceMs: number): { fires: Date[]; next: Date | undefined } {
  const cron = cronOf(schedule.cron, schedule.timezone);
  const occurrences: Date[] = [];
  for (let at = cron.nextRun(new Date(dueFrom.getTime() - 1)); at && at <= now; at = cron.nextRun(at)) {
    occurrences.push(at);
    if (occurrences.length > MAX_CATCH_UP) occurrences.shift(); // a very long outage: keep the latest
  }
  const missed = occurrences.filter((at) => now.getTime() - at.getTime() > graceMs);
  const onTime = occurrences.filter((at) => now.getTime() - at.getTime() <= graceMs);
  const late = schedule.misfire === 'fire_all' ? missed : schedule.misfire === 'fire_once' ? missed.slice(-1) : [];
  return { fires: [...late, ...onTime], next: cron.nextRun(now) ?? undefined };
}
