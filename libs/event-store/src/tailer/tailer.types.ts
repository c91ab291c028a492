import type pg from 'pg';
import type { StoredEvent } from '../types.js';

/** Where a tailer reports; `console` fits. */
export type TailerLogger = {
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
};

export type TailerOptions = {
  /** Connection settings for the tailer's own dedicated client come from `pool.options`; the pool itself is not used. */
  pool: pg.Pool;
  /** Names the checkpoint and the lock: one active tailer per name across all processes. */
  name: string;
  /**
   * Handles a batch (non-empty, in log order). Must be idempotent: a batch is handed
   * again after a throw, and after a crash between handling and saving the checkpoint.
   */
  handle(events: StoredEvent[]): Promise<void>;
  /** Events per batch. Default 100. */
  batchSize?: number;
  /**
   * Under load, wait this long after a batch before reading again, so the next
   * batch gathers the events of several commits: less work per event for up
   * to this much more latency. Only after a batch of at least `coalesceAbove`
   * events (default 4): a quiet system keeps its latency. Default 0 (never).
   */
  coalesceMs?: number;
  coalesceAbove?: number;
  /** Called when the checkpoint was moved by someone else (a reset for a rebuild): drop what the handler cached. */
  onCheckpointMoved?(): void;
  /** Poll interval when no NOTIFY arrives (e.g. a notification lost in a reconnect). Default 1000. */
  idlePollMs?: number;
  /** How often a standby instance tries to take the lock. Default 1000. */
  lockRetryMs?: number;
  /** Exponential backoff after a handler failure or a lost connection. Default 100 ms doubling up to 5 s. */
  backoff?: { initialMs: number; maxMs: number };
  /** Default `console`. */
  logger?: TailerLogger;
};

/** A running tailer. */
export type Tailer = {
  readonly name: string;
  /** True while this instance holds the lock and tails the log; false on standby or while reconnecting. */
  readonly active: boolean;
  /** Finishes the batch in hand (handle + checkpoint), releases the lock and closes the connection. */
  stop(): Promise<void>;
};
