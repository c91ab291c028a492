'use client';

import { Button } from '@/components/ui';
import { Field, INPUT, TimeZoneSelect } from './form-controls';
import { ScheduleFields } from './schedule-fields';
import { TRIGGER_KINDS, type TriggerForm } from './trigger-form';
import { localToIso } from './zoned-time';

type Props = {
  form: TriggerForm;
  /** Problems by field name (`cron`, `at`, `input`…), from the browser's checks or the API's `triggers[i].<field>`. */
  errors: Record<string, string>;
  busy: boolean;
  onChange: (form: TriggerForm) => void;
  onSave: () => void;
  onCancel: () => void;
};

function InputField({ value, onChange, error }: { value: string; onChange: (text: string) => void; error?: string | undefined }) {
  return (
    <Field label="Run input (JSON, optional)" name="input" error={error}>
      <textarea className={`${INPUT} h-20 font-mono text-xs`} value={value} placeholder="{}" onChange={(e) => onChange(e.target.value)} />
    </Field>
  );
}

/** Adds or edits one trigger; saving replaces the workflow's whole list (the panel does that). */
export function TriggerEditor({ form, errors, busy, onChange, onSave, onCancel }: Props) {
  return (
    <form
      className="mb-4 rounded-md border border-indigo-200 p-3 dark:border-indigo-800"
      data-testid="trigger-editor"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <h3 className="mb-2 font-medium">{TRIGGER_KINDS[form.kind]}</h3>
      <Field label="Id" name="id" error={errors.id}>
        <input className={`${INPUT} font-mono`} value={form.id} onChange={(e) => onChange({ ...form, id: e.target.value })} />
      </Field>
      {form.kind === 'schedule' && (
        <>
          <ScheduleFields form={form} onChange={onChange} errors={errors} />
          <InputField value={form.input} onChange={(input) => onChange({ ...form, input })} error={errors.input} />
        </>
      )}
      {form.kind === 'once' && (
        <>
          <Field label="At" name="at" error={errors.at}>
            <input className={INPUT} type="datetime-local" value={form.local} onChange={(e) => onChange({ ...form, local: e.target.value })} />
          </Field>
          <TimeZoneSelect value={form.timezone} onChange={(timezone) => onChange({ ...form, timezone })} />
          {form.local && <p className="-mt-2 mb-3 font-mono text-xs text-slate-600 dark:text-slate-400">{localToIso(form.local, form.timezone) ?? ''}</p>}
          <InputField value={form.input} onChange={(input) => onChange({ ...form, input })} error={errors.input} />
        </>
      )}
      {form.kind === 'webhook' && (
        <label className="mb-3 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={form.signed} onChange={(e) => onChange({ ...form, signed: e.target.checked })} />
          Signed: callers must send an HMAC signature (<code>Weft-Signature</code>)
        </label>
      )}
      {form.kind === 'event' && (
        <>
          <Field label="Event name" name="name" error={errors.name}>
            <input className={`${INPUT} font-mono`} value={form.name} placeholder="order.created" onChange={(e) => onChange({ ...form, name: e.target.value })} />
          </Field>
          <Field label="Filter (JSONata over the payload, optional)" name="filter" error={errors.filter}>
            <input className={`${INPUT} font-mono`} value={form.filter} placeholder='amount > 100 and currency = "EUR"' onChange={(e) => onChange({ ...form, filter: e.target.value })} />
          </Field>
          <Field label="Watched workflow id (lifecycle events only, optional)" name="workflowId" error={errors.workflowId}>
            <input className={`${INPUT} font-mono`} value={form.workflowId} onChange={(e) => onChange({ ...form, workflowId: e.target.value })} />
          </Field>
        </>
      )}
      {errors[''] && <p role="alert" className="mb-2 text-xs text-red-700 dark:text-red-400">{errors['']}</p>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Saving…' : 'Save trigger'}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
