import type pg from 'pg';
import { DomainError } from '@weft/domain';
import type { Aggregates } from '../commands/aggregates.js';
import type { Logger } from '../logger.js';

export type TimerPollerOptions = {
  pool: pg.Pool;
  aggregates: Aggregates;
  logger: Logger;
  intervalMs?: number;
  batchSize?: number;
  now?: () => Date;
  /** Called with how late each timer that resumed its run fired (due time → its command applied), for metrics. */
  onFired?: (lateMs: number) => void;
};

/**
 * Fires due timers. A fire repeated (after a crash, or by a second scheduler)
 * appends nothing: the run decider only resumes a node still waiting on that timer.
 */
export class TimerPoller {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: TimerPollerOptions) {}

  start(): void {
    const tick = () => {
      this.running = this.fireDue()
        .then(() => undefined)
        .catch((error: unknown) => this.options.logger.warn('timer poll failed', { error: String(error) }))
        .finally(() => {
          if (this.handle) this.handle = setTimeout(tick, this.options.intervalMs ?? 250);
        });
    };
    this.handle = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.handle);
    this.handle = undefined;
    await this.running;
  }

  /** Fires every timer due now; returns how many. */
  async fireDue(): Promise<number> {
    const { pool, aggregates, logger } = this.options;
    const now = this.options.now?.() ?? new Date();
    // No lock held while firing: a long transaction would hold every tailer back
    // (pg_snapshot_xmin). Two schedulers may fire the same timer; the run decider
    // finds the node no longer waiting the second time and decides nothing, so it fires once.
    const { rows } = await pool.query<{ id: string; run_id: string; workspace_id: string; due_at: Date }>(
      'SELECT id, run_id, workspace_id, due_at FROM timers WHERE fired_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2',
      [now, this.options.batchSize ?? 500],
    );
    // Fired concurrently: their appends share transactions (AppendBatcher), so a thousand
    // timers due together fire in a few round trips rather than a thousand.
    await Promise.all(
      rows.map(async (timer) => {
        try {
          const { events } = await aggregates.runs.handle({
            type: 'FireTimer',
            data: { runId: timer.run_id, timerId: timer.id },
            metadata: { commandId: `timer:${timer.id}`, now: now.toISOString(), workspaceId: timer.workspace_id, actorId: 'scheduler' },
          });
          if (events.length) this.options.onFired?.(Math.max(0, Date.now() - timer.due_at.getTime()));
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          logger.warn('timer not applicable', { timerId: timer.id, reason: error.message });
        }
      }),
    );
    if (rows.length) await pool.query('UPDATE timers SET fired_at = $2 WHERE id = ANY($1) AND fired_at IS NULL', [rows.map((r) => r.id), now]);
    return rows.length;
  }
}
