export type { AppendOptions, AppendResult, ListOpenStreamsOptions, NewEvent, OpenStream, StoredEvent, TailCheckpoint } from './types.js';
export type { Queryable } from './queryable.js';
export {
  StreamWorkspaceMismatchError,
  STREAM_WORKSPACE_MISMATCH_SQLSTATE,
  WrongExpectedVersionError,
  WRONG_EXPECTED_VERSION_SQLSTATE,
} from './event-store.errors.js';
export { PgEventStore } from './pg-event-store.js';
export { appendEvents } from './append-events.js';
export { hasWithheldEvents, readEventsAfter, readStreamEvents } from './read-events.js';
export { listOpenStreams } from './list-open-streams.js';
export { closedStreams } from './closed-streams.js';
export { advanceCheckpoint, LOG_START, readCheckpoint, readTailLag, readTailLags, resetCheckpoint, saveCheckpoint, type TailLag } from './tailer/checkpoint.js';
export { startTailer } from './tailer/tailer.js';
export type { Tailer, TailerLogger, TailerOptions } from './tailer/tailer.types.js';
export { AppendBatcher, type AppendBatcherOptions } from './append-batcher.js';
