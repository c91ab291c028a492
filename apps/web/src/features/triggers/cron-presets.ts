import { toString as describeCronExpression } from 'cronstrue';

/** What the cron builder offers; anything it cannot express is `custom`. Times are `HH:MM`, days 0 (Sunday) to 6. */
export type CronPreset =
  | { kind: 'hourly'; minute: number }
  | { kind: 'daily'; time: string }
  | { kind: 'weekdays'; time: string }
  | { kind: 'weekly'; day: number; time: string }
  | { kind: 'custom'; expression: string };

export type CronPresetKind = CronPreset['kind'];

export const PRESET_LABELS: Record<CronPresetKind, string> = { hourly: 'Every hour', daily: 'Every day at', weekdays: 'Weekdays at', weekly: 'Every week on', custom: 'Custom expression' };
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const hm = (time: string): [number, number] => {
  const match = TIME.exec(time);
  return match ? [Number(match[2]), Number(match[1])] : [0, 0];
};

/** The 5-field cron expression of a preset (a custom one as typed, trimmed). */
export function presetToCron(preset: CronPreset): string {
  switch (preset.kind) {
    case 'hourly':
      return `${preset.minute} * * * *`;
    case 'daily': {
      const [m, h] = hm(preset.time);
      return `${m} ${h} * * *`;
    }
    case 'weekdays': {
      const [m, h] = hm(preset.time);
      return `${m} ${h} * * 1-5`;
    }
    case 'weekly': {
      const [m, h] = hm(preset.time);
      return `${m} ${h} * * ${preset.day}`;
    }
    case 'custom':
      return preset.expression.trim();
    default: {
      const unknown: never = preset;
      return unknown;
    }
  }
}

const INT = /^\d+$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** The preset an expression reads back as: the inverse of presetToCron, `custom` for anything else. */
export function cronToPreset(expression: string): CronPreset {
  const fields = expression.trim().split(/\s+/);
  const custom: CronPreset = { kind: 'custom', expression: expression.trim() };
  if (fields.length !== 5) return custom;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (!INT.test(minute) || Number(minute) > 59 || dom !== '*' || month !== '*') return custom;
  if (hour === '*' && dow === '*') return { kind: 'hourly', minute: Number(minute) };
  if (!INT.test(hour) || Number(hour) > 23) return custom;
  const time = `${pad(Number(hour))}:${pad(Number(minute))}`;
  if (dow === '*') return { kind: 'daily', time };
  if (dow === '1-5') return { kind: 'weekdays', time };
  if (INT.test(dow) && Number(dow) <= 6) return { kind: 'weekly', day: Number(dow), time };
  return custom;
}

/** A preset of another kind, keeping the time where both have one. */
export function switchPreset(preset: CronPreset, kind: CronPresetKind): CronPreset {
  const time = 'time' in preset ? preset.time : '09:00';
  switch (kind) {
    case 'hourly':
      return { kind, minute: preset.kind === 'hourly' ? preset.minute : 0 };
    case 'daily':
    case 'weekdays':
      return { kind, time };
    case 'weekly':
      return { kind, day: preset.kind === 'weekly' ? preset.day : 1, time };
    case 'custom':
      return { kind, expression: presetToCron(preset) };
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/** A sentence for an expression ("At 09:00, Monday through Friday"), or why it cannot be read. The server's parser stays the judge. */
export function describeCron(expression: string): { text: string } | { error: string } {
  if (!expression.trim()) return { error: 'Enter a cron expression' };
  try {
    return { text: describeCronExpression(expression.trim(), { use24HourTimeFormat: true, throwExceptionOnParseError: true }) };
  } catch (error) {
    return { error: String(error instanceof Error ? error.message : error) };
  }
}
