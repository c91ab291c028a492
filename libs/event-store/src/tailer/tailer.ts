import pg from 'pg';
import { readEventsAfter } from '../read-events.js';
import type { StoredEvent, TailCheckpoint } from '../types.js';
import { advanceCheckpointAndPeek, idleCheck, readCheckpoint } from './checkpoint.js';
import type { Tailer, TailerLogger, TailerOptions } from './tailer.types.js';
import { sleep, WakeSignal } from './wake-signal.js';

/**
 * First key of the advisory lock pair ('WEFT'), the second is hashtext(name): keeps
 * tailer locks apart from other advisory locks. Two names with the same hash would
 * merely take turns.
 */
const LOCK_NAMESPACE = 0x57454654;
const NOTIFY_CHANNEL = 'weft_events';

/**
 * Starts tailing the event log as `options.name` and returns at once.
 *
 * Invariants:
 * - One active instance per name across processes: a session advisory lock on the
 *   tailer's dedicated connection. It dies with the connection, so when the holder
 *   stops, crashes or loses PostgreSQL, a standby takes over within `lockRetryMs`.
 * - At-least-once: the checkpoint is saved after `handle` resolves, on the
 *   lock-holding connection (a tailer that lost its lock cannot move it).
 * - No event is skipped: batches come from `readEventsAfter` (transaction order, up
 *   to the oldest running transaction).
 */
export function startTailer(options: TailerOptions): Tailer {
  return new PgTailer(options);
}

class PgTailer implements Tailer {
  readonly name: string;
  private isActive = false;
  private failures = 0;
  private readonly stopping = new AbortController();
  private readonly wake = new WakeSignal();
  private readonly logger: TailerLogger;
  private readonly settings: { batchSize: number; idlePollMs: number; lockRetryMs: number; backoff: { initialMs: number; maxMs: number } };
  private readonly running: Promise<void>;

  constructor(private readonly options: TailerOptions) {
    if (!options.name) throw new TypeError('startTailer: name must be a non-empty string');
    this.name = options.name;
    this.logger = options.logger ?? console;
    this.settings = {
      batchSize: options.batchSize ?? 100,
      idlePollMs: options.idlePollMs ?? 1000,
      lockRetryMs: options.lockRetryMs ?? 1000,
      backoff: options.backoff ?? { initialMs: 100, maxMs: 5000 },
    };
    this.running = this.run();
  }

  get active(): boolean {
    return this.isActive;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake.wake();
    await this.running;
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** Connect, take the lock, tail; on any connection or query failure, back off and start over. */
  private async run(): Promise<void> {
    while (!this.stopped) {
      const { options: connection } = this.options.pool;
      const client = new pg.Client({ ...connection, application_name: connection.application_name ?? `weft-tailer:${this.name}`, keepAlive: true });
      client.on('error', (error) => {
        this.logger.warn(`tailer ${this.name}: connection error`, { error: error.message });
        this.wake.wake();
      });
      client.on('end', () => this.wake.wake());
      client.on('notification', () => this.wake.wake());
      let failed = false;
      try {
        await client.connect();
        // This session only writes the checkpoint, which is derived: a crash that loses its
        // last writes replays a few batches (handlers are idempotent). Events keep full durability.
        await client.query('SET synchronous_commit TO off');
        if (await this.acquireLock(client)) await this.tail(client);
      } catch (error) {
        failed = true;
        this.failures += 1;
        this.logger.error(`tailer ${this.name}: database error, reconnecting`, { error: errorMessage(error), failures: this.failures });
      } finally {
        if (this.isActive) this.logger.info(`tailer ${this.name}: released`);
        this.isActive = false;
        // Ending the session releases the advisory lock and the LISTEN.
        await client.end().catch(() => undefined);
      }
      if (failed) await sleep(this.backoffMs(this.failures), this.stopping.signal);
    }
  }

  /** Tries every `lockRetryMs` until the lock is ours (true) or the tailer stops (false). */
  private async acquireLock(client: pg.Client): Promise<boolean> {
    while (!this.stopped) {
      const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [LOCK_NAMESPACE, this.name]);
      if (rows[0]?.locked) return true;
      await sleep(this.settings.lockRetryMs, this.stopping.signal);
    }
    return false;
  }

