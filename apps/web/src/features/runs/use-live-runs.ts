'use client';

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useClient } from 'urql';
import { useToast } from '@/features/toast/toast-provider';
import { errorMessage } from '@/lib/graphql/errors';
import { runScope, runsVariables, type RunFilters, type RunScope } from './run-filters';
import { initialRunsList, reduceRunsList, type RunsListState } from './runs-list';
import { RUN_CHANGES, RUNS } from './runs.operations';

export const PAGE_SIZE = 25;
const RESUBSCRIBE_AFTER_MS = 5_000;
const SETTLE_MS = 1_500;

export type LiveRuns = RunsListState & { live: boolean; loadMore: () => void };

/**
 * The runs matching `filters`, kept live: subscribes to `runChanges`, queries the first
 * page, and merges every push (see runs-list.ts). `runChanges` is live only and does not
 * say when it is established, so the first page is queried again (rows kept on screen)
 * once the subscription has shown it is live (its first push) or `SETTLE_MS` after
 * subscribing, whichever comes first; and whenever it has to start again (an error, the
 * browser back online).
 */
export function useLiveRuns(filters: RunFilters): LiveRuns {
  const client = useClient();
  const toast = useToast();
  const [state, dispatch] = useReducer(reduceRunsList, {}, initialRunsList);
  const [live, setLive] = useState(true);
  const [connection, setConnection] = useState(0);
  const request = useRef(0);
  const shownFilters = useRef<string | undefined>(undefined);
  const { workflowId, status, window: timeWindow } = filters;

  const loadFirstPage = useCallback(
    (scope: RunScope, keepRows: boolean) => {
      const id = ++request.current;
      dispatch({ type: 'load', request: id, scope, keepRows });
      void client
        .query(RUNS, runsVariables(scope, PAGE_SIZE), { requestPolicy: 'network-only' })
        .toPromise()
        .then((result) => dispatch(result.data ? { type: 'loaded', request: id, page: result.data.runs } : { type: 'failed', request: id, message: result.error ? errorMessage(result.error) : 'The runs could not be loaded.' }));
    },
    [client],
  );

  useEffect(() => {
    const key = JSON.stringify([workflowId, status, timeWindow]);
    const keepRows = shownFilters.current === key;
    shownFilters.current = key;
    const scope = runScope({ workflowId, status, window: timeWindow }, Date.now());
    let retry: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      clearTimeout(settleTimer);
      loadFirstPage(scope, true);
    };
    const settleTimer = setTimeout(settle, SETTLE_MS);
    setLive(true);
    const subscription = client.subscription(RUN_CHANGES, workflowId ? { workflowId } : {}).subscribe((result) => {
      if (result.data) {
        dispatch({ type: 'pushed', run: result.data.runChanges });
        settle();
      } else if (result.error && !retry) {
        setLive(false);
        retry = setTimeout(() => setConnection((n) => n + 1), RESUBSCRIBE_AFTER_MS);
      }
    });
    loadFirstPage(scope, keepRows);
    const reconnect = () => setConnection((n) => n + 1);
    window.addEventListener('online', reconnect);
    return () => {
      subscription.unsubscribe();
      clearTimeout(retry);
      clearTimeout(settleTimer);
      window.removeEventListener('online', reconnect);
    };
  }, [client, loadFirstPage, workflowId, status, timeWindow, connection]);

  const { scope, endCursor } = state;
  const loadMore = useCallback(() => {
    if (!endCursor) return;
    const id = request.current;
    dispatch({ type: 'moreRequested' });
    void client
      .query(RUNS, runsVariables(scope, PAGE_SIZE, endCursor), { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        if (result.data) return dispatch({ type: 'moreLoaded', request: id, page: result.data.runs });
        // Pressed "Load more": say why nothing came, besides the page's error line.
        const message = result.error ? errorMessage(result.error) : 'More runs could not be loaded.';
        toast.error(message);
        dispatch({ type: 'moreFailed', request: id, message });
      });
  }, [client, scope, endCursor, toast]);

  return { ...state, live, loadMore };
}
