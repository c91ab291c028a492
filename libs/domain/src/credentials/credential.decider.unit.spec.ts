import { describe, expect, it } from 'vitest';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import type { SealedSecret } from '../shared/sealed-secret.js';
import { deciderSpec, meta } from '../testing/decider-spec.js';
import type { CredentialCommand } from './credential.commands.js';
import { createCredentialDecider } from './credential.decider.js';
import type { CredentialEvent } from './credential.events.js';
import { checkCredentialValues, MAX_CREDENTIAL_VALUES_BYTES } from './credential-values.js';

const spec = deciderSpec(createCredentialDecider());
const now = '2026-01-01T00:00:00.000Z';
const sealed: SealedSecret = { keyId: 'k1', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Y2lwaGVy' };
const resealed: SealedSecret = { ...sealed, keyId: 'k2' };

const create = (data: Partial<{ name: unknown; credentialType: unknown; fields: unknown; values: SealedSecret }> = {}): CredentialCommand => ({
  type: 'CreateCredential',
  data: { credentialId: 'c1', name: 'GitHub token', credentialType: 'bearer', fields: ['token'], values: sealed, ...data },
  metadata: meta(),
});
const replace = (fields: unknown = ['token']): CredentialCommand => ({ type: 'ReplaceCredentialValues', data: { credentialId: 'c1', fields, values: resealed }, metadata: meta({ now: '2026-01-02T00:00:00.000Z' }) });
const remove = (): CredentialCommand => ({ type: 'DeleteCredential', data: { credentialId: 'c1' }, metadata: meta() });
const created: CredentialEvent = { type: 'credential.created', data: { credentialId: 'c1', name: 'GitHub token', credentialType: 'bearer', fields: ['token'], values: sealed, createdAt: now } };
const deleted: CredentialEvent = { type: 'credential.deleted', data: { credentialId: 'c1', deletedAt: now } };

const refusal = (run: () => unknown): InvalidInputError => {
  try {
    run();
  } catch (error) {
    return error as InvalidInputError;
  }
  throw new Error('expected a refusal');
};

describe('credential decider', () => {
  it('given nothing, when created, then it records the name, type, field names and the sealed values only', () => {
    expect(spec.given([]).when(create()).run()).toEqual([created]);
  });

  it('sorts the field names of a generic credential', () => {
    const [event] = spec.given([]).when(create({ credentialType: 'generic', fields: ['b', 'a'] })).run();
    expect(event).toMatchObject({ data: { credentialType: 'generic', fields: ['a', 'b'] } });
  });

  it.each([
    [{ name: '' }, 'name', /is required/],
    [{ name: 'x'.repeat(201) }, 'name', /at most 200/],
    [{ credentialType: 'oauth' }, 'type', /unknown credential type "oauth": one of bearer, basic, header, oauth2, smtp, postgres, generic/],
    [{ fields: [] }, 'values', /at least one/],
    [{ credentialType: 'basic', fields: ['username'] }, 'values.password', /required for a basic credential/],
    [{ credentialType: 'header', fields: ['value'] }, 'values.name', /required for a header credential/],
    [{ fields: ['token', 'token'] }, 'values', /repeat/],
    [{ fields: ['token', 'bad name'] }, 'values', /field names/],
    [{ values: { ...sealed, iv: '' } }, 'values', /sealed/],
  ])('given nothing, when created with %o, then it is refused naming %s', (data, field, message) => {
    const error = refusal(spec.given([]).when(create(data)).run);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('given a credential, when created again, then it conflicts', () => {
    expect(spec.given([created]).when(create()).run).toThrow(ConflictError);
  });

  it('given a credential, when its values are replaced, then the new sealed values and time are kept', () => {
    const events = spec.given([created]).when(replace()).run();
    expect(events).toEqual([{ type: 'credential.values_replaced', data: { credentialId: 'c1', fields: ['token'], values: resealed, replacedAt: '2026-01-02T00:00:00.000Z' } }]);
    expect(spec.given([created, ...events]).state).toMatchObject({ values: resealed, createdAt: now, updatedAt: '2026-01-02T00:00:00.000Z' });
  });

  it('keeps the fields its type needs when values are replaced', () => {
    expect(refusal(spec.given([created]).when(replace(['secret'])).run).field).toBe('values.token');
  });

  it('given a credential, when deleted, then it is deleted; replacing or deleting it again, or anything missing, is not found', () => {
    expect(spec.given([created]).when(remove()).run()).toEqual([deleted]);
    expect(spec.given([created, deleted]).when(remove()).run).toThrow(NotFoundError);
    expect(spec.given([created, deleted]).when(replace()).run).toThrow(NotFoundError);
    expect(spec.given([]).when(remove()).run).toThrow(NotFoundError);
  });
});

describe('credential values, checked before they are sealed', () => {
  it('takes an object of non-empty strings with the fields of its type', () => {
    expect(checkCredentialValues('basic', { username: 'u', password: 'p' })).toEqual({ username: 'u', password: 'p' });
    expect(checkCredentialValues('generic', { apiKey: 'k', region: 'eu' })).toEqual({ apiKey: 'k', region: 'eu' });
    const oauth2 = { tokenUrl: 'https://auth.example.com/token', clientId: 'id', clientSecret: 's', scope: 'read' };
    expect(checkCredentialValues('oauth2', oauth2)).toEqual(oauth2);
    expect(checkCredentialValues('smtp', { host: 'mail.example.com', port: '587', user: 'u', password: 'p' })).toMatchObject({ host: 'mail.example.com' });
    expect(checkCredentialValues('postgres', { connectionString: 'postgres://u:p@db.example.com/d' })).toMatchObject({ connectionString: 'postgres://u:p@db.example.com/d' });
    expect(checkCredentialValues('postgres', { host: 'db.example.com', database: 'd' })).toMatchObject({ host: 'db.example.com' });
  });

  it.each([
    ['bearer', 'token', 'values', /a JSON object/],
    ['bearer', {}, 'values', /at least one/],
    ['bearer', { secret: 'x' }, 'values.token', /required for a bearer credential/],
    ['bearer', { token: '' }, 'values.token', /non-empty string/],
    ['bearer', { token: 42 }, 'values.token', /non-empty string/],
    ['bearer', { token: 'a\nb' }, 'values.token', /line breaks/],
    ['header', { name: 'bad header', value: 'v' }, 'values.name', /header name/],
    ['oauth2', { tokenUrl: 'https://a.test/t', clientId: 'id' }, 'values.clientSecret', /required for a oauth2 credential/],
    ['oauth2', { tokenUrl: 'ftp://a.test/t', clientId: 'id', clientSecret: 's' }, 'values.tokenUrl', /http or https URL/],
    ['smtp', { user: 'u', password: 'p' }, 'values.host', /required for a smtp credential/],
    ['postgres', { user: 'u', password: 'p' }, 'values.connectionString', /connectionString or host/],
    ['generic', { blob: 'x'.repeat(MAX_CREDENTIAL_VALUES_BYTES) }, 'values', /at most 8192 bytes/],
  ] as const)('refuses %s values %j naming %s, and never echoes a value', (type, values, field, message) => {
    const error = refusal(() => checkCredentialValues(type, values));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('a\nb');
  });
});
