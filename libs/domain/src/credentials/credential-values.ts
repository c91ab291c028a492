import { InvalidInputError } from '../shared/errors.js';
import { CREDENTIAL_TYPES, type CredentialType } from './credential.events.js';

export const MAX_CREDENTIAL_NAME_LENGTH = 200;
/** The serialized values of one credential, in UTF-8 bytes. */
export const MAX_CREDENTIAL_VALUES_BYTES = 8 * 1024;
export const MAX_CREDENTIAL_FIELDS = 20;

/** The fields each type must have; `generic` takes any (at least one). */
export const CREDENTIAL_REQUIRED_FIELDS: Readonly<Record<CredentialType, readonly string[]>> = {
  bearer: ['token'],
  basic: ['username', 'password'],
  header: ['name', 'value'],
  oauth2: ['tokenUrl', 'clientId', 'clientSecret'],
  smtp: ['host'],
  postgres: [],
  generic: [],
};

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const isHttpUrl = (text: string): boolean => /^https?:\/\/[^\s]+$/i.test(text) && URL.canParse(text);

export function checkCredentialType(value: unknown): CredentialType {
  if (!CREDENTIAL_TYPES.includes(value as CredentialType)) throw new InvalidInputError('type', `unknown credential type ${JSON.stringify(value)}: one of ${CREDENTIAL_TYPES.join(', ')}`);
  return value as CredentialType;
}

/** Field names of a credential of `type`: valid, not repeated, those the type requires present. */
export function checkCredentialFields(type: CredentialType, value: unknown): string[] {
  if (!Array.isArray(value) || !value.length) throw new InvalidInputError('values', 'must hold at least one value');
  if (value.length > MAX_CREDENTIAL_FIELDS) throw new InvalidInputError('values', `at most ${MAX_CREDENTIAL_FIELDS} values, got ${value.length}`);
  value.forEach((field: unknown) => {
    if (typeof field !== 'string' || !FIELD_NAME.test(field)) throw new InvalidInputError('values', `field names are 1 to 64 letters, digits, _ or - (starting with a letter or _), got ${JSON.stringify(field)}`);
  });
  if (new Set(value).size !== value.length) throw new InvalidInputError('values', 'field names repeat');
  for (const required of CREDENTIAL_REQUIRED_FIELDS[type]) if (!value.includes(required)) throw new InvalidInputError(`values.${required}`, `is required for a ${type} credential`);
  return [...(value as string[])].sort();
}

/**
 * Checks the values of a credential of `type` before they are sealed (the decider only
 * sees them sealed): a JSON object of non-empty strings, with the fields the type needs,
 * at most 8 KiB. Errors name the field, never the value.
 */
export function checkCredentialValues(type: CredentialType, values: unknown): Record<string, string> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) throw new InvalidInputError('values', 'must be a JSON object of strings');
  const entries = Object.entries(values as Record<string, unknown>);
  checkCredentialFields(type, entries.map(([field]) => field));
  for (const [field, value] of entries) {
    if (typeof value !== 'string' || value === '') throw new InvalidInputError(`values.${field}`, 'must be a non-empty string');
    if (/[\r\n\0]/.test(value) && type !== 'generic') throw new InvalidInputError(`values.${field}`, 'may not contain line breaks');
  }
  const bytes = new TextEncoder().encode(JSON.stringify(values)).length;
  if (bytes > MAX_CREDENTIAL_VALUES_BYTES) throw new InvalidInputError('values', `at most ${MAX_CREDENTIAL_VALUES_BYTES} bytes, got ${bytes}`);
  if (type === 'header' && !HEADER_NAME.test((values as Record<string, string>).name!)) throw new InvalidInputError('values.name', 'must be a valid HTTP header name');
  if (type === 'postgres' && !('connectionString' in values) && !('host' in values)) throw new InvalidInputError('values.connectionString', 'a postgres credential needs connectionString or host');
  if (type === 'oauth2' && !isHttpUrl((values as Record<string, string>).tokenUrl!)) throw new InvalidInputError('values.tokenUrl', 'must be an http or https URL');
  return Object.fromEntries(entries) as Record<string, string>;
}
