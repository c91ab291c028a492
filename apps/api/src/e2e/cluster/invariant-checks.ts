import type pg from 'pg';
import { duplicateCompletions } from '../invariants.js';
import type { SinkHit } from './sink-server.js';

/** What the invariants of DESIGN.md say must hold after a fault scenario; every count must be zero. */
export type InvariantReport = {
  runs: number;
  /** Runs the API answered with whose stream does not exist. */
  lost: number;
  /** Runs without workflow.finished (none of these is legitimately waiting in the load). */
  unfinished: number;
  /** Node attempts completed more than once. */
  duplicates: number;
  /** Runs of the load's workflow started besides the one answered per idempotency key, plus keys answered with two different runs. */
  duplicateRuns: number;
  /** Effects on the sink without an idempotency key, or one key sent with two different bodies. */
  unstableKeys: number;
  /** Completed `effect` attempts whose key never reached the sink. */
  missingEffects: number;
};

/**
 * `workflowId`: the load's workflow, every run of which was started with an idempotency key, so
 * any run of it that the API answered no start with is a second run of one key.
 * `conflictingAnswers`: keys whose copies the API answered with different runs.
 */
export async function checkInvariants(pool: pg.Pool, runIds: readonly string[], hits: readonly SinkHit[], options: { workflowId?: string; conflictingAnswers?: number } = {}): Promise<InvariantReport> {
  const streams = runIds.map((id) => `run-${id}`);
  const unanswered = options.workflowId
    ? Number(
        (await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM events WHERE type = 'workflow.started' AND data->>'workflowId' = $1 AND NOT (stream_id = ANY($2))", [options.workflowId, streams])).rows[0]!
          .n,
      )
    : 0;
  const existing = await pool.query<{ stream_id: string }>('SELECT stream_id FROM streams WHERE stream_id = ANY($1)', [streams]);
  const finished = await pool.query<{ stream_id: string }>("SELECT DISTINCT stream_id FROM events WHERE type = 'workflow.finished' AND stream_id = ANY($1)", [streams]);
  const completedEffects = await pool.query<{ key: string }>(
    `SELECT substr(stream_id, 5) || ':' || (data->>'nodeId') || ':' || (data->>'attempt') AS key
       FROM events WHERE type = 'node.completed' AND data->>'nodeId' = 'effect' AND stream_id = ANY($1)`,
    [streams],
  );
  const bodies = new Map<string, Set<string>>();
  let keyless = 0;
  for (const hit of hits) {
    if (!hit.key) keyless += 1;
    else bodies.set(hit.key, (bodies.get(hit.key) ?? new Set()).add(hit.body));
  }
  return {
    runs: runIds.length,
    lost: runIds.length - existing.rowCount!,
    unfinished: runIds.length - finished.rowCount!,
    duplicates: (await duplicateCompletions(pool)).length,
    duplicateRuns: unanswered + (options.conflictingAnswers ?? 0),
    unstableKeys: keyless + [...bodies.values()].filter((set) => set.size > 1).length,
    missingEffects: completedEffects.rows.filter((row) => !bodies.has(row.key)).length,
  };
}

/**
 * A checksum of the read models a client sees of runs (what `run`, `runs` and `nodeRuns`
 * show), to compare with the same after a rebuild from position 0.
 */
export async function readModelChecksum(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ runs: string | null; nodes: string | null }>(
    `SELECT (SELECT md5(string_agg(concat_ws('|', id, status, workflow_version, output::text, error::text, finished_at IS NULL), ',' ORDER BY id)) FROM rm_runs) AS runs,
            (SELECT md5(string_agg(concat_ws('|', run_id, node_id, status, attempt, output::text, error::text, branch), ',' ORDER BY run_id, node_id)) FROM rm_node_runs) AS nodes`,
  );
  return `${rows[0]?.runs ?? 'none'}/${rows[0]?.nodes ?? 'none'}`;
}
