import { z } from 'zod';
import type { NodeCredentials } from '../credentials/node-credential.js';
import { secretsOf } from '../credentials/redact.js';
import type { NodeServices } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { oauth2AccessToken } from './http-oauth2.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Authentication from a workspace credential (by id): bearer token, basic user and password, a header of its own, or OAuth2 client credentials. */
export const httpAuthSchema = z.strictObject({ type: z.enum(['bearer', 'basic', 'header', 'oauth2']), credentialId: z.string().min(1).max(200) });

export type HttpAuth = z.infer<typeof httpAuthSchema>;

export type AuthContext = {
  credentials: NodeCredentials;
  services: Pick<NodeServices, 'fetch' | 'now'>;
  signal: AbortSignal;
  /** Where an OAuth2 access token goes, so an echo of it is redacted like the credential's own values. */
  secrets: string[];
  /** The config field named in errors, e.g. `auth.credentialId`. */
  field: string;
};

/** The credential id an `auth` setting names, read from a stored (unresolved) config; undefined when none. */
export function authCredentialId(auth: unknown): string | undefined {
  const id = typeof auth === 'object' && auth !== null && !Array.isArray(auth) ? (auth as { credentialId?: unknown }).credentialId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/**
 * Sets the header `auth` asks for from its credential and returns its name; CONFIG (not
 * retryable) when the credential lacks a field. Never names a value.
 */
export async function setAuthHeader(headers: Headers, auth: HttpAuth, context: AuthContext): Promise<string> {
  const { field: configField } = context;
  const credential = context.credentials[auth.credentialId];
  if (!credential) throw new NodeExecutionError('CONFIG', `credential "${auth.credentialId}" was not loaded for this node`, false, { field: configField });
  const field = (name: string): string => {
    const value = credential.values[name];
    if (value === undefined) throw new NodeExecutionError('CONFIG', `credential "${auth.credentialId}" has no "${name}" value, which ${auth.type} auth needs`, false, { field: configField });
    return value;
  };
  switch (auth.type) {
    case 'bearer':
      headers.set('authorization', `Bearer ${field('token')}`);
      return 'authorization';
    case 'basic':
      headers.set('authorization', `Basic ${Buffer.from(`${field('username')}:${field('password')}`, 'utf8').toString('base64')}`);
      return 'authorization';
    case 'oauth2': {
      const token = await oauth2AccessToken(credential, context.services, context.signal);
      context.secrets.push(...secretsOf({ token: { id: 'token', type: 'generic', values: { token } } }));
      headers.set('authorization', `Bearer ${token}`);
      return 'authorization';
    }
    case 'header': {
      const name = field('name');
      if (!HEADER_NAME.test(name)) throw new NodeExecutionError('CONFIG', `credential "${auth.credentialId}": its "name" is not a valid header name`, false, { field: configField });
      headers.set(name, field('value'));
      return name;
    }
    default: {
      const _exhaustive: never = auth.type;
      return _exhaustive;
    }
  }
}
