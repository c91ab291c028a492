'use client';

import { useSubscription } from 'urql';
import { RUN_EVENTS } from '@/lib/graphql/operations';
import { initialRunState, reduceRunEvent, type RunState } from './run-state';

/**
 * The live state of a run: subscribes to `runEvents(runId)` (history, then live) and
 * folds each event into the run state. Undefined when no run is watched.
 */
export function useRunMonitor(runId: string | undefined): { run: RunState | undefined; error?: string } {
  const [result] = useSubscription({ query: RUN_EVENTS, variables: { runId: runId ?? '' }, pause: !runId }, (previous: RunState | undefined, data) =>
    reduceRunEvent(previous && previous.runId === data.runEvents.runId ? previous : initialRunState(data.runEvents.runId ?? runId ?? ''), data.runEvents),
  );
  if (!runId) return { run: undefined };
  const run = result.data?.runId === runId ? result.data : initialRunState(runId);
  return { run, ...(result.error ? { error: result.error.message } : {}) };
}
