import type pg from 'pg';
import type { RunWaiting } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import { runIdOfStream } from '../relay/relay.js';

/**
 * Derives the durable timers table from run events: a `run.waiting` adds a
 * timer (once, keyed by timer id), `run.resumed` marks it fired, and a
 * finished run cancels its pending timers. Replaying a batch changes nothing.
 */
export class TimersProjector {
  constructor(private readonly pool: pg.Pool) {}

  async handle(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'run.waiting') {
        const data = event.data as RunWaiting['data'];
        await this.pool.query(
          'INSERT INTO timers (id, run_id, workspace_id, node_id, due_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
          [data.timerId, runIdOfStream(event.streamId), event.workspaceId, data.nodeId, data.until],
        );
      } else if (event.type === 'run.resumed') {
        await this.pool.query('UPDATE timers SET fired_at = COALESCE(fired_at, $2) WHERE id = $1', [(event.data as { timerId: string }).timerId, event.recordedAt]);
      } else if (event.type === 'workflow.finished') {
        await this.pool.query('UPDATE timers SET fired_at = $2 WHERE run_id = $1 AND fired_at IS NULL', [runIdOfStream(event.streamId), event.recordedAt]);
      }
    }
  }
}
