import type { Command } from '../shared/command.js';

/** `graph` fields are untrusted JSON: the decider validates them. */
export type CreateWorkflow = Command<'CreateWorkflow', { workflowId: string; name: string; description?: string; graph?: unknown }>;
export type UpdateWorkflowDraft = Command<
  'UpdateWorkflowDraft',
  { workflowId: string; name?: string; description?: string; graph?: unknown; expectedRevision?: number }
>;
export type PublishWorkflow = Command<'PublishWorkflow', { workflowId: string }>;
export type ArchiveWorkflow = Command<'ArchiveWorkflow', { workflowId: string }>;

/** `triggers` is untrusted JSON: the decider validates it. */
export type SetTriggers = Command<'SetTriggers', { workflowId: string; triggers: unknown }>;

export type WorkflowCommand = CreateWorkflow | UpdateWorkflowDraft | PublishWorkflow | ArchiveWorkflow | SetTriggers;
