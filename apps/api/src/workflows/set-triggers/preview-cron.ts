import { InvalidInputError } from '@weft/domain';
import { cronChecks, nextFireTimes } from '@weft/engine';

const MAX_PREVIEW = 50;

/** The next `count` fire times of an expression, or BAD_USER_INPUT with the reason. */
export function previewCron(expression: string, timezone: string, count: number): Date[] {
  if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW) throw new InvalidInputError('count', `must be from 1 to ${MAX_PREVIEW}`);
  const problem = cronChecks.cron(expression, timezone);
  if (problem) throw new InvalidInputError(problem.startsWith('timezone') ? 'timezone' : 'expression', problem);
  return nextFireTimes(expression, timezone, new Date(), count);
}
