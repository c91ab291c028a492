import type pg from 'pg';
import { type Json, type RunResumed, type RunWaiting, type SignalReceived } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Aggregates } from '../commands/aggregates.js';
import { unlessMovedOn } from '../commands/unless-moved-on.js';
import type { Logger } from '../logger.js';
import { runIdOfStream } from '../relay/relay.js';

type Wait = { run_id: string; node_id: string; attempt: number; workspace_id: string };
type Signal = { id: string; name: string; correlation_key: string; payload: Json };

/**
 * Resumes runs waiting for external events. It reads the log in order, keeping two
 * derived tables: events received (`signals`) and waits open (`event_waits`). Whichever
 * of a wait and its event comes second in the log makes the match, so neither order
 * loses one; a wait also takes the earliest event received within its lookback window
 * before it began. Replays are harmless: each resume has a command id per signal and
 * attempt, and the run decider refuses a node that no longer waits.
 */
export class WaitMatcher {
  constructor(
    private readonly pool: pg.Pool,
    private readonly aggregates: Aggregates,
    private readonly logger: Logger,
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'signal.received') await this.onSignal(event.workspaceId, event.data as SignalReceived['data'], event.recordedAt);
      else if (event.type === 'run.waiting') await this.onWait(runIdOfStream(event.streamId), event.workspaceId, event.data as RunWaiting['data'], event.recordedAt);
      else if (event.type === 'run.resumed') await this.pool.query('DELETE FROM event_waits WHERE run_id = $1 AND node_id = $2', [runIdOfStream(event.streamId), (event.data as RunResumed['data']).nodeId]);
      else if (event.type === 'workflow.finished') await this.pool.query('DELETE FROM event_waits WHERE run_id = $1', [runIdOfStream(event.streamId)]);
    }
  }

  private async onSignal(workspaceId: string, signal: SignalReceived['data'], at: Date): Promise<void> {
    await this.pool.query(
      'INSERT INTO signals (id, workspace_id, name, correlation_key, payload, received_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
      [signal.signalId, workspaceId, signal.name, signal.correlationKey, JSON.stringify(signal.payload), at],
    );
    const { rows } = await this.pool.query<Wait>(
      'SELECT run_id, node_id, attempt, workspace_id FROM event_waits WHERE workspace_id = $1 AND name = $2 AND correlation_key = $3',
      [workspaceId, signal.name, signal.correlationKey],
    );
    const matched: Signal = { id: signal.signalId, name: signal.name, correlation_key: signal.correlationKey, payload: signal.payload };
    for (const wait of rows) await this.resume(wait, matched);
  }

  private async onWait(runId: string, workspaceId: string, data: RunWaiting['data'], at: Date): Promise<void> {
    if (data.waitFor?.kind !== 'event') return;
    const { name, correlationKey, lookbackMs } = data.waitFor;
    const wait: Wait = { run_id: runId, node_id: data.nodeId, attempt: data.attempt, workspace_id: workspaceId };
    const lookbackFrom = new Date(at.getTime() - lookbackMs);
    await this.pool.query(
      `INSERT INTO event_waits (run_id, node_id, attempt, workspace_id, name, correlation_key, lookback_from) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (run_id, node_id, attempt) DO NOTHING`,
      [runId, data.nodeId, data.attempt, workspaceId, name, correlationKey, lookbackFrom],
    );
    const { rows } = await this.pool.query<Signal>(
      `SELECT id, name, correlation_key, payload FROM signals
        WHERE workspace_id = $1 AND name = $2 AND correlation_key = $3 AND received_at >= $4 ORDER BY received_at, id LIMIT 1`,
      [workspaceId, name, correlationKey, lookbackFrom],
    );
    if (rows[0]) await this.resume(wait, rows[0]);
  }

  private async resume(wait: Wait, signal: Signal): Promise<void> {
    await unlessMovedOn(this.logger, 'event wait already ended', { runId: wait.run_id, nodeId: wait.node_id }, () =>
      this.aggregates.runs.handle({
        type: 'ResolveWait',
        data: { runId: wait.run_id, nodeId: wait.node_id, resolution: { kind: 'event', signalId: signal.id, name: signal.name, correlationKey: signal.correlation_key, payload: signal.payload } },
        metadata: { commandId: `signal:${signal.id}:${wait.run_id}:${wait.node_id}:${wait.attempt}`, now: new Date().toISOString(), workspaceId: wait.workspace_id, actorId: 'event' },
      }),
    );
    await this.pool.query('DELETE FROM event_waits WHERE run_id = $1 AND node_id = $2 AND attempt = $3', [wait.run_id, wait.node_id, wait.attempt]);
  }
}
