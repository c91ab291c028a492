import { compareRuns, mergeRun } from './merge-run';
import type { RunScope } from './run-filters';
import type { RunPage, RunRow } from './runs.operations';

/**
 * The live runs list: the pages loaded so far, with every push merged in. Pushes that
 * arrive while the first page loads (or reloads in the background, `refreshing`) are kept
 * and applied on top of the answer, so nothing heard between subscribing and the answer is
 * lost. Answers to an older request are ignored.
 */
export type RunsListState = {
  phase: 'loading' | 'ready' | 'error';
  refreshing: boolean;
  scope: RunScope;
  request: number;
  runs: RunRow[];
  endCursor: string | null;
  hasNextPage: boolean;
  loadingMore: boolean;
  error?: string;
  heardWhileLoading: RunRow[];
};

export type RunsListAction =
  /** `keepRows`: the same filters again (a reconnect): keep showing the rows while the answer comes. */
  | { type: 'load'; request: number; scope: RunScope; keepRows: boolean }
  | { type: 'loaded'; request: number; page: RunPage }
  | { type: 'failed'; request: number; message: string }
  | { type: 'pushed'; run: RunRow }
  | { type: 'moreRequested' }
  | { type: 'moreLoaded'; request: number; page: RunPage }
  | { type: 'moreFailed'; request: number; message: string };

export const initialRunsList = (scope: RunScope): RunsListState => ({ phase: 'loading', refreshing: false, scope, request: 0, runs: [], endCursor: null, hasNextPage: false, loadingMore: false, heardWhileLoading: [] });

export function reduceRunsList(state: RunsListState, action: RunsListAction): RunsListState {
  switch (action.type) {
    case 'load':
      if (action.keepRows && state.phase === 'ready') return { ...state, refreshing: true, scope: action.scope, request: action.request, loadingMore: false, heardWhileLoading: [] };
      return { ...state, phase: 'loading', refreshing: false, scope: action.scope, request: action.request, runs: action.keepRows ? state.runs : [], loadingMore: false, error: undefined, heardWhileLoading: [] };
    case 'loaded': {
      if (action.request !== state.request) return state;
      const hasNextPage = action.page.pageInfo.hasNextPage;
      const runs = state.heardWhileLoading.reduce((list, run) => mergeRun({ runs: list, hasNextPage }, run, state.scope), action.page.nodes);
      return { ...state, phase: 'ready', refreshing: false, error: undefined, runs, endCursor: action.page.pageInfo.endCursor, hasNextPage, heardWhileLoading: [] };
    }
    case 'failed':
      if (action.request !== state.request) return state;
      // A failed background reload keeps the rows it would have replaced, with the pushes heard meanwhile.
      if (state.refreshing) return { ...withRuns(state, state.heardWhileLoading.reduce((list, run) => mergeRun({ runs: list, hasNextPage: state.hasNextPage }, run, state.scope), state.runs)), refreshing: false, error: action.message, heardWhileLoading: [] };
      return { ...state, phase: 'error', error: action.message, heardWhileLoading: [] };
    case 'pushed':
      if (state.phase === 'loading' || state.refreshing) return { ...state, heardWhileLoading: [...state.heardWhileLoading, action.run] };
      return withRuns(state, mergeRun(state, action.run, state.scope));
    case 'moreRequested':
      return { ...state, loadingMore: true, error: undefined };
    case 'moreLoaded': {
      if (action.request !== state.request) return state;
      const known = new Set(state.runs.map((run) => run.id));
      const runs = [...state.runs, ...action.page.nodes.filter((run) => !known.has(run.id))].sort(compareRuns);
      return { ...state, runs, loadingMore: false, endCursor: action.page.pageInfo.endCursor, hasNextPage: action.page.pageInfo.hasNextPage };
    }
    case 'moreFailed':
      return action.request === state.request ? { ...state, loadingMore: false, error: action.message } : state;
    default: {
      const unknown: never = action;
      return unknown;
    }
  }
}

const withRuns = (state: RunsListState, runs: RunRow[]): RunsListState => (runs === state.runs ? state : { ...state, runs });
