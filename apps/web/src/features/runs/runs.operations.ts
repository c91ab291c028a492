import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { graphql } from '@/gql';
import type { RunRowFragment } from '@/gql/graphql';

/** Documents of the runs list; their types are generated from `schema.graphql` (`npm run codegen`). */

export type { RunStatus } from './run-status';

/** A run as a row of the list shows it; `trigger` is the API's `{ kind, … }` or null for a plain start. */
export const RUN_ROW = graphql(`
  fragment RunRow on Run { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }
`);
export type RunRow = RunRowFragment;

export const RUNS = graphql(`
  query Runs($first: Int!, $after: String, $workflowId: ID, $status: RunStatus, $startedAfter: DateTime) {
    runs(first: $first, after: $after, workflowId: $workflowId, status: $status, startedAfter: $startedAfter) {
      nodes { ...RunRow }
      pageInfo { endCursor hasNextPage }
    }
  }
`);
export type RunPage = ResultOf<typeof RUNS>['runs'];
export type RunsVariables = VariablesOf<typeof RUNS>;

export const RUN_CHANGES = graphql(`
  subscription RunChanges($workflowId: ID) {
    runChanges(workflowId: $workflowId) { ...RunRow }
  }
`);

export const WORKFLOW_OPTIONS = graphql(`
  query WorkflowOptions { workflows(first: 100, includeArchived: true) { nodes { id name archived } } }
`);
export type WorkflowOption = ResultOf<typeof WORKFLOW_OPTIONS>['workflows']['nodes'][number];
