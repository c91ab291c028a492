import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '@/gql';
import type { RunBucketCountsFragment, RunStatsSparklineFragment } from '@/gql/graphql';

/** Documents of the dashboard and the sparkline; their types are generated from `schema.graphql` (`npm run codegen`). */

/** Runs started in one hour (or day), by how they stand now. */
export const RUN_BUCKET_COUNTS = graphql(`
  fragment RunBucketCounts on RunBucket { start succeeded failed cancelled active }
`);
export type RunBucket = RunBucketCountsFragment;

export const DASHBOARD = graphql(`
  query Dashboard($hours: Int!) {
    dashboard(hours: $hours) {
      since
      runsPerHour { ...RunBucketCounts }
      durations { workflowId workflowName runs p50Ms p95Ms }
      failureHotspots { workflowId workflowName nodeId nodeType failures }
    }
  }
`);
type Dashboard = ResultOf<typeof DASHBOARD>['dashboard'];
export type WorkflowDurations = Dashboard['durations'][number];
export type FailureHotspot = Dashboard['failureHotspots'][number];

/**
 * A workflow's recent runs in numbers: what `SuccessSparkline` draws. Spread it where a list
 * needs the sparkline, e.g. `workflows(first: 100) { nodes { id runStats(days: 14) { ...RunStatsSparkline } } }`.
 */
export const RUN_STATS_SPARKLINE = graphql(`
  fragment RunStatsSparkline on WorkflowRunStats { runs succeeded failed cancelled successRate days { ...RunBucketCounts } }
`);
export type WorkflowRunStats = RunStatsSparklineFragment;

export const WORKFLOW_RUN_STATS = graphql(`
  query WorkflowRunStats($days: Int! = 14) {
    workflows(first: 100) { nodes { id runStats(days: $days) { ...RunStatsSparkline } } }
  }
`);
