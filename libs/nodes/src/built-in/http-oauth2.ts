import { createHash } from 'node:crypto';
import type { NodeCredential } from '../credentials/node-credential.js';
import { BlockedAddressError } from '../http/blocked-address-error.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { describeNetworkError, readLimitedBody } from './http-response.js';

/** A token is used until this long before it expires. */
export const OAUTH2_EXPIRY_MARGIN_MS = 60_000;
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

type CachedToken = { token: string; expiresAt: number };

/**
 * Access tokens by credential (and a digest of its values, so a rotated credential
 * gets a new token), kept in this worker process's memory only. An entry in flight is
 * shared, so concurrent attempts ask the token endpoint once.
 */
const cache = new Map<string, Promise<CachedToken>>();

/** Forgets every cached token (tests). */
export function clearOAuth2TokenCache(): void {
  cache.clear();
}

export type OAuth2Services = { fetch: typeof fetch; now(): Date };

/**
 * A client-credentials access token for `credential` (values `tokenUrl`, `clientId`,
 * `clientSecret`, optional `scope`, optional `clientAuth: "body"` to send the client
 * id and secret in the form instead of HTTP Basic), from the cache while it has more
 * than a minute left, else from the token endpoint through the guarded fetch.
 * @throws NodeExecutionError CONFIG when the credential lacks a field or the endpoint
 * refuses the client (4xx); EXECUTION (retryable on 5xx, 429 and network errors) otherwise.
 * Messages name the token endpoint's host and the OAuth2 error code, never a value.
 */
export async function oauth2AccessToken(credential: NodeCredential, services: OAuth2Services, signal: AbortSignal): Promise<string> {
  const field = (name: string): string => {
    const value = credential.values[name];
    if (value === undefined) throw new NodeExecutionError('CONFIG', `credential "${credential.id}" has no "${name}" value, which oauth2 auth needs`, false, { field: 'auth.credentialId' });
    return value;
  };
  const tokenUrl = parseTokenUrl(field('tokenUrl'), credential.id);
  const clientId = field('clientId');
  const clientSecret = field('clientSecret');
  const key = `${credential.id}\0${createHash('sha256').update(JSON.stringify([tokenUrl.href, clientId, clientSecret, credential.values.scope ?? '', credential.values.clientAuth ?? ''])).digest('hex')}`;
  const now = services.now().getTime();
  const cached = cache.get(key);
  if (cached) {
    const entry = await cached.catch(() => undefined);
    if (entry && entry.expiresAt - OAUTH2_EXPIRY_MARGIN_MS > services.now().getTime()) return entry.token;
    if (cache.get(key) === cached) cache.delete(key);
  }
  const pending = requestToken({ tokenUrl, clientId, clientSecret, scope: credential.values.scope, inBody: credential.values.clientAuth === 'body' }, services.fetch, signal, now);
  cache.set(key, pending);
  try {
    const entry = await pending;
    if (!Number.isFinite(entry.expiresAt)) cache.delete(key);
    return entry.token;
  } catch (error) {
    if (cache.get(key) === pending) cache.delete(key);
    throw error;
  }
}

function parseTokenUrl(text: string, credentialId: string): URL {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url;
  } catch {
    // fall through
  }
  throw new NodeExecutionError('CONFIG', `credential "${credentialId}": its "tokenUrl" is not an http or https URL`, false, { field: 'auth.credentialId' });
}

type TokenRequest = { tokenUrl: URL; clientId: string; clientSecret: string; scope: string | undefined; inBody: boolean };

async function requestToken(request: TokenRequest, fetch: typeof globalThis.fetch, signal: AbortSignal, now: number): Promise<CachedToken> {
  const { tokenUrl } = request;
  const what = `OAuth2 token request to ${tokenUrl.host}`;
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scope) form.set('scope', request.scope);
  const headers = new Headers({ 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' });
  if (request.inBody) {
    form.set('client_id', request.clientId);
    form.set('client_secret', request.clientSecret);
  } else {
    // RFC 6749 §2.3.1: id and secret form-encoded before Basic.
    const basic = Buffer.from(`${encodeURIComponent(request.clientId)}:${encodeURIComponent(request.clientSecret)}`, 'utf8').toString('base64');
    headers.set('authorization', `Basic ${basic}`);
  }
  let response: Response;
  try {
    response = await fetch(tokenUrl, { method: 'POST', headers, body: form.toString(), redirect: 'error', signal });
  } catch (error) {
    if (signal.aborted || error instanceof BlockedAddressError) throw error;
    throw new NodeExecutionError('EXECUTION', `${what} failed: ${describeNetworkError(error)}`, true, { cause: error });
  }
  const text = new TextDecoder('utf-8').decode(await readLimitedBody(response, MAX_TOKEN_RESPONSE_BYTES, tokenUrl.host));
  const body = parseJson(text);
  if (!response.ok) {
    const code = typeof body?.error === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(body.error) ? ` (${body.error})` : '';
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new NodeExecutionError(retryable ? 'EXECUTION' : 'CONFIG', `${what} failed with status ${response.status}${code}`, retryable, retryable ? undefined : { field: 'auth.credentialId' });
  }
  const token = body?.access_token;
  if (typeof token !== 'string' || token === '' || /[\r\n\0]/.test(token)) throw new NodeExecutionError('EXECUTION', `${what} answered without a usable access_token`, false);
  const expiresIn = Number(body?.expires_in);
  return { token, expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now + expiresIn * 1000 : Number.NaN };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
