import { gql } from '@urql/core';
import type { RunEvent } from './run-state';

/** The run's events with their times, for the timeline and time travel (hand-typed against `schema.graphql`). */
export const MONITOR_RUN_EVENTS = gql<{ runEvents: RunEvent }, { runId: string }>`
  subscription MonitorRunEvents($runId: ID!) {
    runEvents(runId: $runId) { runId type version at nodeId attempt status output error branch data }
  }
`;
