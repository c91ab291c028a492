'use client';

import type { ReactNode } from 'react';

/** Small form pieces of the trigger editor; a field's error sits right under it. */
export const INPUT = 'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none dark:border-slate-600 dark:bg-slate-900';

export function Field({ label, error, name, children }: { label: string; error?: string | undefined; name: string; children: ReactNode }) {
  return (
    <label className="mb-3 block text-sm">
      <span className="mb-1 block font-medium text-slate-700 dark:text-slate-300">{label}</span>
      {children}
      {error && (
        <span role="alert" className="mt-1 block text-xs text-red-700 dark:text-red-400" data-testid={`field-error-${name}`}>
          {error}
        </span>
      )}
    </label>
  );
}

let zones: string[] | undefined;
/** Every IANA zone the browser knows, UTC first. */
export function timeZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export function TimeZoneSelect({ value, onChange, error, name = 'timezone' }: { value: string; onChange: (zone: string) => void; error?: string | undefined; name?: string }) {
  const options = timeZones().includes(value) ? timeZones() : [value, ...timeZones()];
  return (
    <Field label="Time zone" error={error} name={name}>
      <select className={INPUT} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
    </Field>
  );
}
