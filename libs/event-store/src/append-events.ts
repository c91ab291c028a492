import {
  STREAM_WORKSPACE_MISMATCH_SQLSTATE,
  StreamWorkspaceMismatchError,
  WRONG_EXPECTED_VERSION_SQLSTATE,
  WrongExpectedVersionError,
} from './event-store.errors.js';
import type { Queryable } from './queryable.js';
import type { AppendOptions, AppendResult, NewEvent } from './types.js';

type AppendRow = { status: 'appended' | 'duplicate'; version: number; first_position: string | null; last_position: string | null };

const APPEND_SQL = 'SELECT status, version, first_position::text, last_position::text FROM weft_append_events($1, $2, $3, $4, $5, $6, $7::jsonb)';

/**
 * Appends `events` to `streamId` in one round trip (the `weft_append_events` SQL
 * function), atomically: all events or none. Runs in `db`'s transaction when `db`
 * is a client inside BEGIN, so an append can join a larger unit of work.
 *
 * @throws WrongExpectedVersionError the stream is not at `options.expectedVersion`.
 * @throws StreamWorkspaceMismatchError the stream exists in another workspace.
 * @throws TypeError `events` is empty or an argument is malformed (nothing sent).
 */
export async function appendEvents(db: Queryable, streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
  assertAppendArguments(streamId, events, options);
  const payload = events.map(toEventPayload);
  let row: AppendRow | undefined;
  try {
    // pg would turn a JS array into a PostgreSQL array literal: send JSON text.
    const result = await db.query<AppendRow>(APPEND_SQL, [
      streamId,
      options.streamType,
      options.workspaceId,
      options.expectedVersion,
      options.commandId ?? null,
      options.closesStream ?? false,
      JSON.stringify(payload),
    ]);
    row = result.rows[0];
  } catch (error) {
    throw translateAppendError(error, streamId, options.expectedVersion);
  }
  if (!row) throw new Error(`weft_append_events returned no row for stream ${streamId}`);
  if (row.status === 'duplicate') return { status: 'duplicate', version: row.version };
  return { status: 'appended', version: row.version, firstPosition: Number(row.first_position), lastPosition: Number(row.last_position) };
}

/** An event as the append functions take it (JSON). */
export const toEventPayload = (event: NewEvent) => ({
  eventId: event.eventId,
  type: event.type,
  schemaVersion: event.schemaVersion ?? 1,
  data: event.data ?? null,
  metadata: event.metadata ?? {},
});

export function assertAppendArguments(streamId: string, events: readonly NewEvent[], options: AppendOptions): void {
  if (!streamId) throw new TypeError('append: streamId must be a non-empty string');
  if (events.length === 0) throw new TypeError(`append to ${streamId}: events must not be empty (an append with nothing to write is a bug in the caller)`);
  if (!Number.isSafeInteger(options.expectedVersion) || options.expectedVersion < 0) {
    throw new TypeError(`append to ${streamId}: expectedVersion must be an integer >= 0, got ${String(options.expectedVersion)}`);
  }
  if (!options.streamType) throw new TypeError(`append to ${streamId}: streamType must be a non-empty string`);
  if (!options.workspaceId) throw new TypeError(`append to ${streamId}: workspaceId must be a non-empty string`);
  events.forEach((event, index) => {
    if (!event.type) throw new TypeError(`append to ${streamId}: events[${index}].type must be a non-empty string`);
  });
}

function translateAppendError(error: unknown, streamId: string, expectedVersion: number): unknown {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  if (code === WRONG_EXPECTED_VERSION_SQLSTATE) {
    const actual = detail === undefined ? undefined : Number(detail);
    return new WrongExpectedVersionError(streamId, expectedVersion, Number.isFinite(actual) ? actual : undefined);
  }
  if (code === STREAM_WORKSPACE_MISMATCH_SQLSTATE) return new StreamWorkspaceMismatchError(streamId);
  return error;
}
