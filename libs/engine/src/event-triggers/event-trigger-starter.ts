import type pg from 'pg';
import {
  isLifecycleEventName,
  MAX_LIFECYCLE_DEPTH,
  runStreamId,
  type Json,
  type RunTrigger,
  type SignalReceived,
  type Trigger,
  type WorkflowFinished,
  type WorkflowTriggersChanged,
} from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Aggregates } from '../commands/aggregates.js';
import { derivedRunId } from '../commands/derived-id.js';
import { startRunOnce } from '../commands/start-run.js';
import { unlessMovedOn } from '../commands/unless-moved-on.js';
import type { Logger } from '../logger.js';
import { runIdOfStream } from '../relay/relay.js';
import { filterMatches } from './filter-matches.js';

/** The checkpoint name of the reactor that starts workflows on events. */
export const EVENT_TRIGGERS_TAILER = 'event-triggers';

type Subscriber = { workflow_id: string; trigger_id: string; name: string; filter: string | null; watched_workflow_id: string | null };
type Cause = { workspaceId: string; eventId: string; payload: Json; depth?: number };

/**
 * Starts workflows on events. It reads the log in order, keeping the event triggers of
 * workflows not archived in a table of its own (`event_triggers`), so an event is matched
 * against the triggers as they stood when it was recorded, without scanning workflows:
 * - `signal.received` (emitEvent) starts each workflow of the workspace with a trigger of
 *   that name whose filter holds, the payload as input;
 * - `workflow.finished` starts each one with a lifecycle trigger for that end
 *   (`workflow.finished`, `workflow.<status>`), watching that workflow or any, except the
 *   finished run's own workflow, and only below `MAX_LIFECYCLE_DEPTH` handlers deep.
 * Replays start nothing twice: a run's id is derived from the workflow, the trigger and
 * the event (`startRunOnce`).
 */
export class EventTriggerStarter {
  constructor(
    private readonly pool: pg.Pool,
    private readonly aggregates: Aggregates,
    private readonly logger: Logger,
  ) {}

  async handle(events: StoredEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'workflow.triggers_changed') await this.save(event.workspaceId, event.data as WorkflowTriggersChanged['data']);
      else if (event.type === 'workflow.archived') await this.pool.query('DELETE FROM event_triggers WHERE workflow_id = $1', [(event.data as { workflowId: string }).workflowId]);
      else if (event.type === 'signal.received') await this.onSignal(event.workspaceId, event.data as SignalReceived['data']);
      else if (event.type === 'workflow.finished') await this.onFinished(event);
    }
  }

  private async save(workspaceId: string, { workflowId, triggers }: WorkflowTriggersChanged['data']): Promise<void> {
    const rows = triggers
      .filter((t): t is Extract<Trigger, { kind: 'event' }> => t.kind === 'event')
      .map((t) => ({ workflow_id: workflowId, trigger_id: t.id, workspace_id: workspaceId, name: t.name, filter: t.filter ?? null, watched_workflow_id: t.workflowId ?? null }));
    await this.pool.query('DELETE FROM event_triggers WHERE workflow_id = $1 AND NOT (trigger_id = ANY($2))', [workflowId, rows.map((r) => r.trigger_id)]);
    if (!rows.length) return;
    await this.pool.query(
      `INSERT INTO event_triggers (workflow_id, trigger_id, workspace_id, name, filter, watched_workflow_id)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(workflow_id text, trigger_id text, workspace_id text, name text, filter text, watched_workflow_id text)
       ON CONFLICT (workflow_id, trigger_id) DO UPDATE SET name = EXCLUDED.name, filter = EXCLUDED.filter, watched_workflow_id = EXCLUDED.watched_workflow_id`,
      [JSON.stringify(rows)],
    );
  }

  private async onSignal(workspaceId: string, signal: SignalReceived['data']): Promise<void> {
    // Lifecycle names belong to runs' ends: an emitted event cannot pose as a failure.
    if (isLifecycleEventName(signal.name)) return;
    for (const subscriber of await this.subscribers(workspaceId, [signal.name])) {
      await this.start(subscriber, { workspaceId, eventId: signal.signalId, payload: signal.payload });
    }
  }

  private async onFinished(event: StoredEvent): Promise<void> {
    const finished = event.data as WorkflowFinished['data'];
    const subscribers = await this.subscribers(event.workspaceId, ['workflow.finished', `workflow.${finished.status}`]);
    if (!subscribers.length) return;
    const runId = runIdOfStream(event.streamId);
    const { state: run } = await this.aggregates.runs.loadInWorkspace(runStreamId(runId), event.workspaceId);
    if (run.status === 'none') return;
    const depth = lifecycleDepth(run.trigger);
    if (depth >= MAX_LIFECYCLE_DEPTH) {
      this.logger.warn('lifecycle triggers not started: too many handlers deep', { runId, workflowId: run.workflowId, depth });
      return;
    }
    const payload = { runId, workflowId: run.workflowId, workflowVersion: run.workflowVersion, status: finished.status, ...(finished.error ? { error: finished.error } : {}), finishedAt: finished.finishedAt };
    for (const subscriber of subscribers) {
      // A workflow's own end never starts it: an error handler that fails does not call itself.
      if (subscriber.workflow_id === run.workflowId) continue;
      if (subscriber.watched_workflow_id !== null && subscriber.watched_workflow_id !== run.workflowId) continue;
      await this.start(subscriber, { workspaceId: event.workspaceId, eventId: runId, payload, depth: depth + 1 });
    }
  }

  private async subscribers(workspaceId: string, names: string[]): Promise<Subscriber[]> {
    const { rows } = await this.pool.query<Subscriber>(
      'SELECT workflow_id, trigger_id, name, filter, watched_workflow_id FROM event_triggers WHERE workspace_id = $1 AND name = ANY($2) ORDER BY workflow_id, trigger_id',
      [workspaceId, names],
    );
    return rows;
  }

  private async start(subscriber: Subscriber, cause: Cause): Promise<void> {
    const context = { workflowId: subscriber.workflow_id, triggerId: subscriber.trigger_id, event: subscriber.name, eventId: cause.eventId };
    if (subscriber.filter !== null && !(await filterMatches(subscriber.filter, cause.payload, this.logger, context))) return;
    const runId = derivedRunId('event', subscriber.workflow_id, subscriber.trigger_id, subscriber.name, cause.eventId);
    const trigger: RunTrigger = { kind: 'event', triggerId: subscriber.trigger_id, name: subscriber.name, eventId: cause.eventId, ...(cause.depth ? { depth: cause.depth } : {}) };
    await unlessMovedOn(this.logger, 'event trigger started no run', context, () =>
      startRunOnce(
        this.aggregates,
        { runId, workflowId: subscriber.workflow_id, input: cause.payload, trigger },
        { commandId: `event-trigger:${runId}`, now: new Date().toISOString(), workspaceId: cause.workspaceId, actorId: 'event' },
      ),
    );
  }
}

/** How many lifecycle triggers led to a run: 0 for a run started otherwise. */
function lifecycleDepth(trigger: RunTrigger | undefined): number {
  return trigger?.kind === 'event' && isLifecycleEventName(trigger.name) ? (trigger.depth ?? 1) : 0;
}
