import type pg from 'pg';
import type { WorkflowEvent } from '@weft/domain';
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
      await client.query('UPDATE rm_workflows SET archived = true WHERE id = $1', [workflowId]);
      return;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
