import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from '@/gql';
import type { Assignable } from '@/lib/graphql/type-checks';
import type { RunEvent } from './run-state';

/** The run's events with their times, for the timeline and time travel (typed from `schema.graphql` by codegen). */
export const MONITOR_RUN_EVENTS = graphql(`
  subscription MonitorRunEvents($runId: ID!) {
    runEvents(runId: $runId) { runId type version at nodeId attempt status output error branch data }
  }
`);
/** run-state's `RunEvent` stays the pure reducer's own (wider) shape: what this subscription delivers must fit it. */
type _MonitorEventsFit = Assignable<ResultOf<typeof MONITOR_RUN_EVENTS>['runEvents'], RunEvent>;
