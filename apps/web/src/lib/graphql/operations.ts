import { gql } from '@urql/core';
import type { NodeTypeInfo } from '@/features/editor/canvas/workflow-graph';
import type { RunEvent } from '@/features/monitor/run-state';

/** Typed documents against the checked-in `schema.graphql` (hand-typed: keep them in step with it). */

export type Me = { kind: string; email: string | null; workspaceId: string | null; workspaceName: string | null; role: string | null };
export const ME = gql<{ me: Me }, Record<string, never>>`
  query Me { me { kind email workspaceId workspaceName role } }
`;

export type WorkflowSummary = { id: string; name: string; archived: boolean; latestVersion: number | null; updatedAt: string };
export type RunSummary = { id: string; workflowId: string; status: string; startedAt: string; finishedAt: string | null };
export const WORKFLOWS = gql<{ workflows: { nodes: WorkflowSummary[] }; runs: { nodes: RunSummary[] } }, Record<string, never>>`
  query Workflows {
    workflows(first: 100) { nodes { id name archived latestVersion updatedAt } }
    runs(first: 100) { nodes { id workflowId status startedAt finishedAt } }
  }
`;

export const CREATE_WORKFLOW = gql<{ createWorkflow: { id: string } }, { input: { name: string; graph?: unknown } }>`
  mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }
`;

export type WorkflowDetail = { id: string; name: string; draft: unknown; draftRevision: number; latestVersion: number | null; archived: boolean };
export const WORKFLOW_EDITOR = gql<{ workflow: WorkflowDetail | null; nodeTypes: NodeTypeInfo[] }, { id: string }>`
  query WorkflowEditor($id: ID!) {
    workflow(id: $id) { id name draft draftRevision latestVersion archived }
    nodeTypes { type title description category configSchema configSchemaNote branches branchesNote }
  }
`;

export const UPDATE_DRAFT = gql<{ updateWorkflowDraft: { id: string; draftRevision: number } }, { input: { id: string; graph?: unknown; name?: string; expectedRevision?: number } }>`
  mutation UpdateDraft($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }
`;

export const PUBLISH = gql<{ publishWorkflow: { version: number } }, { id: string }>`
  mutation Publish($id: ID!) { publishWorkflow(id: $id) { version } }
`;

export const START_RUN = gql<{ startRun: { id: string } }, { input: { workflowId: string; input?: unknown } }>`
  mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }
`;

export const RERUN = gql<{ rerunRun: { id: string } }, { input: { runId: string; fromNodeId: string } }>`
  mutation Rerun($input: RerunRunInput!) { rerunRun(input: $input) { id } }
`;

export const RUN_EVENTS = gql<{ runEvents: RunEvent }, { runId: string }>`
  subscription RunEvents($runId: ID!) {
    runEvents(runId: $runId) { runId type version nodeId attempt status output error branch data }
  }
`;

export const CANCEL_RUN = gql<{ cancelRun: { id: string; status: string } }, { id: string }>`
  mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }
`;

export const RESOLVE_APPROVAL = gql<{ resolveApproval: { id: string } }, { input: { runId: string; nodeId: string; approved: boolean } }>`
  mutation ResolveApproval($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }
`;
