import { z } from 'zod';
import { CROSS_FIELD } from '../config-issues.js';
import { checkExpressionSyntax } from '../expressions/check-expression-syntax.js';
import { BlockedAddressError } from '../http/blocked-address-error.js';
import type { Json } from '@weft/domain';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { redact } from '../credentials/redact.js';
import { authCredentialId, httpAuthSchema, setAuthHeader } from './http-auth.js';
import { DEFAULT_MAX_PAGES, MAX_PAGES, nextPageUrl, pageItems, type PageResponse } from './http-paginate.js';
import { encodeBody, withQuery } from './http-request-parts.js';
import { decodeBody, describeNetworkError, headersToJson, readLimitedBody } from './http-response.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;
export const MAX_HTTP_TIMEOUT_MS = 300_000;

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const scalar = z.union([z.string(), z.number(), z.boolean()]);
const isObject = (payload: { value: unknown }): boolean => typeof payload.value === 'object' && payload.value !== null;
const isScalar = (value: unknown): boolean => ['string', 'number', 'boolean'].includes(typeof value);
const isFormBody = (body: unknown): boolean =>
  typeof body === 'object' && body !== null && !Array.isArray(body) && Object.values(body).every((value) => isScalar(value) || value === null || (Array.isArray(value) && value.every(isScalar)));

