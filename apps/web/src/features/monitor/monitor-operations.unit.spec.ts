import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stringifyDocument } from '@urql/core';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MONITOR_RUN_EVENTS } from './monitor-operations';

describe('the monitor’s GraphQL documents', () => {
  it('are valid against schema.graphql', () => {
    const schema = buildSchema(readFileSync(path.resolve(import.meta.dirname, '../../../../../schema.graphql'), 'utf8'));
    expect(validate(schema, parse(stringifyDocument(MONITOR_RUN_EVENTS))).map((e) => e.message)).toEqual([]);
  });
});
