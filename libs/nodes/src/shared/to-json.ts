import type { Json, JsonObject } from '@weft/domain';

/** Thrown by {@link toJson} when a value cannot be represented as JSON; `path` locates the offending part. */
export class NotJsonError extends Error {
  override readonly name = 'NotJsonError';
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
  }
}

/** Nesting deeper than this is refused rather than risking a stack overflow. */
export const MAX_JSON_DEPTH = 512;

/** The JSON type name of a value, for error messages that never echo the value itself. */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

const isJsonataFunction = (value: object): boolean =>
  (value as { _jsonata_function?: unknown })._jsonata_function === true || (value as { _jsonata_lambda?: unknown })._jsonata_lambda === true;

/**
 * Copies a value into plain JSON, or throws {@link NotJsonError}.
 * `undefined` becomes `null` at the top and in arrays and is dropped from objects (as `JSON.stringify` does);
 * functions, non-finite numbers, bigints, symbols and class instances are refused.
 * The copy has only plain objects (own, enumerable string keys), so it carries no host object.
 */
export function toJson(value: unknown, path = '', depth = 0): Json {
  if (depth > MAX_JSON_DEPTH) throw new NotJsonError(path, `nested deeper than ${MAX_JSON_DEPTH} levels`);
  switch (typeof value) {
    case 'undefined':
      return null;
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError(path, `${String(value)} is not a JSON number`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) return value.map((item, index) => toJson(item, joinPath(path, index), depth + 1));
      if (isJsonataFunction(value)) throw new NotJsonError(path, 'a function is not JSON');
      if (!isPlainObject(value)) throw new NotJsonError(path, 'only plain objects are JSON');
      const result: JsonObject = {};
      for (const key of Object.keys(value)) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        setOwn(result, key, toJson(item, joinPath(path, key), depth + 1));
      }
      return result;
    }
    default:
      throw new NotJsonError(path, `a ${typeof value} is not JSON`);
  }
}

/** `a.b.0`: the field path format used in issues and errors. */
export function joinPath(path: string, key: string | number): string {
  return path ? `${path}.${key}` : String(key);
}

/** Sets an own, enumerable property; unlike assignment, a `__proto__` key stays data. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
