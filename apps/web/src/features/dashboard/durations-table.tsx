import Link from 'next/link';
import { formatDuration } from '@/features/runs/run-format';
import { scaleLinear } from './chart-geometry';
import type { WorkflowDurations, WorkflowRunStats } from './dashboard.operations';
import { SuccessSparkline } from './success-sparkline';

/**
 * p50 and p95 per workflow: numbers in a table, with bars on one shared scale (the slowest
 * p95), and each workflow's daily outcomes when `runStats` has them.
 */
export function DurationsTable({ durations, runStats }: { durations: WorkflowDurations[]; runStats?: ReadonlyMap<string, WorkflowRunStats> }) {
  const max = Math.max(0, ...durations.map((d) => d.p95Ms));
  return (
    <section className="rounded-lg bg-white p-4 shadow" aria-labelledby="durations-title">
      <h2 id="durations-title" className="mb-2 font-medium">
        Duration per workflow <span className="text-sm font-normal text-slate-500">(finished runs, slowest p95 first)</span>
      </h2>
      {durations.length === 0 ? (
        <p className="text-sm text-slate-500">No finished runs in this window.</p>
      ) : (
        <table className="w-full text-sm" data-testid="durations">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2">Workflow</th>
              <th scope="col" className="py-1 pr-2 text-right">Runs</th>
              <th scope="col" className="py-1 pr-2 text-right">p50</th>
              <th scope="col" className="py-1 pr-2 text-right">p95</th>
              <th scope="col" className="w-1/3 py-1">
                <span className="sr-only">Chart</span>
              </th>
              {runStats && (
                <th scope="col" className="py-1 pl-2">
                  14 days
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {durations.map((d) => (
              <tr key={d.workflowId} className="border-t border-slate-100">
                <td className="py-1 pr-2">
                  <Link href={`/runs?workflow=${d.workflowId}`} className="text-indigo-700 hover:underline">
                    {d.workflowName}
                  </Link>
                </td>
                <td className="py-1 pr-2 text-right whitespace-nowrap tabular-nums">{d.runs}</td>
                <td className="py-1 pr-2 text-right whitespace-nowrap tabular-nums">{formatDuration(d.p50Ms)}</td>
                <td className="py-1 pr-2 text-right whitespace-nowrap tabular-nums">{formatDuration(d.p95Ms)}</td>
                <td className="py-1" aria-hidden>
                  <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full">
                    <rect x={0} y={0} width={scaleLinear(d.p95Ms, max, 100)} height={10} rx={1} className="fill-indigo-200" />
                    <rect x={0} y={2} width={scaleLinear(d.p50Ms, max, 100)} height={6} rx={1} className="fill-indigo-600" />
                  </svg>
                </td>
                {runStats && <td className="py-1 pl-2">{runStats.get(d.workflowId) ? <SuccessSparkline stats={runStats.get(d.workflowId)!} /> : null}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {durations.length > 0 && (
        <p className="mt-2 flex gap-4 text-xs text-slate-500" aria-hidden>
          <span className="inline-flex items-center gap-1">
            <span className="h-2 w-3 rounded-sm bg-indigo-600" /> p50
          </span>
          <span className="inline-flex items-center gap-1">
            <span className="h-2 w-3 rounded-sm bg-indigo-200" /> p95
          </span>
        </p>
      )}
    </section>
  );
}
