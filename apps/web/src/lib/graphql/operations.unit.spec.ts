import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, NoUnusedFragmentsRule, parse, specifiedRules, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from '../../gql/graphql';

/**
 * Every document of the web app, as codegen compiled it into src/gql (codegen.unit.spec.ts
 * proves src/gql current with the sources), must stay valid against the checked-in
 * contract: a renamed field fails here, not in a browser.
 */
describe('GraphQL documents of the web app', () => {
  const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
  const documents = Object.entries(generated).filter((entry): entry is [string, DocumentNode] => {
    const value: unknown = entry[1];
    return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';
  });
  const operations = documents.filter(([name]) => name.endsWith('Document'));
  const fragments = documents.filter(([name]) => name.endsWith('FragmentDoc'));

  it('has documents to check', () => {
    expect(operations.length).toBeGreaterThanOrEqual(33);
    expect(fragments.length).toBeGreaterThanOrEqual(7);
    expect(operations.length + fragments.length).toBe(documents.length);
  });

  it('would catch a field the contract lacks', () => {
    expect(validate(schema, parse('query { workflows { nodes { id colour } } }')).map((e) => e.message)).toEqual(['Cannot query field "colour" on type "Workflow".']);
  });

  it.each(operations)('%s is valid against schema.graphql', (_name, document) => {
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });

  it.each(fragments)('%s is valid against schema.graphql', (_name, document) => {
    const rules = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);
    expect(validate(schema, document, rules).map((e) => e.message)).toEqual([]);
  });
});
