import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate, migrationsDir } from '@weft/db';
import { assertServicesUp, testPostgresUrl } from './services.js';

/**
 * Builds one migrated template database per migrations content; each test
 * file then clones it (CREATE DATABASE … TEMPLATE), which takes ~100 ms.
 */
export default async function setup(): Promise<void> {
  await assertServicesUp();
  const hash = createHash('sha256');
  for (const dir of (await readdir(migrationsDir)).sort()) {
    if (dir.endsWith('.toml')) continue;
    hash.update(dir).update(await readFile(path.join(migrationsDir, dir, 'migration.sql')));
  }
  const template = `weft_tpl_${hash.digest('hex').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl('postgres') });
  await admin.connect();
  try {
    await dropStaleTestDatabases(admin);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      const building = `${template}_build_${process.pid}`;
      await migrate(testPostgresUrl(building));
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(async (error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // another run built it first
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      });
    }
  } finally {
    await admin.end();
  }
  process.env.WEFT_TEST_TEMPLATE_DB = template;
}

/** Test databases are named weft_t_<unix seconds>_…; drop those older than two hours. */
async function dropStaleTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'weft\\_t\\_%' OR datname LIKE 'weft\\_tpl\\_%\\_build\\_%'");
  const cutoff = Date.now() / 1000 - 7200;
  for (const { datname } of rows) {
    const born = Number(datname.split('_')[2]);
    if (datname.includes('_build_') || (Number.isFinite(born) && born < cutoff)) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  }
}
