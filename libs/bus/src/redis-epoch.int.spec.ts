import { deleteRedisPrefix, startPrivateRedis, testRedisUrl } from '@weft/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { connections, uniquePrefix } from './bus.test-helpers.js';
import { RedisEpoch } from './redis-epoch.js';

describe('RedisEpoch', () => {
  const prefix = uniquePrefix();
  const pool = connections(testRedisUrl());
  afterAll(async () => {
    pool.closeAll();
    await deleteRedisPrefix(testRedisUrl(), prefix);
  });

  it('is fresh once, then stable; forget makes the next caller fresh again', async () => {
    const epoch = new RedisEpoch(pool.open(), prefix);
    const first = await epoch.ensure();
    expect(first.fresh).toBe(true);
    expect(await epoch.ensure()).toEqual({ epoch: first.epoch, fresh: false });
    await epoch.forget();
    const again = await epoch.ensure();
    expect(again.fresh).toBe(true);
    expect(again.epoch).not.toBe(first.epoch);
  });

  it('is fresh for exactly one of many concurrent callers, once per FLUSHALL (private redis-server)', async () => {
    const server = await startPrivateRedis();
    const local = connections(server.url);
    try {
      const callers = Array.from({ length: 10 }, () => new RedisEpoch(local.open(), 'weft:'));
      const ensureAll = () => Promise.all(callers.map((c) => c.ensure()));

      const start = await ensureAll();
      expect(start.filter((r) => r.fresh)).toHaveLength(1);
      expect(new Set(start.map((r) => r.epoch)).size).toBe(1);
      expect((await ensureAll()).filter((r) => r.fresh)).toHaveLength(0);

      await local.open().flushall();
      const afterFlush = await ensureAll();
      expect(afterFlush.filter((r) => r.fresh)).toHaveLength(1);
      expect(new Set(afterFlush.map((r) => r.epoch)).size).toBe(1);
      expect(afterFlush[0]!.epoch).not.toBe(start[0]!.epoch);
      expect((await ensureAll()).filter((r) => r.fresh)).toHaveLength(0);

      await server.restart();
      expect((await ensureAll()).filter((r) => r.fresh)).toHaveLength(1);
    } finally {
      local.closeAll();
      await server.stop();
    }
  });
});
