import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringifyDocument } from '@urql/core';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as dashboard from '../dashboard/dashboard.operations';
import * as runs from './runs.operations';

/** The runs list's and the dashboard's hand-typed documents must stay valid against the checked-in contract. */
describe('GraphQL operations of the runs list and the dashboard', () => {
  const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
  const documents = Object.entries({ ...runs, ...dashboard }).filter(([, value]) => typeof value === 'object' && value !== null && 'kind' in value);

  it('has documents to check', () => {
    expect(documents.map(([name]) => name).sort()).toEqual(['DASHBOARD', 'RUNS', 'RUN_CHANGES', 'WORKFLOW_OPTIONS', 'WORKFLOW_RUN_STATS']);
  });

  it.each(documents)('%s is valid against schema.graphql', (_name, document) => {
    const errors = validate(schema, parse(stringifyDocument(document as Parameters<typeof stringifyDocument>[0])));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('lists every status the schema has', () => {
    const values = (schema.getType('RunStatus') as unknown as { getValues(): { name: string }[] }).getValues().map((v) => v.name);
    expect([...runs.RUN_STATUSES].sort()).toEqual(values.sort());
  });
});
