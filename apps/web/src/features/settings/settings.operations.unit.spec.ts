import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringifyDocument } from '@urql/core';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from './settings.operations';

/** The settings documents must stay valid against the checked-in contract. */
describe('GraphQL operations of the settings pages', () => {
  const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
  const documents = Object.entries(operations).filter(([, value]) => typeof value === 'object' && value !== null && 'kind' in value);

  it('has documents to check', () => {
    expect(documents.length).toBe(9);
  });

  it.each(documents)('%s is valid against schema.graphql', (_name, document) => {
    const errors = validate(schema, parse(stringifyDocument(document as Parameters<typeof stringifyDocument>[0])));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
