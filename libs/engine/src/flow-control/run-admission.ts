import type pg from 'pg';
import { type CommandMetadata, type SlotGranted, type WorkflowStarted } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Aggregates } from '../commands/aggregates.js';
import { unlessMovedOn } from '../commands/unless-moved-on.js';
import type { Logger } from '../logger.js';
import { runIdOfStream } from '../relay/relay.js';

/** The name of its tailer's checkpoint. */
export const RUN_ADMISSION_TAILER = 'run-admission';

const ACTOR = 'run-admission';

/**
 * Admits the runs of workflows with `settings.maxConcurrentRuns`, in turn. It reads
 * the log in order and turns events into commands, the decisions staying with the
 * deciders: a queued `workflow.started` asks the workflow's run slots for one
 * (AcquireRunSlot), a `slot.granted` admits its run (AdmitRun), and the
 * `workflow.finished` of a run that was queued gives its slot back, or takes it out
 * of the queue (ReleaseRunSlot). Replays are harmless: every command has an id per
 * run and the deciders ignore repeats. A run that ended before its grant came is
 * refused admission (logged) and releases the slot when its end is read.
 */
export class RunAdmission {
  constructor(
    private readonly pool: pg.Pool,
    private readonly aggregates: Aggregates,
    private readonly logger: Logger,
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    const queuedRuns = await this.queuedRunsAmong(events.filter((e) => e.type === 'workflow.finished' && e.streamId.startsWith('run-')).map((e) => e.streamId));
    for (const event of events) {
      if (event.type === 'workflow.started') {
        const { runId, workflowId, graph, queued } = event.data as WorkflowStarted['data'];
        const limit = graph.settings?.maxConcurrentRuns;
        if (queued && limit !== undefined) await this.aggregates.slots.handle({ type: 'AcquireRunSlot', data: { workflowId, runId, limit }, metadata: this.metadata(`slot-acquire:${runId}`, event) });
      } else if (event.type === 'slot.granted') {
        await this.admit((event.data as SlotGranted['data']).runId, event);
      } else if (event.type === 'workflow.finished') {
        const runId = runIdOfStream(event.streamId);
        const workflowId = queuedRuns.get(runId);
        if (workflowId) await this.aggregates.slots.handle({ type: 'ReleaseRunSlot', data: { workflowId, runId }, metadata: this.metadata(`slot-release:${runId}`, event) });
      }
    }
  }

  private admit(runId: string, granted: StoredEvent): Promise<void> {
    return unlessMovedOn(this.logger, 'run not admitted: it ended while queued', { runId }, () =>
      this.aggregates.runs.handle({ type: 'AdmitRun', data: { runId }, metadata: this.metadata(`admit:${runId}`, granted) }),
    );
  }

  /** Of these finished run streams, the runs that started queued, with their workflow: read from their first event. */
  private async queuedRunsAmong(streamIds: string[]): Promise<Map<string, string>> {
    if (!streamIds.length) return new Map();
    const { rows } = await this.pool.query<{ stream_id: string; workflow_id: string }>(
      `SELECT stream_id, data->>'workflowId' AS workflow_id FROM events
        WHERE stream_id = ANY($1::text[]) AND version = 1 AND type = 'workflow.started' AND data->>'queued' = 'true'`,
      [streamIds],
    );
    return new Map(rows.map((row) => [runIdOfStream(row.stream_id), row.workflow_id]));
  }

  private metadata(commandId: string, cause: StoredEvent): CommandMetadata {
    return { commandId, now: new Date().toISOString(), workspaceId: cause.workspaceId, actorId: ACTOR };
  }
}
