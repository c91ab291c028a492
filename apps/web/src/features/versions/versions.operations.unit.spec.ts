import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringifyDocument } from '@urql/core';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as triggers from '../triggers/triggers.operations';
import * as versions from './versions.operations';

/** The version history's and the triggers panel's hand-typed documents must stay valid against the checked-in contract. */
describe('GraphQL operations of version history and triggers', () => {
  const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
  const documents = Object.entries({ ...versions, ...triggers }).filter(([, value]) => typeof value === 'object' && value !== null && 'kind' in value);

  it('has documents to check', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(['CRON_PREVIEW', 'SET_TRIGGERS', 'SET_TRIGGER_PAUSED', 'WORKFLOW_TRIGGERS', 'WORKFLOW_VERSIONS', 'WORKFLOW_VERSION_DIFF']);
  });

  it.each(documents)('%s is valid against schema.graphql', (_name, document) => {
    const errors = validate(schema, parse(stringifyDocument(document as Parameters<typeof stringifyDocument>[0])));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
