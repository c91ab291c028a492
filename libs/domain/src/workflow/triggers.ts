import { ID_PATTERN } from '../graph/graph-limits.js';
import { InvalidInputError } from '../shared/errors.js';
import { isJsonObject, type Json } from '../shared/json.js';
import { parseEventTrigger, type EventTrigger } from './event-trigger.js';
import { parseWebhookTrigger, type WebhookTrigger } from './webhook-trigger.js';

/** What happens to occurrences missed while no scheduler ran: none fired, the latest one, or each of them (at most `MAX_CATCH_UP`). */
export type MisfirePolicy = 'skip' | 'fire_once' | 'fire_all';

/** Runs the latest published version on a cron expression, in a time zone. */
export type ScheduleTrigger = { id: string; kind: 'schedule'; cron: string; timezone: string; misfire: MisfirePolicy; paused: boolean; input: Json };
/** Runs the latest published version once, at a moment. */
export type MomentTrigger = { id: string; kind: 'once'; at: string; input: Json };
export type Trigger = ScheduleTrigger | MomentTrigger | EventTrigger | WebhookTrigger;

/** What started a run, recorded on its `workflow.started`. */
export type RunTrigger = { kind: 'schedule' | 'once'; triggerId: string; fireTime: string } | { kind: 'api'; idempotencyKey: string }
  /** An emitted event (`eventId`: its id) or a finished run (`eventId`: that run's id, `depth`: how many lifecycle triggers led here). */
  | { kind: 'event'; triggerId: string; name: string; eventId: string; depth?: number }
  /** A webhook request (`deliveryId`: its `Weft-Delivery-Id`, when sent). */
  | { kind: 'webhook'; triggerId: string; deliveryId?: string };

/** Checks the domain cannot make itself (a cron library): the reason an expression or zone is refused, or undefined. */
export type TriggerChecks = { cron(expression: string, timezone: string): string | undefined; expression?(source: string): string | undefined };

export const MAX_TRIGGERS = 20;
/** A moment this far in the past is refused as a likely mistake; a nearer one fires at once (clock skew, a slow request). */
export const MOMENT_PAST_GRACE_MS = 60_000;
/** A moment at most this far ahead. */
export const MAX_MOMENT_AHEAD_MS = 5 * 366 * 86_400_000;
export const MAX_CATCH_UP = 1000;
const MISFIRE: readonly MisfirePolicy[] = ['skip', 'fire_once', 'fire_all'];

/**
 * Validates untrusted triggers, naming the offending field (`triggers[1].cron`) and the
 * reason. Pure: `now` and the cron check are passed in.
 * @throws InvalidInputError on the first problem found.
 */
export function parseTriggers(raw: unknown, now: string, checks: TriggerChecks, current: readonly Trigger[] = []): Trigger[] {
  if (!Array.isArray(raw)) throw new InvalidInputError('triggers', 'must be an array');
  if (raw.length > MAX_TRIGGERS) throw new InvalidInputError('triggers', `at most ${MAX_TRIGGERS}, got ${raw.length}`);
  const seen = new Set<string>();
  return raw.map((value, index) => {
    const at = `triggers[${index}]`;
    if (!isJsonObject(value)) throw new InvalidInputError(at, 'must be an object');
    if (typeof value.id !== 'string' || !ID_PATTERN.test(value.id) || value.id.length > 100) throw new InvalidInputError(`${at}.id`, 'must be a name: letters, digits, _ and -');
    if (seen.has(value.id)) throw new InvalidInputError(`${at}.id`, `"${value.id}" is used by an earlier trigger`);
    seen.add(value.id);
    const input = value.input ?? {};
    if (value.kind === 'schedule') {
      const allowed = new Set(['id', 'kind', 'cron', 'timezone', 'misfire', 'paused', 'input']);
      const unknown = Object.keys(value).find((key) => !allowed.has(key));
      if (unknown) throw new InvalidInputError(`${at}.${unknown}`, 'unknown setting');
      if (typeof value.cron !== 'string' || !value.cron.trim()) throw new InvalidInputError(`${at}.cron`, 'is required: a cron expression such as "0 9 * * 1-5" (seconds optional)');
      const timezone = value.timezone ?? 'UTC';
      if (typeof timezone !== 'string') throw new InvalidInputError(`${at}.timezone`, 'must be an IANA time zone such as "Europe/Paris"');
      const problem = checks.cron(value.cron, timezone);
      if (problem) throw new InvalidInputError(problem.startsWith('timezone') ? `${at}.timezone` : `${at}.cron`, problem);
      const misfire = value.misfire ?? 'fire_once';
      if (!MISFIRE.includes(misfire as MisfirePolicy)) throw new InvalidInputError(`${at}.misfire`, `must be one of ${MISFIRE.join(', ')}`);
      if (value.paused !== undefined && typeof value.paused !== 'boolean') throw new InvalidInputError(`${at}.paused`, 'must be true or false');
      return { id: value.id, kind: 'schedule', cron: value.cron.trim(), timezone, misfire: misfire as MisfirePolicy, paused: value.paused === true, input };
    }
    if (value.kind === 'once') {
      const unknown = Object.keys(value).find((key) => !['id', 'kind', 'at', 'input'].includes(key));
      if (unknown) throw new InvalidInputError(`${at}.${unknown}`, 'unknown setting');
      const time = typeof value.at === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(value.at) ? Date.parse(value.at) : Number.NaN;
      if (Number.isNaN(time)) throw new InvalidInputError(`${at}.at`, 'must be an ISO 8601 date-time with an offset or Z, such as "2030-01-01T09:00:00+01:00"');
      const ahead = time - Date.parse(now);
      // A moment kept as it was (another trigger changed, or a pause) is not judged again.
      const kept = current.some((t) => t.kind === 'once' && t.id === value.id && Date.parse(t.at) === time);
      if (ahead < -MOMENT_PAST_GRACE_MS && !kept) throw new InvalidInputError(`${at}.at`, `is in the past (${new Date(time).toISOString()}): a moment must be ahead, or at most ${MOMENT_PAST_GRACE_MS / 1000} s behind (then it fires at once)`);
      if (ahead > MAX_MOMENT_AHEAD_MS) throw new InvalidInputError(`${at}.at`, 'is more than 5 years ahead');
      return { id: value.id, kind: 'once', at: new Date(time).toISOString(), input };
    }
    if (value.kind === 'event') return parseEventTrigger({ ...value, id: value.id }, at, checks.expression?.bind(checks));
    if (value.kind === 'webhook') return parseWebhookTrigger({ ...value, id: value.id }, at);
    throw new InvalidInputError(`${at}.kind`, 'must be "schedule", "once", "webhook" or "event"');
  });
}
