import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { dropDatabase, ensureDatabase } from '@weft/db';
import { testPostgresUrl, testRedisUrl } from './services.js';
import { templateDatabase } from './template-database.js';

export type TestEnv = {
  databaseUrl: string;
  redisUrl: string;
  /** Every Redis key of this test starts with this prefix. */
  redisPrefix: string;
  cleanup(): Promise<void>;
};

/** A fresh migrated database and a Redis key prefix of its own, for one test file. */
export async function createTestEnv(): Promise<TestEnv> {
  const template = await templateDatabase();
  const id = `${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
  const databaseUrl = testPostgresUrl(`weft_t_${id}`);
  await ensureDatabase(databaseUrl, template);
  const redisPrefix = `weft:t:${id}:`;
  return {
    databaseUrl,
    redisUrl: testRedisUrl(),
    redisPrefix,
    async cleanup() {
      await dropDatabase(databaseUrl);
      await deleteRedisPrefix(testRedisUrl(), redisPrefix);
    },
  };
}

export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
