import type { JsonObject } from '@weft/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInNodes } from './built-in/built-in-nodes.js';
import type { NodeDefinition } from './node-definition.js';
import { createNodeRegistry, defaultRegistry } from './registry.js';

const catalog = defaultRegistry().toCatalog();
const validate = (type: string, config: JsonObject) => catalog.get(type)!.validateConfig(config);

describe('node registry', () => {
  it('lists and finds the built-in nodes', () => {
    const registry = defaultRegistry();
    expect(registry.list().map((definition) => definition.type)).toEqual(['set', 'if', 'switch', 'merge', 'delay', 'wait', 'subworkflow', 'map', 'http', 'code', 'llm', 'email', 'sql']);
    expect(registry.get('http')?.category).toBe('integration');
    expect(registry.get('nope')).toBeUndefined();
    expect(builtInNodes).toHaveLength(13);
  });

  it('refuses two definitions of one type', () => {
    expect(() => createNodeRegistry([...builtInNodes, builtInNodes[0]!])).toThrow('Duplicate node type "set"');
  });

  it('builds a catalog with branches for branching nodes only, and queues when set', () => {
    expect([...catalog.keys()]).toEqual(['set', 'if', 'switch', 'merge', 'delay', 'wait', 'subworkflow', 'map', 'http', 'code', 'llm', 'email', 'sql']);
    expect(catalog.get('if')!.branches).toEqual(['true', 'false']);
    expect(catalog.get('switch')!.branchesOf!({ cases: [{ branch: 'gold', equals: 1 }, { branch: '{{ x }}', when: true }] })).toEqual(['gold', 'default']);
    expect(catalog.get('merge')!.joinOf!({ join: 'any', count: 2 })).toEqual({ kind: 'any', count: 2 });
    expect(catalog.get('merge')!.joinOf!({})).toEqual({ kind: 'all' });
    expect(catalog.get('http')!.branches).toBeUndefined();
    expect(catalog.get('http')!.queue).toBeUndefined();
    const llm = createNodeRegistry([{ ...builtInNodes[0]!, type: 'llm', queue: 'llm' }]);
    expect(llm.toCatalog().get('llm')!.queue).toBe('llm');
  });
});

describe('catalog validateConfig (publish time, templates unresolved)', () => {
  it('accepts valid configs, templates wherever a value goes', () => {
    expect(validate('http', { url: 'https://api.example.com/{{ id }}', method: 'POST', body: { a: '{{ a }}' }, timeoutMs: '{{ $trigger.timeout }}' })).toEqual([]);
    expect(validate('http', { url: '{{ $trigger.url }}', headers: '{{ $nodes.auth.headers }}' })).toEqual([]);
    expect(validate('if', { condition: '{{ n > 50 }}' })).toEqual([]);
    expect(validate('set', { values: '{{ $ }}' })).toEqual([]);
    expect(validate('merge', {})).toEqual([]);
    expect(validate('delay', { until: '{{ $trigger.at }}' })).toEqual([]);
  });

  it('reports a missing url for http', () => {
    expect(validate('http', { method: 'GET' })).toEqual([{ field: 'url', message: 'is required' }]);
  });

  it('reports a condition that is not a boolean nor a template', () => {
    expect(validate('if', { condition: 'n > 50' })).toEqual([{ field: 'condition', message: 'must be boolean, got string' }]);
    expect(validate('if', { condition: 1 })).toEqual([{ field: 'condition', message: 'must be boolean, got number' }]);
  });

  it('reports both seconds and until for delay, even when one is a template', () => {
    const both = [{ field: 'seconds', message: 'set exactly one of seconds and until' }];
    expect(validate('delay', { seconds: 5, until: '2030-01-01T00:00:00Z' })).toEqual(both);
    expect(validate('delay', { seconds: '{{ s }}', until: '2030-01-01T00:00:00Z' })).toEqual(both);
    expect(validate('delay', {})).toEqual(both);
  });

  it('reports text mixed with templates where another type is expected: it always resolves to a string', () => {
    expect(validate('http', { url: 'https://x.test', timeoutMs: '{{ seconds }}000' })).toEqual([{ field: 'timeoutMs', message: 'must be number, got string' }]);
    expect(validate('if', { condition: 'is {{ n > 1 }}' })).toEqual([{ field: 'condition', message: 'must be boolean, got string' }]);
    expect(validate('http', { url: 'https://{{ host }}/path' })).toEqual([]);
  });

  it('reports a GET with a body, even when the body is a template', () => {
    expect(validate('http', { url: 'https://x.test', body: '{{ payload }}' })).toEqual([{ field: 'body', message: 'GET and HEAD requests cannot have a body' }]);
  });

  it('reports wrong literal values, unknown settings and broken templates together', () => {
    expect(validate('http', { url: 'ftp://x.test', method: 'FETCH', retries: 3, headers: { Authorization: 'Bearer {{ token' } })).toEqual([
      { field: 'method', message: expect.stringMatching(/^Invalid option/) as unknown },
      { field: 'url', message: 'must be an http or https URL' },
      { field: 'retries', message: 'unknown setting' },
      { field: 'headers.Authorization', message: expect.stringMatching(/unclosed "\{\{"/) as unknown },
    ]);
    expect(validate('set', { values: { a: '{{ $.constructor }}' } })).toEqual([{ field: 'values.a', message: expect.stringMatching(/"constructor" is not allowed/) as unknown }]);
  });

  it('judges rawConfigKeys as written: no template tolerance, no template syntax check', () => {
    const code: NodeDefinition<{ source: string; limit: number }> = {
      type: 'code',
      title: 'Code',
      description: 'test',
      category: 'data',
      configSchema: z.strictObject({ source: z.string().max(10), limit: z.number() }),
      rawConfigKeys: ['source'],
      execute: () => Promise.resolve({ kind: 'completed', output: null }),
    };
    const spec = createNodeRegistry([code]).toCatalog().get('code')!;
    expect(spec.validateConfig({ source: 'x {{ y', limit: '{{ n }}' })).toEqual([]);
    expect(spec.validateConfig({ source: '{{ a very long template }}', limit: 1 })).toEqual([{ field: 'source', message: 'Too big: expected string to have <=10 characters' }]);
  });
});
