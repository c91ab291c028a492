import type pg from 'pg';

/** Sessions (connections) opened on the current database since its statistics were reset: pool churn shows here. */
export async function sessionsOpened(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT sessions::int AS n FROM pg_stat_database WHERE datname = current_database()');
  return rows[0]?.n ?? 0;
}

const streams = (runIds: readonly string[]) => runIds.map((id) => `run-${id}`);

/** Completed node attempts (`node.completed` events) of these runs. */
export async function countNodeSteps(pool: pg.Pool, runIds: readonly string[]): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE type = 'node.completed' AND stream_id = ANY($1)`, [streams(runIds)]);
  return rows[0]?.n ?? 0;
}

/**
 * Schedule-to-start of every node attempt of these runs, in ms: `node.scheduled`'s
 * `scheduledAt` to the attempt's `startedAt`, from `node.started` or, where a worker
 * folds the start into the completion, from `node.completed`.
 */
export async function scheduleToStartMs(pool: pg.Pool, runIds: readonly string[]): Promise<number[]> {
  const { rows } = await pool.query<{ ms: number }>(
    `WITH scheduled AS (
       SELECT stream_id, data->>'nodeId' AS node_id, data->'attempt' AS attempt, (data->>'scheduledAt')::timestamptz AS at
         FROM events WHERE type = 'node.scheduled' AND stream_id = ANY($1)
     ), started AS (
       SELECT stream_id, data->>'nodeId' AS node_id, data->'attempt' AS attempt, min((data->>'startedAt')::timestamptz) AS at
         FROM events WHERE type IN ('node.started', 'node.completed') AND data ? 'startedAt' AND stream_id = ANY($1)
        GROUP BY 1, 2, 3
     )
     SELECT (extract(epoch FROM started.at - scheduled.at) * 1000)::float8 AS ms
       FROM scheduled JOIN started USING (stream_id, node_id, attempt)`,
    [streams(runIds)],
  );
  return rows.map((r) => r.ms);
}

export type RunProgress = { finished: number; succeeded: number; lastFinishedAt: Date | null };

/** How many of these runs the read model (`rm_runs`) shows as finished. */
export async function runProgress(pool: pg.Pool, runIds: readonly string[]): Promise<RunProgress> {
  const { rows } = await pool.query<RunProgress>(
    `SELECT count(*) FILTER (WHERE status <> 'running')::int AS finished, count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
            max(finished_at) AS "lastFinishedAt"
       FROM rm_runs WHERE id = ANY($1)`,
    [runIds],
  );
  return rows[0] ?? { finished: 0, succeeded: 0, lastFinishedAt: null };
}

/** Per run: when its delay was due (`run.waiting`'s `until`) and when the read model shows it finished. */
export async function delayLateness(pool: pg.Pool, runIds: readonly string[]): Promise<{ dueAt: Date; finishedAt: Date }[]> {
  const { rows } = await pool.query<{ dueAt: Date; finishedAt: Date }>(
    `SELECT (w.data->>'until')::timestamptz AS "dueAt", r.finished_at AS "finishedAt"
       FROM events w JOIN rm_runs r ON w.stream_id = 'run-' || r.id
      WHERE w.type = 'run.waiting' AND w.stream_id = ANY($1) AND r.finished_at IS NOT NULL`,
    [streams(runIds)],
  );
  return rows;
}
