import { migrate as applyMigrations } from '@weft/db';
import type { Io } from '../io.js';

/** `weft migrate` (as `npm run migrate`): creates the database if needed and applies the pending migrations. */
export async function migrate(io: Io): Promise<void> {
  const url = io.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/weft';
  const applied = await applyMigrations(url);
  io.out(applied.length ? `applied migrations: ${applied.join(', ')}\n` : 'database schema up to date\n');
}
