import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './test-env.js';

describe('test environment', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });
  afterAll(async () => {
    await env.cleanup();
  });

  it('gives each test file a migrated database of its own', async () => {
    const client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations');
    await client.end();
    expect(rows.map((r) => r.migration_name)).toContain('20261125204844_init');
    expect(env.redisPrefix).toMatch(/^weft:t:\d+_[0-9a-f]{8}:$/);
  });
});
