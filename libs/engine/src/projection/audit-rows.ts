import type { Json, RunEvent, WorkflowEvent } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';

/** A row of rm_audit: who did what to a workflow, when. */
export type AuditRow = { position: number; workspace_id: string; workflow_id: string; run_id: string | null; action: string; actor_id: string | null; at: string; detail: Json | null };

const actorOf = (event: StoredEvent): string | null => (typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null);

/**
 * The audit entry an event makes, if any. Pure. Workflow events all count;
 * of a run's events, its start and a cancellation (the decisions people and
 * keys make), with `workflowOfRun` for the run's workflow.
 */
export function auditRow(event: StoredEvent, runId: string | undefined, workflowOfRun: (runId: string) => string | undefined): AuditRow | undefined {
  const base = { position: event.globalPosition, workspace_id: event.workspaceId, actor_id: actorOf(event), at: event.recordedAt.toISOString() };
  if (runId === undefined) {
    const e = event as StoredEvent & WorkflowEvent;
    const detail: Json | null = e.type === 'workflow.version_published' ? { version: e.data.version } : e.type === 'workflow.draft_updated' ? { revision: e.data.revision } : null;
    return { ...base, workflow_id: e.data.workflowId, run_id: null, action: e.type, detail };
  }
  const e = event as StoredEvent & RunEvent;
  if (e.type === 'workflow.started') return { ...base, workflow_id: e.data.workflowId, run_id: runId, action: 'run.started', detail: { version: e.data.workflowVersion } };
  if (e.type === 'workflow.finished' && e.data.status === 'cancelled') {
    const workflowId = workflowOfRun(runId);
    return workflowId ? { ...base, workflow_id: workflowId, run_id: runId, action: 'run.cancelled', detail: { reason: e.data.error?.message ?? null } } : undefined;
  }
  return undefined;
}

/** One statement for a batch's entries; a replayed event's entry already exists and is skipped. */
export const AUDIT_INSERT_SQL = `INSERT INTO rm_audit SELECT * FROM jsonb_to_recordset($1::jsonb)
  AS x(position bigint, workspace_id text, workflow_id text, run_id text, action text, actor_id text, at timestamptz, detail jsonb)
  ON CONFLICT (position) DO NOTHING`;
