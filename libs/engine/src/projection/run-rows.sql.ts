import type pg from 'pg';
import type { NodeRunRow, RunRow, RunRows } from './run-rows.js';

const RUN_COLUMNS =
  'id text, workspace_id text, workflow_id text, workflow_version int, status text, input jsonb, output jsonb, error jsonb, started_at timestamptz, finished_at timestamptz, projected_version int, rerun_of text, rerun_from_node text, trigger jsonb';
/** The column names of a `name type, …` list: inserts name their columns, whatever order the table has them in. */
const names = (columns: string): string => columns.split(',').map((column) => column.trim().split(' ')[0]).join(', ');
const NODE_COLUMNS =
  'run_id text, node_id text, workspace_id text, node_type text, status text, attempt int, input jsonb, output jsonb, branch text, error jsonb, scheduled_at timestamptz, started_at timestamptz, finished_at timestamptz, seq int';

const LOG_COLUMNS = 'run_id text, node_id text, attempt int, seq int, workspace_id text, at timestamptz, level text, message text, data jsonb';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

type Stored = RunRow & { nodes: NodeRunRow[] };

/**
 * Loads the rows of these runs and all their nodes in one query. No lock: a
 * single projector instance runs at a time (the tailer's lease).
 */
export async function loadRunRows(client: pg.PoolClient | pg.Pool, runIds: string[]): Promise<Map<string, RunRows>> {
  const result = new Map<string, RunRows>();
  if (!runIds.length) return result;
  const { rows } = await client.query<{ row: Stored }>(
    `SELECT to_jsonb(r) || jsonb_build_object('nodes', COALESCE((SELECT jsonb_agg(n) FROM rm_node_runs n WHERE n.run_id = r.id), '[]'::jsonb)) AS row
       FROM rm_runs r WHERE r.id = ANY($1)`,
    [runIds],
  );
  for (const { row } of rows) {
    const { nodes, ...run } = row;
    result.set(run.id, { run: { ...run, started_at: iso(run.started_at)!, finished_at: iso(run.finished_at) }, nodes: new Map(nodes.map((n) => [n.node_id, normalizeNode(n)])), changedNodes: new Set(), newLogs: [] });
  }
  return result;
}

/** to_jsonb renders timestamps as "2026-01-01T00:00:00+00:00"; keep the ISO form the events use. */
const normalizeNode = (node: NodeRunRow): NodeRunRow => ({ ...node, scheduled_at: iso(node.scheduled_at), started_at: iso(node.started_at), finished_at: iso(node.finished_at) });

/** Writes changed runs and node runs in one statement (atomic, one round trip), whatever the batch size. */
export async function saveRunRows(client: pg.PoolClient | pg.Pool, changed: RunRows[]): Promise<void> {
  if (!changed.length) return;
  const nodes = changed.flatMap((rows) => [...rows.changedNodes].map((id) => rows.nodes.get(id)!));
  const logs = changed.flatMap((rows) => rows.newLogs);
  await client.query(
    `WITH runs AS (
       INSERT INTO rm_runs (${names(RUN_COLUMNS)}) SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(${RUN_COLUMNS})
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, output = EXCLUDED.output, error = EXCLUDED.error,
         finished_at = EXCLUDED.finished_at, projected_version = EXCLUDED.projected_version
       RETURNING 1
     ), nodes AS (
       INSERT INTO rm_node_runs (${names(NODE_COLUMNS)}) SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(${NODE_COLUMNS})
       ON CONFLICT (run_id, node_id) DO UPDATE SET status = EXCLUDED.status, attempt = EXCLUDED.attempt, input = EXCLUDED.input,
         output = EXCLUDED.output, branch = EXCLUDED.branch, error = EXCLUDED.error, scheduled_at = EXCLUDED.scheduled_at,
         started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at
       RETURNING 1
     ), logs AS (
       INSERT INTO rm_node_logs (${names(LOG_COLUMNS)}) SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(${LOG_COLUMNS})
       ON CONFLICT DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM nodes) AS nodes, (SELECT count(*) FROM logs) AS logs`,
    [JSON.stringify(changed.map((rows) => rows.run)), JSON.stringify(nodes), JSON.stringify(logs)],
  );
  for (const rows of changed) rows.newLogs.length = 0;
}
