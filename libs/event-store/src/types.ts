/** An event to append. `eventId` defaults to a random UUID; `schemaVersion` to 1. */
export type NewEvent = {
  type: string;
  data: unknown;
  schemaVersion?: number;
  metadata?: Record<string, unknown>;
  eventId?: string;
};

/** An event as stored. Positions are safe JS integers (< 2^53). */
export type StoredEvent = {
  globalPosition: number;
  /** PostgreSQL transaction id (xid8) of the commit that wrote it, as a decimal string. */
  transactionId: string;
  streamId: string;
  /** 1-based position inside its stream. */
  version: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: Record<string, unknown>;
  workspaceId: string;
  recordedAt: Date;
};

export type AppendOptions = {
  /** Version the stream must be at (0: the stream must not exist yet). */
  expectedVersion: number;
  streamType: string;
  workspaceId: string;
  /** When set, a second append with the same id appends nothing and reports `duplicate`. */
  commandId?: string;
  /** Marks the stream closed (e.g. a finished run) so recovery scans skip it. */
  closesStream?: boolean;
};

export type AppendResult =
  | { status: 'appended'; version: number; firstPosition: number; lastPosition: number }
  | { status: 'duplicate'; version: number };

/** Where a tailer has got to: events are read in (transactionId, globalPosition) order. */
export type TailCheckpoint = { transactionId: string; globalPosition: number };

/** A stream not yet closed, as listed by recovery scans. */
export type OpenStream = { streamId: string; streamType: string; workspaceId: string; version: number };

/** Keyset pagination over open streams, ordered by stream id. */
export type ListOpenStreamsOptions = {
  /** Return streams whose id sorts after this one (the last id of the previous page). */
  after?: string;
  limit: number;
};
