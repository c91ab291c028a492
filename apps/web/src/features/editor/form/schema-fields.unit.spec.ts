import { describe, expect, it } from 'vitest';
import { fieldsFromSchema, formatFieldValue, parseFieldText, withConfigValue, type Field } from './schema-fields';

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    url: { type: 'string', description: 'Where to send it' },
    timeout: { type: 'number', minimum: 0 },
    attempts: { type: 'integer' },
    verbose: { type: 'boolean', default: false },
    method: { type: 'string', enum: ['GET', 'POST'] },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    value: {},
  },
  required: ['url', 'method'],
  additionalProperties: false,
};

const field = (kind: Field['kind'], extra: Partial<Field> = {}): Field => ({ key: 'k', kind, required: false, ...extra });

describe('fields from a JSON schema', () => {
  it('gives one field per property with its kind, requiredness, description and default', () => {
    expect(fieldsFromSchema(schema)).toEqual([
      { key: 'url', kind: 'string', required: true, description: 'Where to send it' },
      { key: 'timeout', kind: 'number', required: false },
      { key: 'attempts', kind: 'integer', required: false },
      { key: 'verbose', kind: 'boolean', required: false, default: false },
      { key: 'method', kind: 'enum', options: ['GET', 'POST'], required: true },
      { key: 'headers', kind: 'json', required: false },
      { key: 'value', kind: 'json', required: false },
    ]);
  });

  it('gives no fields for a schema without properties (the config is edited as JSON)', () => {
    expect(fieldsFromSchema({})).toEqual([]);
    expect(fieldsFromSchema(null)).toEqual([]);
  });
});

describe('parsing what was typed', () => {
  it('parses numbers, whole numbers, booleans, enums and JSON, naming what is expected', () => {
    expect(parseFieldText(field('number'), '1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseFieldText(field('number'), 'abc')).toEqual({ ok: false, error: 'a number' });
    expect(parseFieldText(field('integer'), '1.5')).toEqual({ ok: false, error: 'a whole number' });
    expect(parseFieldText(field('boolean'), 'true')).toEqual({ ok: true, value: true });
    expect(parseFieldText(field('enum', { options: ['a', 'b'] }), 'c')).toEqual({ ok: false, error: 'one of a, b' });
    expect(parseFieldText(field('json'), '{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseFieldText(field('json'), '{').ok).toBe(false);
  });

  it('keeps a {{ template }} as a string in any typed field, and empty text as "no value"', () => {
    expect(parseFieldText(field('number'), '{{ n * 2 }}')).toEqual({ ok: true, value: '{{ n * 2 }}' });
    expect(parseFieldText(field('number'), '')).toEqual({ ok: true, value: undefined });
    expect(parseFieldText(field('string'), '')).toEqual({ ok: true, value: undefined });
  });

  it('formats values back to text, and sets or removes config keys', () => {
    expect(formatFieldValue(field('json'), { a: 1 })).toBe('{\n  "a": 1\n}');
    expect(formatFieldValue(field('number'), 2)).toBe('2');
    expect(formatFieldValue(field('string'), undefined)).toBe('');
    expect(withConfigValue({ a: 1, b: 2 }, 'a', undefined)).toEqual({ b: 2 });
    expect(withConfigValue({ a: 1 }, 'b', 2)).toEqual({ a: 1, b: 2 });
  });
});
