import { z } from 'zod';
import { CROSS_FIELD } from '../config-issues.js';
import { BlockedAddressError } from '../http/blocked-address-error.js';
import type { NodeCredentials } from '../credentials/node-credential.js';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { decodeBody, headersToJson, readLimitedBody } from './http-response.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
export const MAX_HTTP_TIMEOUT_MS = 300_000;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const httpConfigSchema = z
  .strictObject({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }),
    headers: z
      .record(z.string().regex(HEADER_NAME, 'invalid header name'), z.string().refine((value) => !/[\r\n\0]/.test(value), 'header values may not contain line breaks'))
      .optional(),
    query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    /** A string is sent as is (text/plain unless a content-type header says otherwise); anything else as JSON. */
    body: z.json().optional(),
    timeoutMs: z.number().int().min(1).max(MAX_HTTP_TIMEOUT_MS).default(30_000),
    responseType: z.enum(['auto', 'json', 'text']).default('auto'),
    /** When true (the default), a status outside 200–299 fails the node. */
    failOnHttpError: z.boolean().default(true),
    /** Authentication from a workspace credential (by id): bearer token, basic user and password, or a header of its own. */
    auth: z.strictObject({ type: z.enum(['bearer', 'basic', 'header']), credentialId: z.string().min(1).max(200) }).optional(),
  })
  .check(
    z.refine((config) => config.body === undefined || (config.method !== 'GET' && config.method !== 'HEAD'), {
      message: 'GET and HEAD requests cannot have a body',
      path: ['body'],
      params: CROSS_FIELD,
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
  );

export type HttpConfig = z.infer<typeof httpConfigSchema>;

/** A status worth retrying: the server may answer differently later. */
const isRetryableStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408;

/**
 * The HTTP request node, through `ctx.services.fetch` (the SSRF-guarded fetch).
 * Output `{ status, headers, body }`. Error messages name the method, host and status,
 * never the path, query, headers or body of the request: they may carry credentials.
 */
export function createHttpNode(options: { maxResponseBytes?: number } = {}): NodeDefinition<HttpConfig> {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return {
    type: 'http',
    title: 'HTTP request',
    description: 'Calls an HTTP API and returns its status, headers and body.',
    category: 'integration',
    configSchema: httpConfigSchema,
    credentials: (config) => {
      const auth = config.auth;
      const id = typeof auth === 'object' && auth !== null && !Array.isArray(auth) ? auth.credentialId : undefined;
      return typeof id === 'string' && id !== '' ? [id] : [];
    },
    async execute({ config, signal, services, run, credentials }) {
      const url = new URL(config.url);
      for (const [name, value] of Object.entries(config.query ?? {})) url.searchParams.append(name, String(value));
      const headers = new Headers(config.headers);
      if (config.auth) setAuthHeader(headers, config.auth, credentials);
      // Stable per node attempt: a task delivered twice sends the same key, so the receiver can deduplicate.
      if (!headers.has('idempotency-key')) headers.set('idempotency-key', `${run.runId}:${run.nodeId}:${run.attempt}`);
      const body = encodeBody(config.body, headers);
      const timeout = AbortSignal.timeout(config.timeoutMs);
      const what = `HTTP ${config.method} to ${url.host}`;
      try {
        // A credential in a header of its own would follow a redirect to any origin (only Authorization and Cookie are dropped): not followed then.
        const redirect = config.auth?.type === 'header' ? 'manual' : 'follow';
        const response = await services.fetch(url, { method: config.method, headers, body, redirect, signal: AbortSignal.any([signal, timeout]) });
        if (!response.ok && config.failOnHttpError) {
          await response.body?.cancel();
          const statusText = response.statusText ? ` ${response.statusText}` : '';
          throw new NodeExecutionError('EXECUTION', `${what} failed with status ${response.status}${statusText}`, isRetryableStatus(response.status));
        }
        const bytes = await readLimitedBody(response, maxResponseBytes, url.host);
        const output = { status: response.status, headers: headersToJson(response.headers), body: decodeBody(bytes, response.headers.get('content-type'), config.responseType, url.host) };
        return { kind: 'completed', output };
      } catch (error) {
        if (signal.aborted || error instanceof NodeExecutionError || error instanceof BlockedAddressError) throw error;
        if (timeout.aborted) throw new NodeExecutionError('TIMEOUT', `${what} timed out after ${config.timeoutMs} ms`, true, { cause: error });
        throw new NodeExecutionError('EXECUTION', `${what} failed: ${describeNetworkError(error)}`, true, { cause: error });
      }
    },
  };
}

/** Sets the header `auth` asks for from its credential; CONFIG (not retryable) when the credential lacks a field. Never names a value. */
function setAuthHeader(headers: Headers, auth: NonNullable<HttpConfig['auth']>, credentials: NodeCredentials): void {
  const credential = credentials[auth.credentialId];
  if (!credential) throw new NodeExecutionError('CONFIG', `credential "${auth.credentialId}" was not loaded for this node`, false, { field: 'auth.credentialId' });
  const field = (name: string): string => {
    const value = credential.values[name];
    if (value === undefined) throw new NodeExecutionError('CONFIG', `credential "${auth.credentialId}" has no "${name}" value, which ${auth.type} auth needs`, false, { field: 'auth.credentialId' });
    return value;
  };
  switch (auth.type) {
    case 'bearer':
      headers.set('authorization', `Bearer ${field('token')}`);
      return;
    case 'basic':
      headers.set('authorization', `Basic ${Buffer.from(`${field('username')}:${field('password')}`, 'utf8').toString('base64')}`);
      return;
    case 'header': {
      const name = field('name');
      if (!HEADER_NAME.test(name)) throw new NodeExecutionError('CONFIG', `credential "${auth.credentialId}": its "name" is not a valid header name`, false, { field: 'auth.credentialId' });
      headers.set(name, field('value'));
      return;
    }
    default: {
      const _exhaustive: never = auth.type;
      return _exhaustive;
    }
  }
}

/** The default HTTP node (5 MiB response limit). */
export const httpNode = createHttpNode();

function encodeBody(body: HttpConfig['body'], headers: Headers): string | undefined {
  if (body === undefined) return undefined;
  const isText = typeof body === 'string';
  if (!headers.has('content-type')) headers.set('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
  return isText ? body : JSON.stringify(body);
}

/** A network failure's code (`ECONNREFUSED`) or message, never the request itself. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : 'unknown error';
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
