import type pg from 'pg';
import { isLifecycleEventName } from '@weft/domain';

/** Who an emitted event is for, as the derived tables stand when it is emitted. */
export type EventAudience = {
  /** Workflows of the workspace with an event trigger of that name (whatever their filters say). */
  subscribers: number;
  /** Runs of the workspace waiting for that name and correlation key. */
  waitingRuns: number;
};

/**
 * Counts the workflows and runs an event would reach now. Both tables are kept by
 * reactors from the log, so a trigger set (or a wait begun) a moment ago may not be
 * counted yet; the event itself is matched in log order, not by this count.
 */
export async function eventAudience(pool: pg.Pool, workspaceId: string, name: string, correlationKey: string): Promise<EventAudience> {
  const { rows } = await pool.query<{ subscribers: number; waiting_runs: number }>(
    `SELECT (SELECT count(DISTINCT workflow_id)::int FROM event_triggers WHERE workspace_id = $1 AND name = $2 AND NOT $4) AS subscribers,
            (SELECT count(DISTINCT run_id)::int FROM event_waits WHERE workspace_id = $1 AND name = $2 AND correlation_key = $3) AS waiting_runs`,
    [workspaceId, name, correlationKey, isLifecycleEventName(name)],
  );
  return { subscribers: rows[0]?.subscribers ?? 0, waitingRuns: rows[0]?.waiting_runs ?? 0 };
}
