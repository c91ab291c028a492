'use client';

import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { describeCron, PRESET_LABELS, presetToCron, switchPreset, WEEKDAYS, type CronPreset, type CronPresetKind } from './cron-presets';
import { Field, INPUT, TimeZoneSelect } from './form-controls';
import type { Misfire, TriggerForm } from './trigger-form';
import { CRON_PREVIEW } from './triggers.operations';

type ScheduleForm = Extract<TriggerForm, { kind: 'schedule' }>;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The next fire times, from the server's own parser (`cronPreview`), shown in the schedule's zone. */
function NextFireTimes({ expression, timezone, onError }: { expression: string; timezone: string; onError: (message: string | undefined) => void }) {
  const [{ data, error, fetching }] = useQuery({ query: CRON_PREVIEW, variables: { expression, timezone, count: 5 }, pause: !expression });
  const message = error ? errorMessage(error) : undefined;
  useEffect(() => {
    onError(message);
  }, [message, onError]);
  if (!expression || error) return null;
  const format = new Intl.DateTimeFormat(undefined, { timeZone: timezone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (
    <div className="mb-3 text-sm">
      <span className="mb-1 block font-medium text-slate-700 dark:text-slate-300">Next fire times {fetching && <span className="text-xs text-slate-400">…</span>}</span>
      <ol className="list-inside list-decimal font-mono text-xs text-slate-700 dark:text-slate-300" data-testid="cron-next">
        {(data?.cronPreview ?? []).map((at) => (
          <li key={at}>{format.format(new Date(at))}</li>
        ))}
      </ol>
    </div>
  );
}

/** The cron builder: a preset (or a custom expression), its zone, its description in words and its next fire times. */
export function ScheduleFields({ form, onChange, errors }: { form: ScheduleForm; onChange: (form: ScheduleForm) => void; errors: Record<string, string> }) {
  const expression = presetToCron(form.preset);
  const described = describeCron(expression);
  const debounced = useDebounced({ expression, timezone: form.timezone }, 300);
  const [previewError, setPreviewError] = useState<string>();
  const setPreset = (preset: CronPreset) => onChange({ ...form, preset });
  const time = 'time' in form.preset ? form.preset.time : '09:00';
  const setTime = (value: string) => 'time' in form.preset && setPreset({ ...form.preset, time: value });

  return (
    <>
      <Field label="Repeat" name="preset">
        <select className={INPUT} value={form.preset.kind} onChange={(e) => setPreset(switchPreset(form.preset, e.target.value as CronPresetKind))}>
          {(Object.keys(PRESET_LABELS) as CronPresetKind[]).map((kind) => (
            <option key={kind} value={kind}>
              {PRESET_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      {form.preset.kind === 'hourly' && (
        <Field label="At minute" name="minute">
          <input className={INPUT} type="number" min={0} max={59} value={form.preset.minute} onChange={(e) => setPreset({ kind: 'hourly', minute: Math.min(59, Math.max(0, Number(e.target.value) || 0)) })} />
        </Field>
      )}
      {form.preset.kind === 'weekly' && (
        <Field label="Day" name="day">
          <select className={INPUT} value={form.preset.day} onChange={(e) => setPreset({ kind: 'weekly', day: Number(e.target.value), time })}>
            {WEEKDAYS.map((day, index) => (
              <option key={day} value={index}>
                {day}
              </option>
            ))}
          </select>
        </Field>
      )}
      {'time' in form.preset && (
        <Field label="At (HH:MM)" name="time">
          <input className={INPUT} type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
        </Field>
      )}
      <Field label="Cron expression" name="cron" error={errors.cron ?? previewError}>
        {form.preset.kind === 'custom' ? (
          <input className={`${INPUT} font-mono`} value={form.preset.expression} placeholder="*/15 * * * *" onChange={(e) => setPreset({ kind: 'custom', expression: e.target.value })} aria-invalid={Boolean(errors.cron ?? previewError)} />
        ) : (
          <input className={`${INPUT} font-mono text-slate-500`} value={expression} readOnly />
        )}
      </Field>
      <p className="-mt-2 mb-3 text-sm text-slate-700 italic dark:text-slate-300" data-testid="cron-description">
        {'text' in described ? described.text : ''}
      </p>
      <TimeZoneSelect value={form.timezone} onChange={(timezone) => onChange({ ...form, timezone })} error={errors.timezone} />
      <NextFireTimes expression={debounced.expression} timezone={debounced.timezone} onError={setPreviewError} />
      <Field label="When occurrences were missed (all schedulers down)" name="misfire" error={errors.misfire}>
        <select className={INPUT} value={form.misfire} onChange={(e) => onChange({ ...form, misfire: e.target.value as Misfire })}>
          <option value="fire_once">Fire the latest once</option>
          <option value="skip">Skip them</option>
          <option value="fire_all">Fire each</option>
        </select>
      </Field>
    </>
  );
}
