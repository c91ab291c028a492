import type pg from 'pg';
import type { Trigger, WorkflowEvent } from '@weft/domain';
import { nextFireTimes } from '../schedules/cron.js';
import type { StoredEvent } from '@weft/event-store';

/** Applies one workflow-stream event to rm_workflows / rm_workflow_versions, once (guarded by the row's projected version). */
export async function applyWorkflowEvent(client: pg.Pool | pg.PoolClient, event: StoredEvent & WorkflowEvent): Promise<void> {
  const actor = typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null;
  const at = event.recordedAt.toISOString();
  if (event.type === 'workflow.created') {
    const { workflowId, name, description, graph, createdAt } = event.data;
    await client.query(
      `INSERT INTO rm_workflows (id, workspace_id, name, description, archived, draft, draft_revision, latest_version, created_by, created_at, updated_at, projected_version)
       VALUES ($1, $2, $3, $4, false, $5, 1, NULL, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
      [workflowId, event.workspaceId, name, description, JSON.stringify(graph), actor, createdAt, at, event.version],
    );
    return;
  }
  const { workflowId } = event.data;
  const claimed = await client.query('UPDATE rm_workflows SET projected_version = $2, updated_at = $3 WHERE id = $1 AND projected_version < $2', [workflowId, event.version, at]);
  if (!claimed.rowCount) return;
  switch (event.type) {
    case 'workflow.draft_updated': {
      const { name, description, graph, revision } = event.data;
      await client.query(
        `UPDATE rm_workflows SET draft_revision = $2, name = COALESCE($3, name), description = COALESCE($4, description), draft = COALESCE($5::jsonb, draft) WHERE id = $1`,
        [workflowId, revision, name ?? null, description ?? null, graph === undefined ? null : JSON.stringify(graph)],
      );
      return;
    }
    case 'workflow.version_published': {
      const { version, graph, publishedAt } = event.data;
      await client.query(
        `INSERT INTO rm_workflow_versions (workflow_id, version, workspace_id, graph, published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [workflowId, version, event.workspaceId, JSON.stringify(graph), publishedAt, actor],
      );
      await client.query('UPDATE rm_workflows SET latest_version = $2 WHERE id = $1', [workflowId, version]);
      return;
    }
    case 'workflow.archived':
      // Archiving stops its triggers.
      await client.query('UPDATE rm_workflows SET archived = true WHERE id = $1', [workflowId]);
      await client.query('DELETE FROM rm_schedules WHERE workflow_id = $1', [workflowId]);
      return;
    case 'workflow.triggers_changed':
      await client.query('UPDATE rm_workflows SET triggers = $2 WHERE id = $1', [workflowId, JSON.stringify(event.data.triggers)]);
      await saveSchedules(client, workflowId, event.workspaceId, event.data.triggers, new Date(event.data.changedAt));
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * Replaces the workflow's schedule rows: a schedule is next due at its first occurrence
 * after the change, a moment at its time. A schedule left as it was keeps its progress; one
 * resumed from a pause starts again from the change (what was missed while paused never fires).
 */
async function saveSchedules(client: pg.Pool | pg.PoolClient, workflowId: string, workspaceId: string, triggers: Trigger[], changedAt: Date): Promise<void> {
  const timed = triggers.filter((t): t is Extract<Trigger, { kind: 'schedule' | 'once' }> => t.kind === 'schedule' || t.kind === 'once');
  const rows = timed.map((t) => ({
    workflow_id: workflowId,
    trigger_id: t.id,
    workspace_id: workspaceId,
    kind: t.kind,
    cron: t.kind === 'schedule' ? t.cron : null,
    timezone: t.kind === 'schedule' ? t.timezone : null,
    misfire: t.kind === 'schedule' ? t.misfire : 'fire_once',
    paused: t.kind === 'schedule' && t.paused,
    input: t.input,
    next_fire_at: t.kind === 'once' ? t.at : (nextFireTimes(t.cron, t.timezone, changedAt, 1)[0]?.toISOString() ?? null),
  }));
  await client.query('DELETE FROM rm_schedules WHERE workflow_id = $1 AND NOT (trigger_id = ANY($2))', [workflowId, rows.map((r) => r.trigger_id)]);
  if (!rows.length) return;
  await client.query(
    `INSERT INTO rm_schedules (workflow_id, trigger_id, workspace_id, kind, cron, timezone, misfire, paused, input, next_fire_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(workflow_id text, trigger_id text, workspace_id text, kind text, cron text, timezone text, misfire text, paused boolean, input jsonb, next_fire_at timestamptz)
     ON CONFLICT (workflow_id, trigger_id) DO UPDATE SET kind = EXCLUDED.kind, cron = EXCLUDED.cron, timezone = EXCLUDED.timezone, misfire = EXCLUDED.misfire,
       paused = EXCLUDED.paused, input = EXCLUDED.input,
       next_fire_at = CASE WHEN rm_schedules.kind = EXCLUDED.kind AND rm_schedules.cron IS NOT DISTINCT FROM EXCLUDED.cron AND rm_schedules.timezone IS NOT DISTINCT FROM EXCLUDED.timezone
                           AND rm_schedules.paused = EXCLUDED.paused AND EXCLUDED.kind = 'schedule' THEN rm_schedules.next_fire_at ELSE EXCLUDED.next_fire_at END`,
    [JSON.stringify(rows)],
  );
}
