import pg from 'pg';
import { Redis } from 'ioredis';

export const testPostgresUrl = (database: string): string => {
  const base = new URL(process.env.WEFT_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/${database}`;
  return base.toString();
};
export const testRedisUrl = (): string => process.env.WEFT_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fails with one clear line when PostgreSQL or Redis is not reachable. */
export async function assertServicesUp(): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl('postgres'), connectionTimeoutMillis: 3000 });
  await client.connect().catch((error: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${testPostgresUrl('postgres')}: ${error.message} (start it, see README)`);
  });
  await client.end();
  const redis = new Redis(testRedisUrl(), { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000 });
  await redis.connect().catch((error: Error) => {
    throw new Error(`Redis is not reachable at ${testRedisUrl()}: ${error.message} (start it, see README)`);
  });
  redis.disconnect();
}
