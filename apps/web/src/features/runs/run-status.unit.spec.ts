import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { RUN_STATUSES } from './run-status';

describe('RUN_STATUSES', () => {
  it('lists every status the schema has', () => {
    const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
    const values = (schema.getType('RunStatus') as GraphQLEnumType).getValues().map((v) => v.name);
    expect([...RUN_STATUSES].sort()).toEqual(values.sort());
  });
});
