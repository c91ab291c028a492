import type { Queryable } from './queryable.js';

/**
 * Of `streamIds`, those closed now (e.g. runs whose workflow.finished is committed).
 * Unknown streams are not closed. One indexed lookup by primary key.
 */
export async function closedStreams(db: Queryable, streamIds: readonly string[]): Promise<string[]> {
  if (streamIds.length === 0) return [];
  const { rows } = await db.query<{ stream_id: string }>('SELECT stream_id FROM streams WHERE stream_id = ANY($1::text[]) AND closed', [streamIds]);
  return rows.map((row) => row.stream_id);
}
