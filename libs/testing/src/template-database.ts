import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { migrate, migrationsDir } from '@weft/db';
import { testPostgresUrl } from './services.js';

let ready: Promise<string> | undefined;

/**
 * The name of a migrated template database for the current migrations,
 * built on first use. Test files clone it (CREATE DATABASE … TEMPLATE) in
 * ~100 ms; an advisory lock keeps parallel test workers from building it twice.
 */
export function templateDatabase(): Promise<string> {
  ready ??= build();
  return ready;
}

async function build(): Promise<string> {
  const hash = createHash('sha256');
  for (const dir of (await readdir(migrationsDir)).sort()) {
    if (dir.endsWith('.toml')) continue;
    hash.update(dir).update(await readFile(path.join(migrationsDir, dir, 'migration.sql')));
  }
  const template = `weft_tpl_${hash.digest('hex').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl('postgres') });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', ['weft-test-template']);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      const building = `${template}_build_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      try {
        await migrate(testPostgresUrl(building));
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
        throw error;
      }
      await admin.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
    return template;
  } finally {
    await admin.end();
  }
}
