import type pg from 'pg';
import { appendEvents } from './append-events.js';
import { AppendBatcher } from './append-batcher.js';
import { closedStreams } from './closed-streams.js';
import { listOpenStreams } from './list-open-streams.js';
import { readEventsAfter, readStreamEvents } from './read-events.js';
import type { AppendOptions, AppendResult, ListOpenStreamsOptions, NewEvent, OpenStream, StoredEvent, TailCheckpoint } from './types.js';

/** The event store over a `pg.Pool`: raw SQL on the hot path, no ORM. */
export class PgEventStore {
  private readonly batcher: AppendBatcher | undefined;

  /** With `batchAppends`, appends issued in the same event-loop turn share one transaction (see AppendBatcher). */
  constructor(
    private readonly pool: pg.Pool,
    options: { batchAppends?: boolean } = {},
  ) {
    this.batcher = options.batchAppends ? new AppendBatcher(pool) : undefined;
  }

  /**
   * Appends `events` to `streamId` at `options.expectedVersion`, all or nothing.
   * A repeated `options.commandId` appends nothing and returns `duplicate`.
   *
   * @throws WrongExpectedVersionError the stream is not at the expected version.
   * @throws StreamWorkspaceMismatchError the stream belongs to another workspace.
   * @throws TypeError `events` is empty or an option is malformed.
   */
  append(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.batcher ? this.batcher.append(streamId, events, options) : appendEvents(this.pool, streamId, events, options);
  }

  /** The events of `streamId` from `fromVersion` (1-based, inclusive), in version order; [] for an unknown stream. */
  readStream(streamId: string, fromVersion = 1): Promise<StoredEvent[]> {
    return readStreamEvents(this.pool, streamId, fromVersion);
  }

  /**
   * Up to `limit` committed events after `checkpoint` in (transactionId, globalPosition)
   * order, never skipping an event whose transaction commits late (see `readEventsAfter`).
   * Start from `{ transactionId: '0', globalPosition: 0 }`.
   */
  readAfter(checkpoint: TailCheckpoint, limit: number): Promise<StoredEvent[]> {
    return readEventsAfter(this.pool, checkpoint, limit);
  }

  /** Streams of `streamType` not closed yet, ordered by id; page with `after` = last id seen. */
  listOpenStreams(streamType: string, options: ListOpenStreamsOptions): Promise<OpenStream[]> {
    return listOpenStreams(this.pool, streamType, options);
  }

  /** Of `streamIds`, those closed now (finished runs); unknown streams are not closed. */
  closedStreams(streamIds: readonly string[]): Promise<string[]> {
    return closedStreams(this.pool, streamIds);
  }
}
