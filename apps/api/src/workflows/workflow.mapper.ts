import { publicTriggers, type WorkflowState } from '@weft/domain';
import type { Workflow, WorkflowVersion } from './workflow.types.js';

type Existing = Extract<WorkflowState, { exists: true }>;

/** A mutation's result, straight from the write model (the read model may lag by a few milliseconds). */
export const workflowFromState = (state: Existing): Workflow => ({
  id: state.workflowId,
  name: state.name,
  description: state.description,
  archived: state.archived,
  draft: state.draft,
  draftRevision: state.revision,
  latestVersion: state.versions.length || null,
  triggers: publicTriggers(state.triggers), // webhooks without their secrets' hash and seal
  createdAt: new Date(state.createdAt),
  updatedAt: new Date(state.updatedAt),
});

export const versionFromState = (state: Existing, version: number): WorkflowVersion => {
  const published = state.versions[version - 1]!;
  return { workflowId: state.workflowId, version, graph: published.graph, publishedAt: new Date(published.publishedAt) };
};