  private async tail(client: pg.Client): Promise<void> {
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    // Read after LISTEN: an append committed in between is seen by the first read.
    let checkpoint: TailCheckpoint = await readCheckpoint(client, this.name);
    this.isActive = true;
    this.logger.info(`tailer ${this.name}: active`, { checkpoint });
    let withheldRetries = 0;
    while (!this.stopped) {
      this.wake.clear();
      const events = await readEventsAfter(client, checkpoint, this.settings.batchSize);
      this.failures = 0;
      if (events.length === 0) {
        const { stored, withheld } = await idleCheck(client, this.name, checkpoint);
        if (stored.transactionId !== checkpoint.transactionId || stored.globalPosition !== checkpoint.globalPosition) {
          this.logger.warn(`tailer ${this.name}: checkpoint moved by someone else (a reset?); going on from it`, { checkpoint: stored });
          checkpoint = stored;
          this.options.onCheckpointMoved?.();
          continue;
        }
        withheldRetries = withheld ? withheldRetries + 1 : 0;
        // Events held back by an older open transaction: look again soon (1, 2, 4, then every 5 ms).
        // Such transactions last milliseconds, and one that writes no event (a checkpoint, a
        // read-model update) sends no notification when it ends: a longer back-off only adds latency.
        await this.wake.wait(withheldRetries ? Math.min(this.settings.idlePollMs, 2 ** Math.min(withheldRetries - 1, 2), 5) : this.settings.idlePollMs);
        continue;
      }
      withheldRetries = 0;
      if (!(await this.handleUntilDone(events))) return;
      const last = events[events.length - 1]!;
      const next = { transactionId: last.transactionId, globalPosition: last.globalPosition };
      // Saving the checkpoint also tells whether anything follows it: when nothing does,
      // the tailer sleeps until the next notification instead of reading the log again
      // and checking it idle (two round trips per wake saved, for every tailer and commit).
      const { advanced, more } = await advanceCheckpointAndPeek(client, this.name, checkpoint, next);
      if (advanced) {
        checkpoint = next;
      } else {
        checkpoint = await readCheckpoint(client, this.name);
        this.logger.warn(`tailer ${this.name}: checkpoint moved by someone else (a reset?); going on from it`, { checkpoint });
        this.options.onCheckpointMoved?.();
      }
      const coalesceMs = this.options.coalesceMs ?? 0;
      const busy = events.length >= (this.options.coalesceAbove ?? 4) && events.length < this.settings.batchSize;
      if (coalesceMs > 0 && busy) await sleep(coalesceMs, this.stopping.signal);
      // A commit after the peek notifies: its wake is kept since the clear before the read.
      else if (!more) await this.wake.wait(this.settings.idlePollMs);
    }
  }

  /** Hands the same batch again after each failure; false when stopped before it succeeded. */
  private async handleUntilDone(events: StoredEvent[]): Promise<boolean> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handle(events);
        return true;
      } catch (error) {
        const first = events[0]!.globalPosition;
        const last = events[events.length - 1]!.globalPosition;
        this.logger.error(`tailer ${this.name}: handler failed, retrying the same batch`, { error: errorMessage(error), attempt, first, last });
        await sleep(this.backoffMs(attempt), this.stopping.signal);
        if (this.stopped) return false;
      }
    }
  }

  private backoffMs(attempt: number): number {
    const { initialMs, maxMs } = this.settings.backoff;
    return Math.min(maxMs, initialMs * 2 ** Math.min(attempt - 1, 20));
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
