import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringifyDocument } from '@urql/core';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './operations';

/** The hand-typed documents must stay valid against the checked-in contract: a renamed field fails here, not in a browser. */
describe('GraphQL operations of the web app', () => {
  const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
  const documents = Object.entries(operations).filter(([, value]) => typeof value === 'object' && value !== null && 'kind' in value);

  it('has documents to check', () => {
    expect(documents.length).toBeGreaterThanOrEqual(9);
  });

  it('would catch a field the contract lacks', () => {
    expect(validate(schema, parse('query { workflows { nodes { id colour } } }')).map((e) => e.message)).toEqual(['Cannot query field "colour" on type "Workflow".']);
  });

  it.each(documents)('%s is valid against schema.graphql', (_name, document) => {
    const errors = validate(schema, parse(stringifyDocument(document as Parameters<typeof stringifyDocument>[0])));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
