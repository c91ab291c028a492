import { RUN_STATUSES, type RunStatus } from './run-status';
import type { RunRow, RunsVariables } from './runs.operations';

export const TIME_WINDOWS = [
  { value: '1h', label: 'Last hour', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { value: 'all', label: 'All time', ms: undefined },
] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number]['value'];

/** What the runs list shows, as the URL's query string holds it (`?workflow=…&status=…&window=…`). */
export type RunFilters = { workflowId?: string; status?: RunStatus; window: TimeWindow };

export const DEFAULT_FILTERS: RunFilters = { window: 'all' };

const isStatus = (value: string | null): value is RunStatus => RUN_STATUSES.includes(value as RunStatus);
const isWindow = (value: string | null): value is TimeWindow => TIME_WINDOWS.some((w) => w.value === value);

/** Filters from a query string; unknown values fall back to the defaults. */
export function parseRunFilters(params: Pick<URLSearchParams, 'get'>): RunFilters {
  const workflowId = params.get('workflow') || undefined;
  const status = params.get('status');
  const window = params.get('window');
  return { ...(workflowId ? { workflowId } : {}), ...(isStatus(status) ? { status } : {}), window: isWindow(window) ? window : DEFAULT_FILTERS.window };
}

/** The query string of some filters, defaults left out (`''` when all are defaults). */
export function runFiltersToSearch(filters: RunFilters): string {
  const params = new URLSearchParams();
  if (filters.workflowId) params.set('workflow', filters.workflowId);
  if (filters.status) params.set('status', filters.status);
  if (filters.window !== DEFAULT_FILTERS.window) params.set('window', filters.window);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Where a time window starts, as an ISO date-time; undefined for "all time". */
export function startedAfterFor(window: TimeWindow, now: number): string | undefined {
  const ms = TIME_WINDOWS.find((w) => w.value === window)?.ms;
  return ms === undefined ? undefined : new Date(now - ms).toISOString();
}

/** A list's filters with the time window resolved to an instant: what both the query and the merging of pushes use. */
export type RunScope = { workflowId?: string; status?: RunStatus; startedAfter?: string };

export function runScope(filters: RunFilters, now: number): RunScope {
  const startedAfter = startedAfterFor(filters.window, now);
  return { ...(filters.workflowId ? { workflowId: filters.workflowId } : {}), ...(filters.status ? { status: filters.status } : {}), ...(startedAfter ? { startedAfter } : {}) };
}

export const runsVariables = (scope: RunScope, first: number, after?: string): RunsVariables => ({ first, ...scope, ...(after ? { after } : {}) });

/** Whether a run belongs in a list of this scope (the same test the API applies to `runs`). */
export function inScope(run: Pick<RunRow, 'workflowId' | 'status' | 'startedAt'>, scope: RunScope): boolean {
  if (scope.workflowId && run.workflowId !== scope.workflowId) return false;
  if (scope.status && run.status !== scope.status) return false;
  if (scope.startedAfter && Date.parse(run.startedAt) < Date.parse(scope.startedAfter)) return false;
  return true;
}
