import type pg from 'pg';
import { LOG_START, readTailLag } from '@weft/event-store';

export const READ_MODELS_TAILER = 'read-models';

/**
 * Drops every read model row and moves the read-models projector back to
 * position 0, in one transaction. A projector running anywhere notices the
 * moved checkpoint at its next save and replays the whole log; idempotent
 * projection makes anything it applied in between harmless.
 */
export async function resetReadModels(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('TRUNCATE rm_node_logs, rm_node_runs, rm_runs, rm_workflow_versions, rm_workflows, rm_audit, rm_schedules');
    await client.query(
      `INSERT INTO checkpoints (name, transaction_id, position, updated_at) VALUES ($1, $2::bigint, $3::bigint, now())
       ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, position = EXCLUDED.position, updated_at = now()`,
      [READ_MODELS_TAILER, LOG_START.transactionId, LOG_START.globalPosition],
    );
    await client.query("SELECT pg_notify('weft_events', '')"); // wakes idle projectors now
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Resolves once the read-models projector has caught up with the log (as it was when called). */
export async function waitForReadModels(pool: pg.Pool, options: { timeoutMs?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<void> {
  const { headPosition } = await readTailLag(pool, READ_MODELS_TAILER);
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  for (;;) {
    // Tailers go in transaction order, so "done" is: no event up to the head is after the checkpoint.
    const { rows } = await pool.query<{ left: string }>(
      `SELECT count(*)::text AS left FROM events e, checkpoints c
        WHERE c.name = $1 AND e.global_position <= $2 AND (e.transaction_id, e.global_position) > (c.transaction_id::text::xid8, c.position)`,
      [READ_MODELS_TAILER, headPosition],
    );
    const left = Number(rows[0]?.left ?? headPosition);
    const checkpointPosition = headPosition - left;
    options.onProgress?.(checkpointPosition, headPosition);
    if (left === 0) return;
    if (Date.now() > deadline) throw new Error(`read models still at position ${checkpointPosition} of ${headPosition}: is a projector running?`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
