'use client';

import { useId, useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { Button, ErrorText, TextInput } from '@/components/ui';
import { errorMessage } from '@/lib/graphql/errors';
import { CREDENTIAL_TYPES, credentialFields, fieldOfApiError, validateCredentialValues, validateGenericRows, type CredentialType, type CredentialValues, type GenericRow } from './credential-fields';
import { SelectInput } from './settings-ui';

export type CredentialSubmit = { name: string; type: CredentialType; values: CredentialValues };

/**
 * A credential's values, typed per credential type. Values are write-only: the form starts
 * empty (also when replacing), secrets go into password inputs, and nothing is kept after submitting.
 */
export function CredentialForm({ replacing, onSubmit, onCancel }: { replacing?: { name: string; type: CredentialType }; onSubmit: (input: CredentialSubmit) => Promise<CombinedError | undefined>; onCancel?: () => void }) {
  const id = useId();
  const [type, setType] = useState<CredentialType>(replacing?.type ?? 'bearer');
  const [values, setValues] = useState<CredentialValues>({});
  const [rows, setRows] = useState<GenericRow[]>([{ name: '', value: '' }]);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setApiError(undefined);
    const checked = type === 'generic' ? validateGenericRows(rows) : validateCredentialValues(type, values);
    const nameError: Record<string, string> = !replacing && name.trim() === '' ? { name: 'Name is required' } : {};
    if (!checked.ok || Object.keys(nameError).length > 0) {
      setErrors({ ...(checked.ok ? {} : checked.errors), ...nameError });
      return;
    }
    setErrors({});
    setBusy(true);
    const error = await onSubmit({ name: replacing?.name ?? name.trim(), type, values: checked.values });
    setBusy(false);
    if (!error) {
      setValues({});
      setRows([{ name: '', value: '' }]);
      setName('');
      return;
    }
    const field = fieldOfApiError(error.graphQLErrors[0]?.extensions?.field);
    if (field && type !== 'generic') setErrors({ [field]: errorMessage(error) });
    else setApiError(errorMessage(error));
  }

  const fieldError = (key: string) =>
    errors[key] ? (
      <span id={`${id}-${key}-error`} className="mt-1 block text-xs text-red-700" data-testid={`credential-error-${key}`}>
        {errors[key]}
      </span>
    ) : null;

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-3" aria-label={replacing ? `Replace the values of ${replacing.name}` : 'New credential'} autoComplete="off">
      {!replacing && (
        <div className="grid grid-cols-2 gap-3">
          <div>
            <TextInput label="Credential name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} aria-invalid={!!errors.name} aria-describedby={errors.name ? `${id}-name-error` : undefined} />
            {fieldError('name')}
          </div>
          <SelectInput
            label="Type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as CredentialType);
              setValues({});
              setErrors({});
            }}
            options={CREDENTIAL_TYPES.map((t) => ({ value: t, label: t }))}
          />
        </div>
      )}
      {type === 'generic' ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">Fields (1 to 20; names of letters, digits, _ or -)</legend>
          {rows.map((row, index) => (
            <div key={index} className="grid grid-cols-[1fr_2fr_auto] items-start gap-2">
              <div>
                <TextInput label={`Field ${index + 1} name`} value={row.name} onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, name: e.target.value } : r)))} />
                {fieldError(`rows[${index}].name`)}
              </div>
              <div>
                <TextInput label={`Field ${index + 1} value`} type="password" autoComplete="new-password" value={row.value} onChange={(e) => setRows(rows.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)))} />
                {fieldError(`rows[${index}].value`)}
              </div>
              <Button className="mt-6" aria-label={`Remove field ${index + 1}`} disabled={rows.length === 1} onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                Remove
              </Button>
            </div>
          ))}
          {fieldError('rows')}
          <Button disabled={rows.length >= 20} onClick={() => setRows([...rows, { name: '', value: '' }])}>
            Add field
          </Button>
        </fieldset>
      ) : (
        <div className="grid grid-cols-2 gap-3">
          {credentialFields(type).map((f) => (
            <div key={f.name}>
              {f.options ? (
                <SelectInput
                  label={`${f.label} (optional)`}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  options={[{ value: '', label: '—' }, ...f.options.map((o) => ({ value: o, label: o }))]}
                />
              ) : (
                <TextInput
                  label={f.required ? f.label : `${f.label} (optional)`}
                  type={f.secret ? 'password' : 'text'}
                  autoComplete={f.secret ? 'new-password' : 'off'}
                  placeholder={f.placeholder}
                  value={values[f.name] ?? ''}
                  onChange={(e) => setValues({ ...values, [f.name]: e.target.value })}
                  aria-invalid={!!errors[f.name]}
                  aria-describedby={errors[f.name] ? `${id}-${f.name}-error` : undefined}
                />
              )}
              {fieldError(f.name)}
            </div>
          ))}
        </div>
      )}
      {type === 'postgres' && <p className="text-xs text-slate-500">Give a connection string, or a host with the other fields.</p>}
      {apiError && <ErrorText>{apiError}</ErrorText>}
      <div className="flex gap-2">
        <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
          {busy ? 'Saving…' : replacing ? 'Replace values' : 'Create credential'}
        </Button>
        {onCancel && <Button onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
