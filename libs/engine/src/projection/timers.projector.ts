import type pg from 'pg';
import type { RunResumed, RunWaiting, WorkflowFinished } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import { runIdOfStream } from '../relay/relay.js';

/**
 * Derives the durable timers table from run events, at most three statements
 * per batch: a `run.waiting` adds a timer (once, keyed by timer id),
 * `run.resumed` marks it fired, and a run that failed or was cancelled cancels
 * its pending timers (a run that succeeded has none). Replaying a batch changes nothing.
 */
export class TimersProjector {
  constructor(private readonly pool: pg.Pool) {}

  async handle(events: StoredEvent[]): Promise<void> {
    const added: { id: string; run_id: string; workspace_id: string; node_id: string; due_at: string }[] = [];
    const fired: { id: string; at: string }[] = [];
    const cancelled: { run_id: string; at: string }[] = [];
    for (const event of events) {
      if (event.type === 'run.waiting') {
        const data = event.data as RunWaiting['data'];
        added.push({ id: data.timerId, run_id: runIdOfStream(event.streamId), workspace_id: event.workspaceId, node_id: data.nodeId, due_at: data.until });
      } else if (event.type === 'run.resumed') {
        fired.push({ id: (event.data as RunResumed['data']).timerId, at: event.recordedAt.toISOString() });
      } else if (event.type === 'workflow.finished' && (event.data as WorkflowFinished['data']).status !== 'succeeded') {
        cancelled.push({ run_id: runIdOfStream(event.streamId), at: event.recordedAt.toISOString() });
      }
    }
    if (added.length) {
      await this.pool.query(
        `INSERT INTO timers (id, run_id, workspace_id, node_id, due_at)
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, run_id text, workspace_id text, node_id text, due_at timestamptz) ON CONFLICT (id) DO NOTHING`,
        [JSON.stringify(added)],
      );
    }
    if (fired.length) {
      await this.pool.query(
        `UPDATE timers t SET fired_at = COALESCE(t.fired_at, x.at) FROM jsonb_to_recordset($1::jsonb) AS x(id text, at timestamptz) WHERE t.id = x.id`,
        [JSON.stringify(fired)],
      );
    }
    if (cancelled.length) {
      await this.pool.query(
        `UPDATE timers t SET fired_at = x.at FROM jsonb_to_recordset($1::jsonb) AS x(run_id text, at timestamptz) WHERE t.run_id = x.run_id AND t.fired_at IS NULL`,
        [JSON.stringify(cancelled)],
      );
    }
  }
}
