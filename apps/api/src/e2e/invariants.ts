import type pg from 'pg';

/** Node attempts completed more than once: must always be empty (exactly-once effect on state). */
export async function duplicateCompletions(pool: pg.Pool): Promise<{ stream_id: string; node_id: string; attempt: string; n: string }[]> {
  const { rows } = await pool.query<{ stream_id: string; node_id: string; attempt: string; n: string }>(
    `SELECT stream_id, data->>'nodeId' AS node_id, data->>'attempt' AS attempt, count(*)::text AS n
       FROM events WHERE type = 'node.completed'
      GROUP BY 1, 2, 3 HAVING count(*) > 1`,
  );
  return rows;
}

/** Status of every run in the read model, by outcome. */
export async function runOutcomes(pool: pg.Pool, runIds: string[]): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ status: string; n: string }>('SELECT status, count(*)::text AS n FROM rm_runs WHERE id = ANY($1) GROUP BY status', [runIds]);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
