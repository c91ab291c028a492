import type { WorkflowEvent } from '@weft/domain';
import type { StoredEvent } from '@weft/event-store';
import type { Tx } from './read-model.projector.js';

const json = (value: unknown) => value as object;

/** Applies one workflow-stream event to rm_workflows / rm_workflow_versions, once. */
export async function applyWorkflowEvent(tx: Tx, event: StoredEvent & WorkflowEvent): Promise<boolean> {
  const at = event.recordedAt;
  const actor = typeof event.metadata.actorId === 'string' ? event.metadata.actorId : null;
  if (event.type === 'workflow.created') {
    const { workflowId, name, description, graph, createdAt } = event.data;
    const created = await tx.workflow.createMany({
      data: [{ id: workflowId, workspaceId: event.workspaceId, name, description, draft: json(graph), draftRevision: 1, createdBy: actor, createdAt: new Date(createdAt), updatedAt: at, projectedVersion: event.version }],
      skipDuplicates: true,
    });
    return created.count > 0;
  }
  const workflowId = event.data.workflowId;
  const claimed = await tx.workflow.updateMany({ where: { id: workflowId, projectedVersion: { lt: event.version } }, data: { projectedVersion: event.version, updatedAt: at } });
  if (claimed.count === 0) return false;
  switch (event.type) {
    case 'workflow.draft_updated': {
      const { name, description, graph, revision } = event.data;
      await tx.workflow.update({
        where: { id: workflowId },
        data: { draftRevision: revision, ...(name === undefined ? {} : { name }), ...(description === undefined ? {} : { description }), ...(graph === undefined ? {} : { draft: json(graph) }) },
      });
      return true;
    }
    case 'workflow.version_published': {
      const { version, graph, publishedAt } = event.data;
      await tx.workflowVersion.createMany({
        data: [{ workflowId, version, workspaceId: event.workspaceId, graph: json(graph), publishedAt: new Date(publishedAt), publishedBy: actor }],
        skipDuplicates: true,
      });
      await tx.workflow.update({ where: { id: workflowId }, data: { latestVersion: version } });
      return true;
    }
    case 'workflow.archived':
      await tx.workflow.update({ where: { id: workflowId }, data: { archived: true } });
      return true;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
