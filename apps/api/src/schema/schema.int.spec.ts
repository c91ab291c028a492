import { readFile } from 'node:fs/promises';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createPlatform, type Platform } from '@weft/engine';
import { createTestEnv, type TestEnv } from '@weft/testing';
import { createApi } from '../create-api.js';
import { testConfig } from '../e2e/harness.js';
import { buildSchemaText, printSorted } from './print-schema.js';

const checkedIn = () => readFile(new URL('../../../../schema.graphql', import.meta.url), 'utf8');
const STALE = 'schema.graphql is stale: run `npm run build && npm run schema:write` and commit it';

describe('schema.graphql, the checked-in API contract', () => {
  let env: TestEnv;
  let platform: Platform;

  beforeAll(async () => {
    env = await createTestEnv();
    platform = await createPlatform(testConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, WEFT_REDIS_PREFIX: env.redisPrefix }), { readModels: true, logger: createLogger({}, { silent: true }) });
  });
  afterAll(async () => {
    await platform?.close();
    await env?.cleanup();
  });

  it('equals the schema printed from the resolvers', async () => {
    expect(await buildSchemaText(), STALE).toBe(await checkedIn());
  });

  it('equals the schema the API serves', async () => {
    const app = await createApi(platform);
    await app.init();
    try {
      expect(printSorted(app.get(GraphQLSchemaHost).schema), STALE).toBe(await checkedIn());
    } finally {
      await app.close();
    }
  });
});
