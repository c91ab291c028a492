import { Cron } from 'croner';
import type { TriggerChecks } from '@weft/domain';

/** A cron expression (5 fields, or 6 with seconds first) in an IANA time zone, never started: only its occurrences are read. */
export function cronOf(expression: string, timezone: string): Cron {
  return new Cron(expression, { timezone, paused: true, mode: 'auto' });
}

/** What the workflow decider asks about a schedule: the reason it is refused, or undefined. */
export const cronChecks: TriggerChecks = {
  cron(expression, timezone) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    } catch {
      return `timezone "${timezone.slice(0, 60)}" is not an IANA time zone such as "Europe/Paris"`;
    }
    try {
      if (!cronOf(expression, timezone).nextRun(new Date())) return `"${expression.slice(0, 100)}" never fires`;
      return undefined;
    } catch (error) {
      return `"${expression.slice(0, 100)}" is not a cron expression: ${error instanceof Error ? error.message.replace(/^CronPattern: /, '') : String(error)}`;
    }
  },
};

/** The next `count` fire times after `from`. */
export function nextFireTimes(expression: string, timezone: string, from: Date, count: number): Date[] {
  return cronOf(expression, timezone).nextRuns(count, from);
}
