import type { Queryable } from './queryable.js';
import type { ListOpenStreamsOptions, OpenStream } from './types.js';

type OpenStreamRow = { stream_id: string; stream_type: string; workspace_id: string; version: number };

/** Streams of `streamType` not closed yet, by stream id, one page at a time (recovery scans). */
export async function listOpenStreams(db: Queryable, streamType: string, options: ListOpenStreamsOptions): Promise<OpenStream[]> {
  if (!Number.isSafeInteger(options.limit) || options.limit < 1) throw new TypeError(`listOpenStreams: limit must be a positive integer, got ${String(options.limit)}`);
  const { rows } = await db.query<OpenStreamRow>(
    `SELECT stream_id, stream_type, workspace_id, version FROM streams
      WHERE stream_type = $1 AND closed = false AND ($2::text IS NULL OR stream_id > $2::text)
      ORDER BY stream_id
      LIMIT $3`,
    [streamType, options.after ?? null, options.limit],
  );
  return rows.map((row) => ({ streamId: row.stream_id, streamType: row.stream_type, workspaceId: row.workspace_id, version: row.version }));
}
