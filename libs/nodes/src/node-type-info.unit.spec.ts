import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { builtInNodes } from './built-in/built-in-nodes.js';
import { configJsonSchema, describeNodeType } from './node-type-info.js';

describe('describeNodeType', () => {
  it.each(builtInNodes.map((definition) => [definition.type, definition] as const))('gives %s a full JSON Schema of its config', (_type, definition) => {
    const info = describeNodeType(definition);
    expect(info.configSchemaNote).toBeNull();
    expect(info.configSchema).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    expect(Object.keys(info.configSchema.properties as object).length).toBeGreaterThan(0);
    expect(info.branches === null).toBe(definition.branchesOf !== undefined);
    if (info.branches === null) expect(info.branchesNote).toContain('depend on the node');
  });

  it('shows defaults and leaves them optional (the config as written)', () => {
    const merge = describeNodeType(builtInNodes.find((d) => d.type === 'merge')!);
    expect(merge.configSchema.properties).toMatchObject({ mode: { default: 'combine', enum: ['combine', 'byNode', 'list'] } });
    expect(merge.configSchema.required ?? []).not.toContain('mode');
  });

  it('gives one "out" handle to a node without branches, and the fixed ones otherwise', () => {
    expect(describeNodeType(builtInNodes.find((d) => d.type === 'set')!).branches).toEqual(['out']);
    expect(describeNodeType(builtInNodes.find((d) => d.type === 'if')!).branches).toEqual(['true', 'false']);
  });

  it('keeps what JSON Schema cannot say open, with a note, and never throws', () => {
    const partial = configJsonSchema(z.object({ when: z.date(), name: z.string() }));
    expect(partial.note).toContain('cannot be represented');
    expect(partial.schema).toMatchObject({ properties: { name: { type: 'string' } } });
    const refined = configJsonSchema(z.object({ a: z.number(), b: z.number() }).refine((c) => c.a < c.b, 'a < b'));
    expect(refined.note).toBeNull();
  });
});
