import { gql } from '@urql/core';

/** Typed documents of the dashboard and the sparkline, hand-typed against `schema.graphql`. */

/** Runs started in one hour (or day), by how they stand now. */
export type RunBucket = { start: string; succeeded: number; failed: number; cancelled: number; active: number };
export type WorkflowDurations = { workflowId: string; workflowName: string; runs: number; p50Ms: number; p95Ms: number };
export type FailureHotspot = { workflowId: string; workflowName: string; nodeId: string; nodeType: string; failures: number };
export type Dashboard = { since: string; runsPerHour: RunBucket[]; durations: WorkflowDurations[]; failureHotspots: FailureHotspot[] };

export const DASHBOARD = gql<{ dashboard: Dashboard }, { hours: number }>`
  query Dashboard($hours: Int!) {
    dashboard(hours: $hours) {
      since
      runsPerHour { start succeeded failed cancelled active }
      durations { workflowId workflowName runs p50Ms p95Ms }
      failureHotspots { workflowId workflowName nodeId nodeType failures }
    }
  }
`;

/** A workflow's recent runs in numbers: what `SuccessSparkline` draws. */
export type WorkflowRunStats = { runs: number; succeeded: number; failed: number; cancelled: number; successRate: number | null; days: RunBucket[] };

/**
 * The selection a list needs for `SuccessSparkline`; e.g.
 * `workflows(first: 100) { nodes { id runStats(days: 14) { ...} } }`. Kept as a document
 * of its own so it is validated against the schema.
 */
export const WORKFLOW_RUN_STATS = gql<{ workflows: { nodes: { id: string; runStats: WorkflowRunStats }[] } }, { days?: number }>`
  query WorkflowRunStats($days: Int! = 14) {
    workflows(first: 100) { nodes { id runStats(days: $days) { runs succeeded failed cancelled successRate days { start succeeded failed cancelled active } } } }
  }
`;

/** The outcomes of a bucket, bottom of a stacked bar first. */
export const OUTCOMES = ['succeeded', 'failed', 'cancelled', 'active'] as const;
export type Outcome = (typeof OUTCOMES)[number];
