/**
 * Form fields from a node type's config JSON Schema (zod's draft 2020-12 output): one
 * field per top-level property. Strings, numbers, integers, booleans and enums get their
 * own inputs; anything else (objects, arrays, unions) is edited as JSON text.
 */
export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export type Field = {
  key: string;
  kind: FieldKind;
  required: boolean;
  description?: string;
  options?: string[];
  default?: unknown;
};

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

function kindOf(schema: Schema): Pick<Field, 'kind' | 'options'> {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return { kind: 'enum', options: schema.enum };
  if (typeof schema.const === 'string') return { kind: 'enum', options: [schema.const] };
  switch (schema.type) {
    case 'string':
      return { kind: 'string' };
    case 'number':
      return { kind: 'number' };
    case 'integer':
      return { kind: 'integer' };
    case 'boolean':
      return { kind: 'boolean' };
    default:
      return { kind: 'json' };
  }
}

/** The fields of an object schema, in declaration order; a schema that is not an object with properties gives no fields (edit the config as JSON). */
export function fieldsFromSchema(schema: unknown): Field[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(schema.properties).map(([key, property]) => {
    const prop = isObject(property) ? property : {};
    return {
      key,
      ...kindOf(prop),
      required: required.has(key),
      ...(typeof prop.description === 'string' ? { description: prop.description } : {}),
      ...('default' in prop ? { default: prop.default } : {}),
    };
  });
}

const TEMPLATE = /^\s*\{\{[\s\S]*\}\}\s*$/;

export type ParsedValue = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The config value for what was typed. Empty text means "leave the key out". A
 * `{{ expression }}` is kept as a string in any field: the API resolves it at run time.
 */
export function parseFieldText(field: Field, text: string): ParsedValue {
  if (text.trim() === '' && field.kind !== 'string') return { ok: true, value: undefined };
  if (field.kind !== 'json' && field.kind !== 'string' && TEMPLATE.test(text)) return { ok: true, value: text };
  switch (field.kind) {
    case 'string':
      return { ok: true, value: text === '' ? undefined : text };
    case 'enum':
      return field.options?.includes(text) ? { ok: true, value: text } : { ok: false, error: `one of ${field.options?.join(', ')}` };
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, error: 'true or false' };
    case 'number':
    case 'integer': {
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, error: 'a number' };
      if (field.kind === 'integer' && !Number.isInteger(n)) return { ok: false, error: 'a whole number' };
      return { ok: true, value: n };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch (error) {
        return { ok: false, error: `JSON: ${error instanceof Error ? error.message : String(error)}` };
      }
  }
}

/** The text an input shows for a config value (the inverse of parseFieldText). */
export function formatFieldValue(field: Field, value: unknown): string {
  if (value === undefined) return '';
  if (field.kind === 'json') return JSON.stringify(value, null, 2);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The config with one key set, or removed when the value is undefined. */
export function withConfigValue(config: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const { [key]: _removed, ...rest } = config;
  return value === undefined ? rest : { ...rest, [key]: value };
}
