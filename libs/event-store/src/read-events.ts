import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './event-row.js';
import type { Queryable } from './queryable.js';
import type { StoredEvent, TailCheckpoint } from './types.js';

/** The events of one stream from `fromVersion` (1-based, inclusive), in version order. */
export async function readStreamEvents(db: Queryable, streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
  const { rows } = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 AND version >= $2 ORDER BY events.version`, [streamId, fromVersion]);
  return rows.map(toStoredEvent);
}

/**
 * Up to `limit` events after `checkpoint`, in (transaction_id, global_position) order.
 *
 * Invariant: only events of transactions older than every transaction still in
 * progress (`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`) are returned.
 * Global positions are taken before commit, so a later position can become visible
 * before an earlier one; ordering by transaction id and stopping at the snapshot's
 * xmin means no event can ever appear behind a checkpoint already returned.
 * The price: a long-running transaction that has written anything, anywhere in the
 * PostgreSQL cluster (xids are cluster-wide, not per database), holds the tail back
 * until it ends. Keep write transactions short (`idle_in_transaction_session_timeout`).
 */
export async function readEventsAfter(db: Queryable, checkpoint: TailCheckpoint, limit: number): Promise<StoredEvent[]> {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new TypeError(`readAfter: limit must be a positive integer, got ${String(limit)}`);
  const { rows } = await db.query<EventRow>(
    `SELECT ${EVENT_COLUMNS} FROM events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
      ORDER BY events.transaction_id, events.global_position
      LIMIT $3`,
    [checkpoint.transactionId, checkpoint.globalPosition, limit],
  );
  return rows.map(toStoredEvent);
}
