'use client';

import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useMutation, useSubscription } from 'urql';
import { errorMessage } from '@/lib/graphql/errors';
import { RERUN } from '@/lib/graphql/operations';
import { MonitorPanel } from './monitor-panel';
import { MONITOR_RUN_EVENTS } from './monitor-operations';
import { appendEvent, emptyHistory, failedNodeOf, nodeTimelines, stateAfter, type RunHistory } from './run-history';
import { RunMonitorContext, type RunMonitorValue } from './run-monitor-context';

/**
 * Wraps the editor: follows the run it watches (`useRunMonitor`), keeps the whole event
 * history for the timeline and time travel, and shows the monitor panel below the editor
 * while a run is watched. The editor's root fills the height left above the panel.
 */
export function LiveMonitor({ children }: { children: ReactNode }) {
  const [watched, setWatched] = useState<string>();
  const [retried, setRetried] = useState<{ from: string; to: string }>();
  const [cursor, setCursor] = useState<number>();
  const runId = watched && retried?.from === watched ? retried.to : watched;
  const [result] = useSubscription({ query: MONITOR_RUN_EVENTS, variables: { runId: runId ?? '' }, pause: !runId }, (previous: RunHistory | undefined, data) =>
    appendEvent(previous && previous.runId === data.runEvents.runId ? previous : emptyHistory(data.runEvents.runId ?? runId ?? ''), data.runEvents),
  );
  const [, rerun] = useMutation(RERUN);
  const history = runId && result.data?.runId === runId ? result.data : runId ? emptyHistory(runId) : undefined;
  const events = useMemo(() => history?.events ?? [], [history]);
  const live = history?.live;
  const travelling = cursor !== undefined && cursor < events.length;
  const shownEvents = useMemo(() => (travelling ? events.slice(0, cursor) : events), [events, cursor, travelling]);
  const shown = useMemo(() => (live && travelling ? { ...stateAfter(live.runId, events, cursor), status: live.status, output: live.output, error: live.error } : live), [live, events, cursor, travelling]);
  const timelines = useMemo(() => nodeTimelines(shownEvents), [shownEvents]);
  const shownAt = travelling && cursor > 0 ? new Date(events[cursor - 1]?.at ?? Date.now()).getTime() : undefined;

  const watch = useCallback((next: string | undefined) => {
    setWatched((current) => {
      if (current !== next) setCursor(undefined);
      return next;
    });
  }, []);

  const retry = useCallback(async (): Promise<string | undefined> => {
    const from = live && failedNodeOf(live);
    if (!runId || !watched || !from) return 'Nothing to retry: the run has no failed node';
    const answer = await rerun({ input: { runId, fromNodeId: from } });
    if (answer.error) return errorMessage(answer.error);
    const next = answer.data!.rerunRun.id;
    setRetried({ from: watched, to: next });
    setCursor(undefined);
    window.history.replaceState(null, '', `?run=${next}`);
    return undefined;
  }, [live, runId, watched, rerun]);

  const value = useMemo<RunMonitorValue>(
    () => ({ watched, runId, events, live, shown, shownEvents, timelines, cursor: travelling ? cursor : undefined, shownAt, error: result.error?.message, setCursor, watch, retry }),
    [watched, runId, events, live, shown, shownEvents, timelines, travelling, cursor, shownAt, result.error, watch, retry],
  );
  return (
    <RunMonitorContext.Provider value={value}>
      <div className="flex h-screen flex-col overflow-hidden [&>*:first-child]:h-auto [&>*:first-child]:min-h-0 [&>*:first-child]:flex-1">
        {children}
        {runId && <MonitorPanel />}
      </div>
    </RunMonitorContext.Provider>
  );
}
