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

/**
 * True when committed events after `checkpoint` exist, readable or not. After
 * `readEventsAfter` returned nothing, they are events held back by an older
 * open transaction (or that became readable since): tailers then look again
 * within milliseconds instead of waiting for the next notification, which was
 * already spent on the commit they could not see yet. Not filtering on the
 * snapshot's xmin here keeps the answer right when it moved between the two queries.
 */
export async function hasWithheldEvents(db: Queryable, checkpoint: TailCheckpoint): Promise<boolean> {
  const { rows } = await db.query<{ withheld: boolean }>(`SELECT ${anyEventAfter('$1', '$2')} AS withheld`, [checkpoint.transactionId, checkpoint.globalPosition]);
  return rows[0]?.withheld ?? false;
}

/**
 * SQL that is true when an event sorts after (`xid`, `position`), committed or
 * not yet readable. Written as an ordered probe of the (transaction_id,
 * global_position) index, never as `EXISTS (… WHERE (a, b) > (x, y))`: the
 * planner cannot estimate a row comparison (it assumes a third of the table
 * matches) and answered that EXISTS with a sequential scan, which reads the
 * whole log when nothing follows the checkpoint — the usual case, for every
 * idle tailer after every commit.
 */
export function anyEventAfter(xid: string, position: string): string {
  return `((SELECT true FROM events WHERE (transaction_id, global_position) > (${xid}::xid8, ${position}::bigint) ORDER BY transaction_id, global_position LIMIT 1) IS NOT NULL)`;
}
