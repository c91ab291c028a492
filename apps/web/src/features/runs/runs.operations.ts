import { gql } from '@urql/core';

/** Typed documents of the runs list, hand-typed against `schema.graphql` (checked by runs.operations.unit.spec.ts). */

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** A run as a row of the list shows it; `trigger` is the API's `{ kind, … }` or null for a plain start. */
export type RunRow = {
  id: string;
  workflowId: string;
  workflowVersion: number;
  status: RunStatus;
  startedAt: string;
  finishedAt: string | null;
  trigger: unknown;
  rerunOf: string | null;
};

export type RunPage = { nodes: RunRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };

export type RunsVariables = { first: number; after?: string; workflowId?: string; status?: RunStatus; startedAfter?: string };

export const RUNS = gql<{ runs: RunPage }, RunsVariables>`
  query Runs($first: Int!, $after: String, $workflowId: ID, $status: RunStatus, $startedAfter: DateTime) {
    runs(first: $first, after: $after, workflowId: $workflowId, status: $status, startedAfter: $startedAfter) {
      nodes { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

export const RUN_CHANGES = gql<{ runChanges: RunRow }, { workflowId?: string }>`
  subscription RunChanges($workflowId: ID) {
    runChanges(workflowId: $workflowId) { id workflowId workflowVersion status startedAt finishedAt trigger rerunOf }
  }
`;

export type WorkflowOption = { id: string; name: string; archived: boolean };
export const WORKFLOW_OPTIONS = gql<{ workflows: { nodes: WorkflowOption[] } }, Record<string, never>>`
  query WorkflowOptions { workflows(first: 100, includeArchived: true) { nodes { id name archived } } }
`;
