/** The credential types the API accepts (docs/api.md "Credentials"). */
export const CREDENTIAL_TYPES = ['bearer', 'basic', 'header', 'oauth2', 'smtp', 'postgres', 'generic'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** One input of a typed credential form. `secret` fields are typed into password inputs. */
export type CredentialField = {
  name: string;
  label: string;
  required: boolean;
  secret: boolean;
  placeholder?: string;
  /** A fixed set of values (rendered as a select; '' leaves the field out). */
  options?: readonly string[];
};

/** A row of a `generic` credential, whose field names the user chooses. */
export type GenericRow = { name: string; value: string };

export type CredentialValues = Record<string, string>;
export type ValidationResult = { ok: true; values: CredentialValues } | { ok: false; errors: Record<string, string> };

const field = (name: string, label: string, options: Partial<Omit<CredentialField, 'name' | 'label'>> = {}): CredentialField => ({ name, label, required: true, secret: false, ...options });

const FIELDS: Record<Exclude<CredentialType, 'generic'>, CredentialField[]> = {
  bearer: [field('token', 'Token', { secret: true })],
  basic: [field('username', 'Username'), field('password', 'Password', { secret: true })],
  header: [field('name', 'Header name', { placeholder: 'X-Api-Key' }), field('value', 'Header value', { secret: true })],
  oauth2: [
    field('tokenUrl', 'Token URL', { placeholder: 'https://auth.example.com/oauth/token' }),
    field('clientId', 'Client ID'),
    field('clientSecret', 'Client secret', { secret: true }),
    field('scope', 'Scope', { required: false }),
    field('clientAuth', 'Client authentication', { required: false, options: ['body'] }),
  ],
  smtp: [
    field('host', 'Host', { placeholder: 'smtp.example.com' }),
    field('port', 'Port', { required: false, placeholder: '587' }),
    field('secure', 'TLS from the start', { required: false, options: ['true'] }),
    field('user', 'User', { required: false }),
    field('password', 'Password', { required: false, secret: true }),
  ],
  postgres: [
    field('connectionString', 'Connection string', { required: false, secret: true, placeholder: 'postgres://user:password@host:5432/db' }),
    field('host', 'Host', { required: false }),
    field('port', 'Port', { required: false, placeholder: '5432' }),
    field('database', 'Database', { required: false }),
    field('user', 'User', { required: false }),
    field('password', 'Password', { required: false, secret: true }),
    field('ssl', 'SSL', { required: false, options: ['true', 'false', 'require', 'no-verify'] }),
  ],
};

export const isCredentialType = (type: string): type is CredentialType => (CREDENTIAL_TYPES as readonly string[]).includes(type);

/** The inputs of a type's form; `generic` has none fixed (see {@link validateGenericRows}). */
export const credentialFields = (type: CredentialType): CredentialField[] => (type === 'generic' ? [] : FIELDS[type]);

const PORT = /^\d{1,5}$/;
const GENERIC_NAME = /^[A-Za-z0-9_-]+$/;
const MAX_GENERIC_FIELDS = 20;

/**
 * The values to send for a typed form: trimmed, blanks of optional fields left out, required
 * ones checked. The API checks again and has the last word (header names, URLs…).
 */
export function validateCredentialValues(type: Exclude<CredentialType, 'generic'>, input: CredentialValues): ValidationResult {
  const values: CredentialValues = {};
  const errors: Record<string, string> = {};
  for (const f of FIELDS[type]) {
    const value = (input[f.name] ?? '').trim();
    if (value === '') {
      if (f.required) errors[f.name] = `${f.label} is required`;
      continue;
    }
    if (/[\r\n]/.test(value)) errors[f.name] = `${f.label} must be one line`;
    else if (f.name === 'port' && !PORT.test(value)) errors[f.name] = 'Port must be a number';
    else values[f.name] = value;
  }
  if (type === 'postgres' && !values.connectionString && !values.host && !errors.connectionString && !errors.host) {
    errors.connectionString = 'Give a connection string or a host';
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** A generic credential's rows: 1 to 20, each with a unique name of letters, digits, `_` or `-` and a value. */
export function validateGenericRows(rows: GenericRow[]): ValidationResult {
  const filled = rows.map((row, index) => ({ ...row, name: row.name.trim(), index })).filter((row) => row.name !== '' || row.value !== '');
  const errors: Record<string, string> = {};
  const values: CredentialValues = {};
  if (filled.length === 0) errors.rows = 'Add at least one field';
  if (filled.length > MAX_GENERIC_FIELDS) errors.rows = `At most ${MAX_GENERIC_FIELDS} fields`;
  for (const row of filled) {
    if (!GENERIC_NAME.test(row.name)) errors[`rows[${row.index}].name`] = 'Use letters, digits, _ or -';
    else if (row.name in values) errors[`rows[${row.index}].name`] = `${row.name} is already used`;
    else if (row.value === '') errors[`rows[${row.index}].value`] = 'A value is required';
    else values[row.name] = row.value;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The form field an API error names (`values.token` → `token`), to show the message beside it. */
export function fieldOfApiError(field: unknown): string | undefined {
  return typeof field === 'string' && field.startsWith('values.') ? field.slice('values.'.length) : undefined;
}
