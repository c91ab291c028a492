import type { Json } from '@weft/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expression-error.js';
import { resolveTemplates } from './resolve-templates.js';
import { testScope } from '../test-support/test-scope.js';

const resolve = (value: Json) => resolveTemplates(value, testScope());

describe('resolveTemplates', () => {
  it('gives a whole-value template the expression value, of any JSON type', async () => {
    expect(await resolve('{{ amount > 50 }}')).toBe(true);
    expect(await resolve('{{ amount }}')).toBe(60);
    expect(await resolve('{{ items[0] }}')).toEqual({ sku: 'a', qty: 2 });
    expect(await resolve('{{ items.sku }}')).toEqual(['a', 'b']);
    expect(await resolve('{{ missing }}')).toBeNull();
    expect(await resolve('{{ name }}')).toBe('Ada');
  });

  it('interpolates mixed text into a string: objects as JSON, null and undefined as ""', async () => {
    expect(await resolve('Hi {{ name }}, total {{ $sum(items.qty) }}')).toBe('Hi Ada, total 5');
    expect(await resolve('flag={{ amount > 50 }}')).toBe('flag=true');
    expect(await resolve('first={{ items[0] }}')).toBe('first={"sku":"a","qty":2}');
    expect(await resolve('skus={{ items.sku }}')).toBe('skus=["a","b"]');
    expect(await resolve('[{{ missing }}][{{ null }}]')).toBe('[][]');
    expect(await resolve(' {{ amount }}')).toBe(' 60');
  });

  it('resolves through nested objects and arrays, values only', async () => {
    const config = {
      url: 'https://api.example.com/customers/{{ $trigger.customerId }}',
      headers: { 'X-Run': '{{ $run.runId }}-{{ $run.attempt }}' },
      body: { email: '{{ $nodes.`fetch-user`.email }}', tags: ['{{ $trigger.tags[0] }}', 'static', 7, null, true], score: '{{ $nodes.score.value }}' },
      '{{ key }}': 'keys are not templates',
    };
    expect(await resolve(config)).toEqual({
      url: 'https://api.example.com/customers/c-42',
      headers: { 'X-Run': 'run-1-2' },
      body: { email: 'ada@example.com', tags: ['vip', 'static', 7, null, true], score: 0.9 },
      '{{ key }}': 'keys are not templates',
    });
  });

  it('returns values without templates as written', async () => {
    const config = { a: 1, b: 'plain } text }}', c: [false, null, { d: 'x' }] };
    expect(await resolve(config)).toEqual(config);
  });

  it('keeps a __proto__ key as data', async () => {
    const config = JSON.parse('{"__proto__": {"polluted": "{{ name }}"}}') as Json;
    const resolved = (await resolve(config)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(resolved, '__proto__')?.value).toEqual({ polluted: 'Ada' });
  });

  it('names the field path of a failing template', async () => {
    const error = await resolve({ body: { items: ['ok', '{{ amount + }}'] } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).field).toBe('body.items.1');
    expect((error as ExpressionError).message).toMatch(/^body\.items\.1: .*position/);
  });

  it('fails on a result that cannot be JSON', async () => {
    await expect(resolve({ f: '{{ $uppercase }}' })).rejects.toThrow(/f: the result is not JSON/);
    await expect(resolve({ f: 'x{{ function() { 1 } }}' })).rejects.toThrow(ExpressionError);
  });

  it('bounds all templates of one call by one time budget', async () => {
    const slow = '{{ $count([1..300000].($ * 2)) }}';
    const started = Date.now();
    const error = await resolveTemplates({ a: slow, b: slow, c: slow, d: slow, e: slow, f: slow }, testScope(), { timeoutMs: 150 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toMatch(/longer than 150 ms/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('bounds the length of an interpolated string', async () => {
    await expect(resolveTemplates('{{ name }}{{ name }}{{ name }}', testScope(), { maxStringLength: 5 })).rejects.toThrow(/longer than 5 characters/);
  });

  it('never throws anything but ExpressionError, whatever JSON it is given', async () => {
    const templateish = fc.oneof(
      fc.string(),
      fc.constantFrom('{{', '}}', '{{ }}', '{{ amount }}', 'x {{ name }} y', '{{ $.constructor }}', '{{ [1..', '{{ "}}" }}', '{{ $eval("1") }}', '{{ {"a": 1} }}', '{{ $nodes.* }}'),
      fc.tuple(fc.string(), fc.string(), fc.string()).map(([a, b, c]) => `${a}{{ ${b} }}${c}`),
    );
    const json = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        templateish,
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    await fc.assert(
      fc.asyncProperty(json, async (value) => {
        try {
          const result = await resolveTemplates(value, testScope(), { timeoutMs: 500 });
          expect(JSON.parse(JSON.stringify(result))).toEqual(result);
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
