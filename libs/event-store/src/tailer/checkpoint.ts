import type { Queryable } from '../queryable.js';
import { anyEventAfter } from '../read-events.js';
import type { TailCheckpoint } from '../types.js';

/** The start of the log: every event sorts after it. */
export const LOG_START: TailCheckpoint = Object.freeze({ transactionId: '0', globalPosition: 0 });

type CheckpointRow = { transaction_id: string; position: string };

/** The saved checkpoint of tailer `name`, or `LOG_START` when it has none. */
export async function readCheckpoint(db: Queryable, name: string): Promise<TailCheckpoint> {
  const { rows } = await db.query<CheckpointRow>('SELECT transaction_id::text, position::text FROM checkpoints WHERE name = $1', [name]);
  const row = rows[0];
  return row ? { transactionId: row.transaction_id, globalPosition: Number(row.position) } : { ...LOG_START };
}

/** Saves tailer `name`'s checkpoint (xid8 is stored as bigint: both are 64-bit and xids stay below 2^63). */
export async function saveCheckpoint(db: Queryable, name: string, checkpoint: TailCheckpoint): Promise<void> {
  await db.query(
    `INSERT INTO checkpoints (name, transaction_id, position, updated_at) VALUES ($1, $2::bigint, $3::bigint, now())
     ON CONFLICT (name) DO UPDATE SET transaction_id = EXCLUDED.transaction_id, position = EXCLUDED.position, updated_at = now()`,
    [name, checkpoint.transactionId, checkpoint.globalPosition],
  );
}

/** The compare-and-set of a checkpoint: $1 name, $2/$3 the stored value expected, $4/$5 the new one. */
const MOVE_CHECKPOINT = `UPDATE checkpoints SET transaction_id = $4::bigint, position = $5::bigint, updated_at = now()
   WHERE name = $1 AND transaction_id = $2::bigint AND position = $3::bigint`;

/**
 * Saves `next` only if the stored checkpoint is still `previous` (compare and
 * set). False means someone else moved it (a reset for a rebuild): the tailer
 * must reload it instead of overwriting it.
 */
export async function advanceCheckpoint(db: Queryable, name: string, previous: TailCheckpoint, next: TailCheckpoint): Promise<boolean> {
  const updated = await db.query(MOVE_CHECKPOINT, [name, previous.transactionId, previous.globalPosition, next.transactionId, next.globalPosition]);
  if (updated.rowCount) return true;
  if (previous.globalPosition !== LOG_START.globalPosition) return false;
  const inserted = await db.query(
    'INSERT INTO checkpoints (name, transaction_id, position, updated_at) VALUES ($1, $2::bigint, $3::bigint, now()) ON CONFLICT (name) DO NOTHING',
    [name, next.transactionId, next.globalPosition],
  );
  return Boolean(inserted.rowCount);
}

/**
 * `advanceCheckpoint`, and in the same round trip whether any event follows `next`
 * (committed or held back by an older open transaction): a tailer that finds none
 * sleeps until the next notification without reading the log again. On `more`
 * false nothing followed `next` as of this statement; later commits notify.
 * When the compare-and-set fails (or the checkpoint row does not exist yet) it
 * falls back to `advanceCheckpoint` and reports `more` true, so the caller reads.
 */
export async function advanceCheckpointAndPeek(db: Queryable, name: string, previous: TailCheckpoint, next: TailCheckpoint): Promise<{ advanced: boolean; more: boolean }> {
  const { rows } = await db.query<{ advanced: boolean; more: boolean }>(
    `WITH moved AS (${MOVE_CHECKPOINT} RETURNING 1)
     SELECT EXISTS (SELECT 1 FROM moved) AS advanced, ${anyEventAfter('$6', '$7')} AS more`,
    // The next checkpoint twice: as bigints to store, as xid8 and bigint to compare with events.
    [name, previous.transactionId, previous.globalPosition, next.transactionId, next.globalPosition, next.transactionId, next.globalPosition],
  );
  if (rows[0]?.advanced) return { advanced: true, more: rows[0].more };
  return { advanced: await advanceCheckpoint(db, name, previous, next), more: true };
}

/**
 * Moves tailer `name` back to the start of the log, e.g. to rebuild its read
 * models from position 0. Safe while the tailer runs: its next save finds the
 * checkpoint moved and it reloads it (its handler must be idempotent anyway).
 */
export async function resetCheckpoint(db: Queryable, name: string): Promise<void> {
  await saveCheckpoint(db, name, LOG_START);
}

/** How far tailer `name` trails the log. */
export type TailLag = {
  /** The highest global position in the log (0 when empty). */
  headPosition: number;
  /** The global position of the last event the tailer saved (0 when it has no checkpoint). */
  checkpointPosition: number;
  /**
   * `headPosition - checkpointPosition`, at least 0. An estimate: tailers go in
   * transaction order, so positions are not handled strictly in sequence. 0 means caught up.
   */
  lag: number;
};

/** One cheap query (the head is the primary key's last entry). */
export async function readTailLag(db: Queryable, name: string): Promise<TailLag> {
  const { rows } = await db.query<{ head: string; checkpoint: string }>(
    `SELECT COALESCE((SELECT max(global_position) FROM events), 0)::text AS head,
            COALESCE((SELECT position FROM checkpoints WHERE name = $1), 0)::text AS checkpoint`,
    [name],
  );
  const headPosition = Number(rows[0]?.head ?? 0);
  const checkpointPosition = Number(rows[0]?.checkpoint ?? 0);
  return { headPosition, checkpointPosition, lag: Math.max(0, headPosition - checkpointPosition) };
}

/** `readTailLag` of several tailers in one query (the head read once), by name. */
export async function readTailLags(db: Queryable, names: readonly string[]): Promise<Record<string, TailLag>> {
  const { rows } = await db.query<{ name: string; head: string; checkpoint: string }>(
    `SELECT n.name, h.head::text, COALESCE(c.position, 0)::text AS checkpoint
       FROM unnest($1::text[]) AS n(name)
       CROSS JOIN (SELECT COALESCE(max(global_position), 0) AS head FROM events) AS h
       LEFT JOIN checkpoints c ON c.name = n.name`,
    [names],
  );
  return Object.fromEntries(
    rows.map((row) => {
      const headPosition = Number(row.head);
      const checkpointPosition = Number(row.checkpoint);
      return [row.name, { headPosition, checkpointPosition, lag: Math.max(0, headPosition - checkpointPosition) }];
    }),
  );
}

/**
 * What an idle tailer checks, in one round trip: its stored checkpoint (moved
 * by a reset?) and whether committed events after its own checkpoint exist
 * that it could not read yet (held back by an older open transaction).
 */
export async function idleCheck(db: Queryable, name: string, checkpoint: TailCheckpoint): Promise<{ stored: TailCheckpoint; withheld: boolean }> {
  const { rows } = await db.query<{ transaction_id: string | null; position: string | null; withheld: boolean }>(
    `SELECT c.transaction_id::text, c.position::text,
            ${anyEventAfter('$2', '$3')} AS withheld
       FROM (SELECT 1) AS one LEFT JOIN checkpoints c ON c.name = $1`,
    [name, checkpoint.transactionId, checkpoint.globalPosition],
  );
  const row = rows[0];
  const stored = row?.transaction_id == null ? { ...LOG_START } : { transactionId: row.transaction_id, globalPosition: Number(row.position) };
  return { stored, withheld: row?.withheld ?? false };
}
