import { describe, expect, it } from 'vitest';
import { cronChecks, nextFireTimes } from './cron.js';
import { planFires } from './plan-fires.js';

const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());

describe('planning schedule fires', () => {
  const everySecond = { cron: '* * * * * *', timezone: 'UTC' };

  it('fires what is due within the grace, and names the next occurrence', () => {
    const plan = planFires({ ...everySecond, misfire: 'skip' }, at('2026-01-01T00:00:01Z'), at('2026-01-01T00:00:02.300Z'), 5000);
    expect(iso(plan.fires)).toEqual(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z']);
    expect(plan.next?.toISOString()).toBe('2026-01-01T00:00:03.000Z');
  });

  it.each([
    ['skip', ['00:00:08', '00:00:09', '00:00:10']],
    ['fire_once', ['00:00:07', '00:00:08', '00:00:09', '00:00:10']],
    ['fire_all', ['00:00:01', '00:00:02', '00:00:03', '00:00:04', '00:00:05', '00:00:06', '00:00:07', '00:00:08', '00:00:09', '00:00:10']],
  ] as const)('after 10 s without a scheduler, %s fires %j', (misfire, times) => {
    const plan = planFires({ ...everySecond, misfire }, at('2026-01-01T00:00:01Z'), at('2026-01-01T00:00:10.500Z'), 2600);
    expect(iso(plan.fires)).toEqual(times.map((t) => `2026-01-01T${t}.000Z`));
  });

  it('fires a daily schedule once a day across both daylight-saving changes, none doubled or skipped', () => {
    const daily = { cron: '30 2 * * *', timezone: 'Europe/Berlin', misfire: 'fire_all' as const };
    // Spring: 02:30 does not exist on 29 March (02:00 → 03:00); autumn: it happens twice on 25 October.
    for (const [from, to] of [
      ['2026-03-27T00:00:00Z', '2026-04-01T00:00:00Z'],
      ['2026-10-23T00:00:00Z', '2026-10-28T00:00:00Z'],
    ] as const) {
      const { fires } = planFires(daily, at(from), at(to), Number.MAX_SAFE_INTEGER);
      const days = fires.map((d) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(d));
      expect(new Set(days).size).toBe(fires.length);
      expect(fires).toHaveLength(5);
    }
  });

  it('previews the next fire times in a time zone', () => {
    expect(iso(nextFireTimes('0 9 * * 1-5', 'America/New_York', at('2026-11-27T12:00:00Z'), 3))).toEqual(['2026-11-27T14:00:00.000Z', '2026-11-30T14:00:00.000Z', '2026-12-01T14:00:00.000Z']);
  });

  it('refuses a bad expression or zone with the reason', () => {
    expect(cronChecks.cron('61 * * * *', 'UTC')).toMatch(/not a cron expression.*minute/);
    expect(cronChecks.cron('* * * * *', 'Mars/Base')).toMatch(/^timezone "Mars\/Base" is not an IANA time zone/);
    expect(cronChecks.cron('0 0 30 2 *', 'UTC')).toBeDefined();
    expect(cronChecks.cron('0 9 * * 1-5', 'Europe/Paris')).toBeUndefined();
  });
});
