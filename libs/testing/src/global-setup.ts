import pg from 'pg';
import { assertServicesUp, testPostgresUrl } from './services.js';

/** Checks PostgreSQL and Redis answer, and drops test databases left behind by crashed runs. */
export default async function setup(): Promise<void> {
  if (process.env.WEFT_TEST_UNIT_ONLY === '1') return; // `npm run test:unit`: no database, no Redis
  await assertServicesUp();
  const admin = new pg.Client({ connectionString: testPostgresUrl('postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'weft\\_t\\_%'");
    const cutoff = Date.now() / 1000 - 7200;
    for (const { datname } of rows) {
      const born = Number(datname.split('_')[2]);
      if (Number.isFinite(born) && born < cutoff) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}
