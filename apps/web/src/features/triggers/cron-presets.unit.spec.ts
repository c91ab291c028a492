import { describe, expect, it } from 'vitest';
import { cronToPreset, describeCron, presetToCron, switchPreset, type CronPreset } from './cron-presets';

describe('cron presets', () => {
  const cases: [CronPreset, string][] = [
    [{ kind: 'hourly', minute: 15 }, '15 * * * *'],
    [{ kind: 'daily', time: '07:30' }, '30 7 * * *'],
    [{ kind: 'weekdays', time: '09:00' }, '0 9 * * 1-5'],
    [{ kind: 'weekly', day: 0, time: '23:05' }, '5 23 * * 0'],
  ];

  it.each(cases)('%o ↔ %s', (preset, expression) => {
    expect(presetToCron(preset)).toBe(expression);
    expect(cronToPreset(expression)).toEqual(preset);
  });

  it('reads anything else back as a custom expression, trimmed', () => {
    for (const expression of ['*/5 * * * *', '0 9 1 * *', '0 0 9 * * 1-5', '0 9 * * 1,3', '0 24 * * *']) expect(cronToPreset(` ${expression} `)).toEqual({ kind: 'custom', expression });
    expect(presetToCron({ kind: 'custom', expression: '  */5 * * * * ' })).toBe('*/5 * * * *');
  });

  it('keeps the time when switching between kinds, and turns a preset into its expression when going custom', () => {
    expect(switchPreset({ kind: 'daily', time: '18:45' }, 'weekdays')).toEqual({ kind: 'weekdays', time: '18:45' });
    expect(switchPreset({ kind: 'weekdays', time: '18:45' }, 'weekly')).toEqual({ kind: 'weekly', day: 1, time: '18:45' });
    expect(switchPreset({ kind: 'weekdays', time: '18:45' }, 'custom')).toEqual({ kind: 'custom', expression: '45 18 * * 1-5' });
    expect(switchPreset({ kind: 'custom', expression: 'x' }, 'daily')).toEqual({ kind: 'daily', time: '09:00' });
  });
});

describe('describeCron', () => {
  it('reads common schedules in words, 24-hour clock', () => {
    expect(describeCron('0 9 * * 1-5')).toEqual({ text: 'At 09:00, Monday through Friday' });
    expect(describeCron('*/15 * * * *')).toEqual({ text: 'Every 15 minutes' });
    expect(describeCron('0 0 9 * * *')).toEqual({ text: 'At 09:00' });
  });

  it('says why it cannot read one', () => {
    expect(describeCron('')).toEqual({ error: 'Enter a cron expression' });
    expect(describeCron('not a cron')).toHaveProperty('error');
  });
});
