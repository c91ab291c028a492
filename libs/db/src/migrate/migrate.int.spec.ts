import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '@weft/testing';
import { dropDatabase } from './ensure-database.js';
import { migrate } from './migrate.js';

describe('migrate', () => {
  const url = testPostgresUrl(`weft_t_${Math.floor(Date.now() / 1000)}_migrate${process.pid}`);
  afterAll(() => dropDatabase(url));

  it('creates the database, applies every migration once, and records them as prisma migrate deploy does', async () => {
    const first = await migrate(url);
    expect(first).toEqual(expect.arrayContaining(['20261125204844_init', '20261125210000_event_store_append']));
    expect(await migrate(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string; finished_at: Date | null; checksum: string }>('SELECT migration_name, finished_at, checksum FROM _prisma_migrations ORDER BY migration_name');
      expect(rows.map((r) => r.migration_name)).toEqual(first.sort());
      expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
      const fn = await client.query("SELECT 1 FROM pg_proc WHERE proname = 'weft_append_events'");
      expect(fn.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  });
});
