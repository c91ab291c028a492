import type pg from 'pg';
import { deadlineTimerIdOf, retryTimerIdOf, type NodeRetrying, type NodeScheduled, type RunAdmitted, type RunResumed, type RunWaiting, type WorkflowStarted } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import { runIdOfStream } from '../relay/relay.js';

/**
 * Derives the durable timers table from run events, at most three statements
 * per batch: a `run.waiting` (delay), a `node.retrying` (backoff) or a
 * `workflow.started` or `run.admitted` (a queued run) with a deadline adds a timer (once, keyed by timer id);
 * `run.resumed` or the retry's `node.scheduled` marks it fired; a finished run
 * cancels its pending timers. Replaying a batch changes nothing.
 */
export class TimersProjector {
  constructor(private readonly pool: pg.Pool) {}

  async handle(events: StoredEvent[]): Promise<void> {
    const added: { id: string; run_id: string; workspace_id: string; node_id: string; due_at: string }[] = [];
    const fired: { id: string; at: string }[] = [];
    const cancelled: { run_id: string; at: string }[] = [];
    for (const event of events) {
      const runId = runIdOfStream(event.streamId);
      const add = (id: string, nodeId: string, dueAt: string) => added.push({ id, run_id: runId, workspace_id: event.workspaceId, node_id: nodeId, due_at: dueAt });
      const at = event.recordedAt.toISOString();
      switch (event.type) {
        case 'run.waiting': {
          const data = event.data as RunWaiting['data'];
          if (data.until) add(data.timerId, data.nodeId, data.until);
          break;
        }
        case 'node.retrying': {
          const data = event.data as NodeRetrying['data'];
          add(data.timerId, data.nodeId, data.retryAt);
          break;
        }
        case 'workflow.started':
        case 'run.admitted': {
          const { deadline } = event.data as WorkflowStarted['data'] | RunAdmitted['data'];
          if (deadline) add(deadlineTimerIdOf(runId), '', deadline);
          break;
        }
        case 'run.resumed':
          fired.push({ id: (event.data as RunResumed['data']).timerId, at });
          break;
        case 'node.scheduled': {
          const { nodeId, attempt } = event.data as NodeScheduled['data'];
          if (attempt > 1) fired.push({ id: retryTimerIdOf(runId, nodeId, attempt - 1), at });
          break;
        }
        case 'workflow.finished':
          cancelled.push({ run_id: runId, at });
          break;
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
