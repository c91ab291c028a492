import { readFile } from 'node:fs/promises';
import { ensureDatabase } from './ensure-database.js';
import { readMigrationsFolder } from './migrations-folder.js';
import { migrationsDir, schemaPath } from './paths.js';
import { openSchemaEngine } from './schema-engine.js';

/**
 * Creates the database if needed and applies every pending migration of
 * `prisma/migrations`, recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` would. Idempotent.
 */
export async function migrate(connectionString: string): Promise<string[]> {
  await ensureDatabase(connectionString);
  const session = await openSchemaEngine(connectionString, { path: schemaPath, content: await readFile(schemaPath, 'utf8') });
  try {
    const result = await session.engine.applyMigrations({
      migrationsList: await readMigrationsFolder(migrationsDir),
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    await session.close();
  }
}
