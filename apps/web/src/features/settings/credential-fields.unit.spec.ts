import { describe, expect, it } from 'vitest';
import { CREDENTIAL_TYPES, credentialFields, fieldOfApiError, validateCredentialValues, validateGenericRows } from './credential-fields';

describe('credential forms', () => {
  it('maps each type to the fields the API expects', () => {
    const names = Object.fromEntries(CREDENTIAL_TYPES.map((type) => [type, credentialFields(type).map((f) => (f.required ? f.name : `${f.name}?`))]));
    expect(names).toEqual({
      bearer: ['token'],
      basic: ['username', 'password'],
      header: ['name', 'value'],
      oauth2: ['tokenUrl', 'clientId', 'clientSecret', 'scope?', 'clientAuth?'],
      smtp: ['host', 'port?', 'secure?', 'user?', 'password?'],
      postgres: ['connectionString?', 'host?', 'port?', 'database?', 'user?', 'password?', 'ssl?'],
      generic: [],
    });
  });

  it('types secrets into password inputs and leaves names visible', () => {
    const secret = (type: 'basic' | 'header') => credentialFields(type).filter((f) => f.secret).map((f) => f.name);
    expect(secret('basic')).toEqual(['password']);
    expect(secret('header')).toEqual(['value']);
  });

  it('names every missing required field', () => {
    expect(validateCredentialValues('basic', { username: '  ' })).toEqual({ ok: false, errors: { username: 'Username is required', password: 'Password is required' } });
  });

  it('trims values and leaves blank optional fields out', () => {
    expect(validateCredentialValues('smtp', { host: ' mail.internal ', port: '', user: 'ada' })).toEqual({ ok: true, values: { host: 'mail.internal', user: 'ada' } });
  });

  it('refuses a line break and a port that is not a number', () => {
    expect(validateCredentialValues('smtp', { host: 'a\nb', port: 'x' })).toEqual({ ok: false, errors: { host: 'Host must be one line', port: 'Port must be a number' } });
  });

  it('needs a postgres connection string or a host', () => {
    expect(validateCredentialValues('postgres', { database: 'db' })).toEqual({ ok: false, errors: { connectionString: 'Give a connection string or a host' } });
    expect(validateCredentialValues('postgres', { host: 'db.internal', ssl: 'true' })).toEqual({ ok: true, values: { host: 'db.internal', ssl: 'true' } });
  });

  it('checks generic rows: names, duplicates, values, and at least one', () => {
    expect(validateGenericRows([{ name: '', value: '' }])).toEqual({ ok: false, errors: { rows: 'Add at least one field' } });
    expect(validateGenericRows([{ name: 'api key', value: 'x' }, { name: 'a', value: '' }, { name: 'b', value: '1' }, { name: 'b', value: '2' }])).toEqual({
      ok: false,
      errors: { 'rows[0].name': 'Use letters, digits, _ or -', 'rows[1].value': 'A value is required', 'rows[3].name': 'b is already used' },
    });
    expect(validateGenericRows([{ name: ' region ', value: 'eu\nwest' }, { name: '', value: '' }])).toEqual({ ok: true, values: { region: 'eu\nwest' } });
  });

  it('maps an API error field to the form field', () => {
    expect(fieldOfApiError('values.token')).toBe('token');
    expect(fieldOfApiError('type')).toBeUndefined();
    expect(fieldOfApiError(undefined)).toBeUndefined();
  });
});
