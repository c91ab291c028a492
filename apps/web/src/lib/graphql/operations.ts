import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '@/gql';
import type { RunEvent } from '@/features/monitor/run-state';
import type { Assignable } from './type-checks';

/**
 * Documents of the app shell, the workflows list and the editor. Their result and variable
 * types are generated from `schema.graphql` (`npm run codegen`, src/gql): the names below
 * are derived from them, never written by hand.
 */

export const ME = graphql(`
  query Me { me { kind email workspaceId workspaceName role } }
`);
export type Me = ResultOf<typeof ME>['me'];

export const WORKFLOWS = graphql(`
  query Workflows {
    workflows(first: 100) { nodes { id name archived latestVersion updatedAt } }
    runs(first: 100) { nodes { id workflowId status startedAt finishedAt } }
  }
`);
export type WorkflowSummary = ResultOf<typeof WORKFLOWS>['workflows']['nodes'][number];
export type RunSummary = ResultOf<typeof WORKFLOWS>['runs']['nodes'][number];

export const CREATE_WORKFLOW = graphql(`
  mutation CreateWorkflow($input: CreateWorkflowInput!) { createWorkflow(input: $input) { id } }
`);

/** `nodeTypes` as the API answers it; the canvas reads it as `NodeTypeInfo` (`nodeTypeInfo()` in workflow-graph.ts). */
export const WORKFLOW_EDITOR = graphql(`
  query WorkflowEditor($id: ID!) {
    workflow(id: $id) { id name draft draftRevision latestVersion archived }
    nodeTypes { type title description category configSchema configSchemaNote branches branchesNote }
  }
`);
export type WorkflowDetail = NonNullable<ResultOf<typeof WORKFLOW_EDITOR>['workflow']>;

export const UPDATE_DRAFT = graphql(`
  mutation UpdateDraft($input: UpdateWorkflowDraftInput!) { updateWorkflowDraft(input: $input) { id draftRevision } }
`);

export const PUBLISH = graphql(`
  mutation Publish($id: ID!) { publishWorkflow(id: $id) { version } }
`);

export const START_RUN = graphql(`
  mutation StartRun($input: StartRunInput!) { startRun(input: $input) { id } }
`);

export const RERUN = graphql(`
  mutation Rerun($input: RerunRunInput!) { rerunRun(input: $input) { id } }
`);

export const RUN_EVENTS = graphql(`
  subscription RunEvents($runId: ID!) {
    runEvents(runId: $runId) { runId type version nodeId attempt status output error branch data }
  }
`);
/** The monitor's reducer takes what this subscription delivers (its `RunEvent` is the wider, domain shape). */
type _RunEventsDelivers = Assignable<ResultOf<typeof RUN_EVENTS>['runEvents'], RunEvent>;

export const CANCEL_RUN = graphql(`
  mutation CancelRun($id: ID!) { cancelRun(id: $id) { id status } }
`);

export const RESOLVE_APPROVAL = graphql(`
  mutation ResolveApproval($input: ResolveApprovalInput!) { resolveApproval(input: $input) { id } }
`);
