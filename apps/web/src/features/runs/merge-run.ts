import { inScope, type RunScope } from './run-filters';
import type { RunRow, RunStatus } from './runs.operations';

/** How far a run has come: a status never goes back (queued → running → an outcome), so a late push cannot undo a newer one. */
const PROGRESS: Record<RunStatus, number> = { queued: 0, running: 1, succeeded: 2, failed: 2, cancelled: 2 };

/** Newest first, as the API lists runs; equal start times by id, descending, so the order is total. */
export function compareRuns(a: Pick<RunRow, 'id' | 'startedAt'>, b: Pick<RunRow, 'id' | 'startedAt'>): number {
  const byStart = Date.parse(b.startedAt) - Date.parse(a.startedAt);
  return byStart !== 0 ? byStart : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The list so far: its runs newest first, and whether older pages remain unloaded. */
export type LoadedRuns = { runs: RunRow[]; hasNextPage: boolean };

/**
 * Applies one pushed run to a filtered, newest-first list: updates it in place, inserts it
 * at its place, or drops it when it no longer matches the filters (a "running" list loses
 * a run that finished). A run older than the last loaded one is left for "load more" while
 * pages remain. Returns the same array when nothing changes.
 */
export function mergeRun(list: LoadedRuns, pushed: RunRow, scope: RunScope): RunRow[] {
  const { runs } = list;
  const index = runs.findIndex((run) => run.id === pushed.id);
  const current = index >= 0 ? runs[index] : undefined;
  if (current && PROGRESS[current.status] > PROGRESS[pushed.status]) return runs;
  if (!inScope(pushed, scope)) return current ? runs.filter((run) => run.id !== pushed.id) : runs;
  if (current) return runs.map((run, i) => (i === index ? pushed : run));
  const oldest = runs.at(-1);
  if (list.hasNextPage && oldest && compareRuns(pushed, oldest) > 0) return runs;
  const at = runs.findIndex((run) => compareRuns(pushed, run) < 0);
  return at < 0 ? [...runs, pushed] : [...runs.slice(0, at), pushed, ...runs.slice(at)];
}
