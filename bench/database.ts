import pg from 'pg';

/** Runs `sql` on the server's `postgres` database (for CREATE/DROP DATABASE). */
async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`);
}

/**
 * Drops `name` and migrates it afresh with the project's migrator (the one behind
 * `npm run migrate`, which creates the database); returns its URL. Called in-process
 * from the built libs/db: the script itself lingers ~10 s on an idle pool after it is done.
 */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  const url = `${serverUrl}/${name}`;
  const { migrate } = await import('@weft/db'); // the built dist: loaded only after buildIfNeeded
  await migrate(url);
  return url;
}

/** A small pool on the bench database for the harness's own queries (events, read models). */
export function benchPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 0 }); // never closes idle clients, so it opens no sessions mid-run
}
