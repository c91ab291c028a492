import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '@weft/testing';
import { ensureServices, stopProjectServices } from './services.mjs';

/**
 * What `npm start` does on a machine where nothing listens at DATABASE_URL / REDIS_URL:
 * starts the distribution's PostgreSQL and Redis on a data folder of the project's,
 * as unprivileged users, and leaves running servers alone.
 */
describe('ensureServices', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-services-'));
  chmodSync(dataDir, 0o755); // the servers' own users must reach their folders in it
  afterAll(() => {
    stopProjectServices(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts PostgreSQL and Redis in the data folder when nothing answers at the URLs, then finds them up the next time', { timeout: 90_000 }, async () => {
    const [pgPort, redisPort] = [await freePort(), await freePort()];
    const databaseUrl = `postgresql://postgres@127.0.0.1:${pgPort}/postgres`;
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await ensureServices({ databaseUrl, redisUrl, dataDir });
      expect(lines.some((line) => line.startsWith(`starting PostgreSQL on port ${pgPort}`))).toBe(true);
      expect(lines.some((line) => line.startsWith(`starting Redis on port ${redisPort}`))).toBe(true);

      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
      await client.end();
      expect(rows[0]!.dir).toBe(path.join(dataDir, 'postgres'));
      const redis = new Redis(redisUrl);
      expect(await redis.ping()).toBe('PONG');
      expect((await redis.config('GET', 'dir'))[1]).toBe(path.join(dataDir, 'redis'));
      redis.disconnect();
      // Never as root: PostgreSQL refuses it, and a server has no business with root's rights.
      for (const folder of ['postgres', 'redis']) expect(statSync(path.join(dataDir, folder)).uid).not.toBe(0);

      lines.length = 0;
      await ensureServices({ databaseUrl, redisUrl, dataDir });
      expect(lines).toEqual([`PostgreSQL at 127.0.0.1:${pgPort}, Redis at 127.0.0.1:${redisPort}: up`]);
    } finally {
      log.mockRestore();
    }
  });

  it('names the setting to change when a remote server does not answer, and starts nothing', async () => {
    await expect(ensureServices({ quiet: true, databaseUrl: 'postgresql://weft@192.0.2.1:5432/weft', redisUrl: 'redis://127.0.0.1:6379', dataDir })).rejects.toThrow(
      'PostgreSQL is not reachable at 192.0.2.1:5432; set DATABASE_URL to a running server',
    );
  });
});
