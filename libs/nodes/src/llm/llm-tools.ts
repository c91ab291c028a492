import { jsonSchema, tool, type ToolSet } from 'ai';
import type { Json, JsonObject } from '@weft/domain';
import { setAuthHeader } from '../built-in/http-auth.js';
import { decodeBody, describeNetworkError } from '../built-in/http-response.js';
import type { NodeCredentials } from '../credentials/node-credential.js';
import { BlockedAddressError } from '../http/blocked-address-error.js';
import { NodeExecutionError } from '../node-execution-error.js';
import type { NodeLogger, NodeServices } from '../node-definition.js';
import type { LlmTool } from './llm-config.js';

/** What the model gets back from one call at most; the rest is cut off (and said so). */
export const MAX_TOOL_RESULT_BYTES = 64 * 1024;
const MAX_ERROR_DETAIL_CHARS = 1000;

/** One call the model made, as the node's output records it: `status` when the endpoint answered, `error` when the model was given one. */
export type ToolCallRecord = { name: string; input: Json; status?: number; error?: string; latencyMs: number };

export type HttpTools = { tools: ToolSet; calls: ToolCallRecord[] };

type Outcome = { result: Json; status?: number; error?: string };

/**
 * The node's `tools` as AI SDK tools calling their endpoints through `fetch` (the SSRF-guarded one).
 * A failing endpoint (a non-2xx status, a network error) answers the model with `{ error }`; a
 * blocked address is not the model's to handle: `onFatal` gets it (the node fails with it) and
 * the call throws. Each call is logged (`tool call`) and recorded in `calls`.
 */
export type HttpToolsOptions = {
  services: Pick<NodeServices, 'fetch' | 'now'>;
  /** The attempt's credentials: a tool's `auth` names one of them. */
  credentials: NodeCredentials;
  log: NodeLogger;
  onFatal: (error: BlockedAddressError | NodeExecutionError) => void;
};

export function createHttpTools(definitions: readonly LlmTool[], options: HttpToolsOptions): HttpTools {
  const calls: ToolCallRecord[] = [];
  const tools: ToolSet = {};
  definitions.forEach((definition, index) => {
    tools[definition.name] = tool({
      description: definition.description,
      inputSchema: jsonSchema<Json>(definition.parameters as Parameters<typeof jsonSchema>[0]),
      execute: async (input: Json, { abortSignal }) => {
        const started = performance.now();
        const record = (outcome: Omit<Outcome, 'result'>): void => {
          const latencyMs = Math.round(performance.now() - started);
          const done = { ...(outcome.status === undefined ? {} : { status: outcome.status }), ...(outcome.error === undefined ? {} : { error: outcome.error }) };
          calls.push({ name: definition.name, input, ...done, latencyMs });
          options.log.info('tool call', { name: definition.name, method: definition.method, host: new URL(definition.url).host, ...done, latencyMs });
        };
        try {
          const headers = new Headers(definition.headers);
          // A credential the tool cannot use is the workflow's mistake, not the model's: the node fails (CONFIG).
          if (definition.auth) await setAuthHeader(headers, definition.auth, { credentials: options.credentials, services: options.services, signal: abortSignal ?? new AbortController().signal, secrets: [], field: `tools.${index}.auth.credentialId` });
          const outcome = await callEndpoint(definition, headers, input, options.services.fetch, abortSignal);
          record(outcome);
          return outcome.result;
        } catch (error) {
          if (error instanceof BlockedAddressError || error instanceof NodeExecutionError) {
            record({ error: error.message });
            options.onFatal(error);
          }
          throw error;
        }
      },
    });
  });
  return { tools, calls };
}

async function callEndpoint(definition: LlmTool, headers: Headers, input: Json, fetch: typeof globalThis.fetch, signal: AbortSignal | undefined): Promise<Outcome> {
  const url = new URL(definition.url);
  if (!headers.has('accept')) headers.set('accept', 'application/json, text/plain;q=0.9, */*;q=0.5');
  let body: string | undefined;
  if (definition.method === 'GET') {
    if (!isObject(input)) return failed('the arguments must be an object');
    appendQuery(url, input);
  } else {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    body = JSON.stringify(input);
  }
  let response: Response;
  let bytes: Uint8Array;
  let clipped: boolean;
  try {
    response = await fetch(url, { method: definition.method, headers, body, ...(signal ? { signal } : {}) });
    ({ bytes, clipped } = await readClipped(response, MAX_TOOL_RESULT_BYTES));
  } catch (error) {
    if (error instanceof BlockedAddressError || signal?.aborted) throw error;
    return failed(`request failed: ${describeNetworkError(error)}`);
  }
  const text = (): string => new TextDecoder('utf-8').decode(bytes);
  if (!response.ok) {
    const detail = text().trim().slice(0, MAX_ERROR_DETAIL_CHARS) || response.statusText;
    return { ...failed(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`), status: response.status };
  }
  if (clipped) return { result: `${text()}… [cut at ${MAX_TOOL_RESULT_BYTES} bytes]`, status: response.status };
  const decoded = decodeBody(bytes, response.headers.get('content-type'), 'auto', url.host);
  return { result: decoded ?? { status: response.status }, status: response.status };
}

const failed = (error: string): Outcome => ({ result: { error }, error });

const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Scalars as text, an array of scalars as a repeated name, anything else as JSON; null is left out. */
function appendQuery(url: URL, input: JsonObject): void {
  for (const [name, value] of Object.entries(input)) {
    if (value === null) continue;
    const items = Array.isArray(value) && value.every((item) => typeof item !== 'object') ? value : [value];
    for (const item of items) url.searchParams.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
  }
}

/** The first `maxBytes` of the body, and whether there was more (the rest is never read). */
async function readClipped(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array; clipped: boolean }> {
  if (!response.body) return { bytes: new Uint8Array(), clipped: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (done || !value) return { bytes: Buffer.concat(chunks), clipped: false };
    if (total + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - total));
      await reader.cancel();
      return { bytes: Buffer.concat(chunks), clipped: true };
    }
    total += value.byteLength;
    chunks.push(value);
  }
}
