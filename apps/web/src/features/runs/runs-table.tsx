'use client';

import Link from 'next/link';
import { formatDuration, formatStartedAt, runDurationMs, triggerLabel } from './run-format';
import { RunStatusBadge } from './run-status-badge';
import type { RunRow } from './runs.operations';
import { useNow } from './use-now';

/** Where a run is watched: the editor's canvas, following it (`?run=`). */
export const runHref = (run: Pick<RunRow, 'id' | 'workflowId'>) => `/workflows/${run.workflowId}?run=${run.id}`;

export function RunsTable({ runs, workflowNames }: { runs: RunRow[]; workflowNames: ReadonlyMap<string, string> }) {
  const now = useNow(runs.some((run) => !run.finishedAt));
  const today = new Date(now);
  return (
    <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow" data-testid="runs-table">
      <thead className="bg-slate-100 text-left text-slate-600">
        <tr>
          <th scope="col" className="px-4 py-2">Workflow</th>
          <th scope="col" className="px-4 py-2">Status</th>
          <th scope="col" className="px-4 py-2">Started</th>
          <th scope="col" className="px-4 py-2">Duration</th>
          <th scope="col" className="px-4 py-2">Trigger</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => {
          const took = runDurationMs(run);
          return (
            <tr key={run.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid="run-row" data-run-id={run.id} data-status={run.status}>
              <td className="px-4 py-2">
                <Link className="font-medium text-indigo-700 hover:underline" href={runHref(run)}>
                  {workflowNames.get(run.workflowId) ?? `Workflow ${run.workflowId.slice(0, 8)}`}
                </Link>
                <span className="ml-1 text-xs text-slate-400">v{run.workflowVersion}</span>
              </td>
              <td className="px-4 py-2">
                <RunStatusBadge status={run.status} />
              </td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-700">
                <time dateTime={run.startedAt}>{formatStartedAt(run.startedAt, today)}</time>
              </td>
              <td className="px-4 py-2 whitespace-nowrap tabular-nums">
                {took !== undefined ? formatDuration(took) : <span className="text-slate-400 italic">{formatDuration(Math.max(0, now - Date.parse(run.startedAt)))} so far</span>}
              </td>
              <td className="px-4 py-2 text-slate-600">{triggerLabel(run)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RunsTableSkeleton() {
  return (
    <div className="space-y-2 rounded-lg bg-white p-4 shadow" aria-busy="true" aria-label="Loading runs" data-testid="runs-skeleton">
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="h-6 animate-pulse rounded bg-slate-200" />
      ))}
    </div>
  );
}
