import type { WorkflowGraph } from '../graph/graph.js';
import type { Trigger } from './triggers.js';

/** Events of a workflow definition's stream (`workflow-<id>`). */
export type WorkflowCreated = {
  type: 'workflow.created';
  data: { workflowId: string; name: string; description: string; graph: WorkflowGraph; createdAt: string };
};
export type WorkflowDraftUpdated = {
  type: 'workflow.draft_updated';
  data: { workflowId: string; revision: number; name?: string; description?: string; graph?: WorkflowGraph; updatedAt: string };
};
/** The draft frozen as an immutable version; runs pin to it. */
export type WorkflowVersionPublished = {
  type: 'workflow.version_published';
  data: { workflowId: string; version: number; revision: number; graph: WorkflowGraph; publishedAt: string };
};
export type WorkflowArchived = { type: 'workflow.archived'; data: { workflowId: string; archivedAt: string } };
/** The workflow's triggers, replaced as a whole. They start its latest published version; archiving stops them. */
export type WorkflowTriggersChanged = { type: 'workflow.triggers_changed'; data: { workflowId: string; triggers: Trigger[]; changedAt: string } };

export type WorkflowEvent = WorkflowCreated | WorkflowDraftUpdated | WorkflowVersionPublished | WorkflowArchived | WorkflowTriggersChanged;

export const workflowStreamId = (workflowId: string): string => `workflow-${workflowId}`;
export const WORKFLOW_STREAM_TYPE = 'workflow';
