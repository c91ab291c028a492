import type { StoredEvent } from './types.js';

/**
 * The columns every event read selects, in the shape `toStoredEvent` expects.
 * The text casts get names of their own: an output column named like a table
 * column would win in ORDER BY and sort positions as text ('10' < '9').
 */
export const EVENT_COLUMNS = `global_position::text AS position_text, transaction_id::text AS transaction_text,
  stream_id, version, event_id::text AS event_text, type, schema_version, data, metadata, workspace_id, recorded_at`;

export type EventRow = {
  position_text: string;
  transaction_text: string;
  stream_id: string;
  version: number;
  event_text: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, unknown> | null;
  workspace_id: string;
  recorded_at: Date;
};

/** bigint positions arrive as strings; they stay below 2^53 for the life of the log. */
export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    globalPosition: Number(row.position_text),
    transactionId: row.transaction_text,
    streamId: row.stream_id,
    version: row.version,
    eventId: row.event_text,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata ?? {},
    workspaceId: row.workspace_id,
    recordedAt: row.recorded_at,
  };
}