/** A JSONata expression over a page (`{ status, headers, body }`), checked for syntax when the workflow is published. */
const pageExpression = z
  .string()
  .min(1)
  .max(4096)
  .superRefine((source, ctx) => {
    const problem = checkExpressionSyntax(source);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

const httpConfigSchema = z
  .strictObject({
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']).default('GET'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }),
    headers: z
      .record(z.string().regex(HEADER_NAME, 'invalid header name'), z.string().refine((value) => !/[\r\n\0]/.test(value), 'header values may not contain line breaks'))
      .optional(),
    /** Appended to the URL's query; an array repeats the name. */
    query: z.record(z.string(), z.union([scalar, z.array(scalar).max(1000)])).optional(),
    /** `json`: a string is sent as is (text/plain unless a content-type header says otherwise), anything else as JSON. */
    body: z.json().optional(),
    bodyType: z.enum(['json', 'form', 'raw']).default('json'),
    timeoutMs: z.number().int().min(1).max(MAX_HTTP_TIMEOUT_MS).default(30_000),
    responseType: z.enum(['auto', 'json', 'text']).default('auto'),
    /** When true (the default), a status outside 200–299 fails the node. */
    failOnHttpError: z.boolean().default(true),
    /** Authentication from a workspace credential (by id): bearer token, basic user and password, or a header of its own. */
    auth: httpAuthSchema.optional(),
    /** Follows pages: `next` is a JSONata expression over `{ status, headers, body }` giving the next URL (null at the end), or the `Link` header's rel="next". */
    paginate: z
      .strictObject({
        next: z.union([pageExpression, z.strictObject({ type: z.literal('link-header') })]),
        maxPages: z.number().int().min(1).max(MAX_PAGES).default(DEFAULT_MAX_PAGES),
        itemsPath: pageExpression.optional(),
      })
      .optional(),
  })
  .check(
    z.refine((config) => config.body === undefined || (config.method !== 'GET' && config.method !== 'HEAD'), {
      message: 'GET and HEAD requests cannot have a body',
      path: ['body'],
      params: CROSS_FIELD,
      when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    }),
    z.refine((config) => config.bodyType !== 'raw' || config.body === undefined || typeof config.body === 'string', { message: 'a raw body must be a string', path: ['body'], params: CROSS_FIELD, when: isObject }),
    z.refine((config) => config.bodyType !== 'raw' || config.body === undefined || Object.keys(config.headers ?? {}).some((name) => name.toLowerCase() === 'content-type'), {
      message: 'a raw body needs a Content-Type header',
      path: ['headers'],
      params: CROSS_FIELD,
      when: isObject,
    }),
    z.refine((config) => config.bodyType !== 'form' || config.body === undefined || isFormBody(config.body), {
      message: 'a form body must be an object of strings, numbers, booleans or arrays of them',
      path: ['body'],
      params: CROSS_FIELD,
      when: isObject,
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
      const id = authCredentialId(config.auth);
      return id === undefined ? [] : [id];
    },
    async execute({ config, signal, services, run, credentials, inputs, log }) {
      const first = withQuery(config.url, config.query);
      const headers = new Headers(config.headers);
      const secrets: string[] = [];
      const authHeader = config.auth ? await setAuthHeader(headers, config.auth, { credentials, services, signal: AbortSignal.any([signal, AbortSignal.timeout(config.timeoutMs)]), secrets, field: 'auth.credentialId' }) : undefined;
      // Stable per node attempt: a task delivered twice sends the same key, so the receiver can deduplicate.
      if (!headers.has('idempotency-key')) headers.set('idempotency-key', `${run.runId}:${run.nodeId}:${run.attempt}`);
      const body = encodeBody(config.body, config.bodyType, headers);
      const fetchPage = async (url: URL, pageHeaders: Headers): Promise<PageResponse> => {
        const timeout = AbortSignal.timeout(config.timeoutMs);
        const what = `HTTP ${config.method} to ${url.host}`;
        try {
          // A credential in a header of its own would follow a redirect to any origin (only Authorization and Cookie are dropped): not followed then.
          const redirect = config.auth?.type === 'header' ? 'manual' : 'follow';
          const response = await services.fetch(url, { method: config.method, headers: pageHeaders, body, redirect, signal: AbortSignal.any([signal, timeout]) });
          if (!response.ok && config.failOnHttpError) {
            await response.body?.cancel();
            const statusText = response.statusText ? ` ${response.statusText}` : '';
            throw new NodeExecutionError('EXECUTION', `${what} failed with status ${response.status}${statusText}`, isRetryableStatus(response.status));
          }
          const bytes = await readLimitedBody(response, maxResponseBytes, url.host);
          const decoded = decodeBody(bytes, response.headers.get('content-type'), config.responseType, url.host);
          return { status: response.status, headers: headersToJson(response.headers), body: decoded, rawLink: response.headers.get('link') };
        } catch (error) {
          if (signal.aborted || error instanceof NodeExecutionError || error instanceof BlockedAddressError) throw error;
          if (timeout.aborted) throw new NodeExecutionError('TIMEOUT', `${what} timed out after ${config.timeoutMs} ms`, true, { cause: error });
          throw new NodeExecutionError('EXECUTION', `${what} failed: ${describeNetworkError(error)}`, true, { cause: error });
        }
      };
      const hide = <T extends Json>(value: T): T => redact(value, secrets);
      const page = await fetchPage(first, headers);
      if (!config.paginate) return { kind: 'completed', output: hide({ status: page.status, headers: page.headers, body: page.body }) };

      const scope = { trigger: null, nodes: inputs, run: { runId: run.runId, workflowId: run.workflowId, nodeId: run.nodeId, attempt: run.attempt } };
      const items = [...(await pageItems(config.paginate, page, scope))];
      let last = page;
      let url = first;
      let pages = 1;
      for (; pages < config.paginate.maxPages; pages += 1) {
        const next = await nextPageUrl(config.paginate, last, url, scope);
        if (!next) break;
        // Credentials stay with the first request's origin, as on a redirect.
        const pageHeaders = new Headers(headers);
        if (authHeader && next.origin !== first.origin) pageHeaders.delete(authHeader);
        url = next;
        last = await fetchPage(url, pageHeaders);
        items.push(...(await pageItems(config.paginate, last, scope)));
      }
      // Stopped by maxPages with pages left: said in the output (and the log), never silently.
      const truncated = pages >= config.paginate.maxPages && (await nextPageUrl(config.paginate, last, url, scope)) !== undefined;
      if (truncated) log.warn(`stopped after maxPages (${config.paginate.maxPages}) with more pages left`);
      return { kind: 'completed', output: hide({ status: last.status, headers: last.headers, pages, truncated, items }) };
    },
  };
}


/** The default HTTP node (5 MiB response limit). */
export const httpNode = createHttpNode();
