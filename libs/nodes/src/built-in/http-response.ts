import type { Json, JsonObject } from '@weft/domain';
import { NodeExecutionError } from '../node-execution-error.js';
import { setOwn } from '../shared/to-json.js';

export type ResponseType = 'auto' | 'json' | 'text';

/** Response headers as an object with lower-case names; repeated headers joined with `, `. */
export function headersToJson(headers: Headers): JsonObject {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    const previous = Object.prototype.hasOwnProperty.call(result, name) ? result[name] : undefined;
    setOwn(result, name, previous === undefined ? value : `${previous}, ${value}`);
  });
  return result;
}

const tooLarge = (host: string, maxBytes: number): NodeExecutionError =>
  new NodeExecutionError('EXECUTION', `The response from ${host} is larger than ${maxBytes} bytes`, false);

/**
 * Reads the body as it streams and stops (cancelling the stream) as soon as it
 * passes `maxBytes`: a large or endless response never sits whole in memory.
 */
export async function readLimitedBody(response: Response, maxBytes: number, host: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(host, maxBytes);
  }
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (done || !value) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(host, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

const isJsonContentType = (contentType: string | null): boolean => contentType !== null && /[/+]json\s*(;|$)/i.test(contentType);

/**
 * `json`: parsed, an invalid body fails; `text`: the decoded text; `auto`: parsed when the
 * content type is JSON and the body parses, else the text. An empty body is null (or "" as text).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null, responseType: ResponseType, host: string): Json {
  const text = new TextDecoder('utf-8').decode(bytes);
  if (responseType === 'text') return text;
  if (text.trim() === '') return null;
  if (responseType === 'auto' && !isJsonContentType(contentType)) return text;
  try {
    return JSON.parse(text) as Json;
  } catch {
    if (responseType === 'auto') return text;
    throw new NodeExecutionError('EXECUTION', `The response from ${host} is not valid JSON`, false);
  }
}

/** A network failure's code (`ECONNREFUSED`) or message, never the request itself. */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  const message = typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : 'unknown error';
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** The `rel="next"` target of a `Link` header (RFC 8288), resolved against `base`; undefined when there is none. */
export function nextLink(header: string | null, base: URL): string | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(match[2] ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (names.includes('next')) return new URL(match[1]!, base).href;
  }
  return undefined;
}
