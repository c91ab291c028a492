'use client';

import { useEffect } from 'react';
import { useSubscription } from 'urql';
import { RUN_EVENTS } from '@/lib/graphql/operations';
import { useRunMonitorContext } from './run-monitor-context';
import { initialRunState, reduceRunEvent, type RunState } from './run-state';

/**
 * The state of a run as the canvas draws it. Inside a `LiveMonitor` it is the monitor's
 * (live, or the moment time travel shows); alone, it subscribes to `runEvents(runId)`
 * itself (history, then live) and folds each event. Undefined when no run is watched.
 */
export function useRunMonitor(runId: string | undefined): { run: RunState | undefined; error?: string } {
  const monitor = useRunMonitorContext();
  const watch = monitor?.watch;
  useEffect(() => {
    watch?.(runId);
  }, [watch, runId]);
  const [result] = useSubscription({ query: RUN_EVENTS, variables: { runId: runId ?? '' }, pause: !runId || monitor !== undefined }, (previous: RunState | undefined, data) =>
    reduceRunEvent(previous && previous.runId === data.runEvents.runId ? previous : initialRunState(data.runEvents.runId ?? runId ?? ''), data.runEvents),
  );
  if (!runId) return { run: undefined };
  if (monitor) {
    const run = monitor.watched === runId && monitor.shown ? monitor.shown : initialRunState(runId);
    return { run, ...(monitor.error ? { error: monitor.error } : {}) };
  }
  const run = result.data?.runId === runId ? result.data : initialRunState(runId);
  return { run, ...(result.error ? { error: result.error.message } : {}) };
}
