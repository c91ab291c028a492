import type { WorkflowGraph } from '../graph/graph.js';
import type { WorkflowEvent } from './workflow.events.js';
import type { Trigger } from './triggers.js';

export type WorkflowState =
  | { exists: false }
  | {
      exists: true;
      workflowId: string;
      name: string;
      description: string;
      draft: WorkflowGraph;
      /** Bumped by every draft change; the editor sends it back to detect concurrent edits. */
      revision: number;
      /** Published versions; version n is at index n - 1. */
      versions: { graph: WorkflowGraph; publishedAt: string }[];
      createdAt: string;
      updatedAt: string;
      archived: boolean;
      triggers: Trigger[];
    };

export const initialWorkflowState = (): WorkflowState => ({ exists: false });

export function evolveWorkflow(state: WorkflowState, event: WorkflowEvent): WorkflowState {
  switch (event.type) {
    case 'workflow.created':
      return {
        exists: true,
        workflowId: event.data.workflowId,
        name: event.data.name,
        description: event.data.description,
        draft: event.data.graph,
        revision: 1,
        versions: [],
        archived: false,
        triggers: [],
        createdAt: event.data.createdAt,
        updatedAt: event.data.createdAt,
      };
    case 'workflow.draft_updated':
      if (!state.exists) return state;
      return {
        ...state,
        revision: event.data.revision,
        name: event.data.name ?? state.name,
        description: event.data.description ?? state.description,
        draft: event.data.graph ?? state.draft,
        updatedAt: event.data.updatedAt,
      };
    case 'workflow.version_published':
      if (!state.exists) return state;
      return {
        ...state,
        versions: [...state.versions, { graph: event.data.graph, publishedAt: event.data.publishedAt }],
        updatedAt: event.data.publishedAt,
      };
    case 'workflow.archived':
      return state.exists ? { ...state, archived: true, updatedAt: event.data.archivedAt } : state;
    case 'workflow.triggers_changed':
      return state.exists ? { ...state, triggers: event.data.triggers, updatedAt: event.data.changedAt } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
