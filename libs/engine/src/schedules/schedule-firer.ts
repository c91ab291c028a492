import pg from 'pg';
import { DomainError, type Json, type MisfirePolicy } from '@weft/domain';
import type { Aggregates } from '../commands/aggregates.js';
import { derivedRunId } from '../commands/derived-id.js';
import { startRunOnce } from '../commands/start-run.js';
import type { Logger } from '../logger.js';
import { planFires } from './plan-fires.js';

type Due = { workflow_id: string; trigger_id: string; workspace_id: string; kind: 'schedule' | 'once'; cron: string | null; timezone: string | null; misfire: MisfirePolicy; input: Json; next_fire_at: Date };

/** Any fixed number: the advisory lock whose holder is the one scheduler that fires. */
const LEADER_LOCK = 0x77656674; // "weft"

export type ScheduleFirerOptions = {
  databaseUrl: string;
  pool: pg.Pool;
  aggregates: Aggregates;
  logger: Logger;
  /** An occurrence later than this when fired is a misfire, handled by the schedule's policy. */
  graceMs?: number;
  intervalMs?: number;
  now?: () => Date;
  /** Called with how late each fire was (due time → run started), for metrics and benchmarks. */
  onFired?: (lateMs: number, kind: Due['kind']) => void;
};

/** The run a schedule's occurrence (or a moment) starts: one id per occurrence, so it starts once. */
export const scheduledRunId = (workflowId: string, triggerId: string, fireTime: Date): string => derivedRunId('trigger', workflowId, triggerId, fireTime.toISOString());

/**
 * Fires schedules and moments. Several schedulers may run: one leads, holding a PostgreSQL
 * advisory lock on its own session (a leader that dies loses it with its connection, and
 * another takes over within a tick). Even two leaders would not fire an occurrence twice:
 * each occurrence starts the run of a derived id, and the event store refuses a second.
 */
export class ScheduleFirer {
  private handle: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private session: pg.Client | undefined;
  private leading = false;

  constructor(private readonly options: ScheduleFirerOptions) {}

  start(): void {
    const interval = this.options.intervalMs ?? 200;
    const tick = () => {
      let wait = interval;
      this.running = this.tick()
        .then((untilNextMs) => {
          wait = Math.max(1, Math.min(interval, untilNextMs));
        })
        .catch((error: unknown) => this.options.logger.warn('schedule tick failed', { error: String(error) }))
        .finally(() => {
          if (this.handle) this.handle = setTimeout(tick, wait);
        });
    };
    this.handle = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.handle);
    this.handle = undefined;
    await this.running;
    await this.session?.end().catch(() => undefined);
    this.session = undefined;
    this.leading = false;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Fires what is due when leading; returns how long until the next occurrence (to wake just in time, not a poll later). */
  private async tick(): Promise<number> {
    if (!(await this.lead())) return Number.POSITIVE_INFINITY;
    await this.fireDue();
    const { rows } = await this.options.pool.query<{ next: Date | null }>('SELECT min(next_fire_at) AS next FROM rm_schedules WHERE NOT paused');
    const next = rows[0]?.next;
    return next ? next.getTime() - Date.now() : Number.POSITIVE_INFINITY;
  }

  /** Takes or keeps the leadership; false while another scheduler holds it. */
  private async lead(): Promise<boolean> {
    try {
      if (!this.session) {
        const session = new pg.Client({ connectionString: this.options.databaseUrl });
        session.on('error', () => {
          this.session = undefined;
          this.leading = false;
        });
        await session.connect();
        this.session = session;
      }
      if (!this.leading) {
        const { rows } = await this.session.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [LEADER_LOCK]);
        this.leading = rows[0]?.locked === true;
        if (this.leading) this.options.logger.info('leading the schedules');
      }
      return this.leading;
    } catch (error) {
      await this.session?.end().catch(() => undefined);
      this.session = undefined;
      this.leading = false;
      throw error;
    }
  }

  /** Fires every schedule and moment due now; returns how many runs it started. */
  async fireDue(): Promise<number> {
    const { pool } = this.options;
    const now = this.options.now?.() ?? new Date();
    const { rows } = await pool.query<Due>(
      'SELECT workflow_id, trigger_id, workspace_id, kind, cron, timezone, misfire, input, next_fire_at FROM rm_schedules WHERE next_fire_at <= $1 AND NOT paused ORDER BY next_fire_at LIMIT 200',
      [now],
    );
    let started = 0;
    for (const due of rows) {
      const plan =
        due.kind === 'once' ? { fires: [due.next_fire_at], next: undefined } : planFires({ cron: due.cron!, timezone: due.timezone!, misfire: due.misfire }, due.next_fire_at, now, this.options.graceMs ?? 5000);
      for (const fireTime of plan.fires) if (await this.fire(due, fireTime, now)) started += 1;
      // Moved on only from where it was read: a trigger changed meanwhile keeps its new time.
      await pool.query('UPDATE rm_schedules SET next_fire_at = $4 WHERE workflow_id = $1 AND trigger_id = $2 AND next_fire_at = $3', [due.workflow_id, due.trigger_id, due.next_fire_at, plan.next ?? null]);
    }
    return started;
  }

  private async fire(due: Due, fireTime: Date, now: Date): Promise<boolean> {
    const runId = scheduledRunId(due.workflow_id, due.trigger_id, fireTime);
    try {
      const result = await startRunOnce(
        this.options.aggregates,
        { runId, workflowId: due.workflow_id, input: due.input, trigger: { kind: due.kind, triggerId: due.trigger_id, fireTime: fireTime.toISOString() } },
        { commandId: `fire:${runId}`, now: new Date().toISOString(), workspaceId: due.workspace_id, actorId: 'scheduler' },
      );
      if (result.started) this.options.onFired?.(Math.max(0, Date.now() - fireTime.getTime()), due.kind);
      return result.started;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.options.logger.warn('trigger did not start a run', { workflowId: due.workflow_id, triggerId: due.trigger_id, fireTime: fireTime.toISOString(), reason: error.message, at: now.toISOString() });
      return false;
    }
  }
}
