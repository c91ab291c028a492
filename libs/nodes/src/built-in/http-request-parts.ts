import type { Json } from '@weft/domain';
import { NodeExecutionError } from '../node-execution-error.js';

export type QueryValue = string | number | boolean | readonly (string | number | boolean)[];
export type BodyType = 'json' | 'form' | 'raw';

/** `url` with `query` appended: an array repeats its name (`?id=1&id=2`). */
export function withQuery(base: string, query: Readonly<Record<string, QueryValue>> | undefined): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url;
}

/**
 * The request body for `bodyType`, setting the content type unless the headers have one:
 * - `json` (default): JSON; a string, for compatibility, is sent as is (`text/plain`);
 * - `form`: an object of scalars (or arrays of them) as `application/x-www-form-urlencoded`;
 * - `raw`: a string sent as is, with the content type the headers give (the schema requires one).
 */
export function encodeBody(body: Json | undefined, bodyType: BodyType, headers: Headers): string | undefined {
  if (body === undefined) return undefined;
  switch (bodyType) {
    case 'json': {
      const isText = typeof body === 'string';
      if (!headers.has('content-type')) headers.set('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
      return isText ? body : JSON.stringify(body);
    }
    case 'form': {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new NodeExecutionError('CONFIG', 'Invalid configuration: body: a form body must be an object', false, { field: 'body' });
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(body)) {
        for (const item of Array.isArray(value) ? value : [value]) {
          if (typeof item === 'object' && item !== null) throw new NodeExecutionError('CONFIG', `Invalid configuration: body.${name}: form values must be strings, numbers, booleans or arrays of them`, false, { field: `body.${name}` });
          if (item !== null) form.append(name, String(item));
        }
      }
      if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded');
      return form.toString();
    }
    case 'raw':
      if (typeof body !== 'string') throw new NodeExecutionError('CONFIG', 'Invalid configuration: body: a raw body must be a string', false, { field: 'body' });
      return body;
    default: {
      const _exhaustive: never = bodyType;
      return _exhaustive;
    }
  }
}
