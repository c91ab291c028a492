import Link from 'next/link';
import { scaleLinear } from './chart-geometry';
import type { FailureHotspot } from './dashboard.operations';

/** The nodes that failed most often, with a link to the failed runs of their workflow. */
export function FailureHotspots({ hotspots }: { hotspots: FailureHotspot[] }) {
  const max = Math.max(0, ...hotspots.map((h) => h.failures));
  return (
    <section className="rounded-lg bg-white p-4 shadow" aria-labelledby="hotspots-title">
      <h2 id="hotspots-title" className="mb-2 font-medium">
        Failure hot-spots <span className="text-sm font-normal text-slate-500">(nodes that failed runs, most first)</span>
      </h2>
      {hotspots.length === 0 ? (
        <p className="text-sm text-slate-500">No failed runs in this window.</p>
      ) : (
        <table className="w-full text-sm" data-testid="hotspots">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="py-1 pr-2">Workflow</th>
              <th scope="col" className="py-1 pr-2">Node</th>
              <th scope="col" className="py-1 pr-2">Type</th>
              <th scope="col" className="py-1 pr-2 text-right">Failures</th>
              <th scope="col" className="w-1/4 py-1">
                <span className="sr-only">Chart</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hotspots.map((h) => (
              <tr key={`${h.workflowId}/${h.nodeId}`} className="border-t border-slate-100">
                <td className="py-1 pr-2">
                  <Link href={`/runs?workflow=${h.workflowId}&status=failed`} className="text-indigo-700 hover:underline">
                    {h.workflowName}
                  </Link>
                </td>
                <td className="py-1 pr-2 font-mono text-xs">{h.nodeId}</td>
                <td className="py-1 pr-2 text-slate-600">{h.nodeType}</td>
                <td className="py-1 pr-2 text-right whitespace-nowrap tabular-nums">{h.failures}</td>
                <td className="py-1" aria-hidden>
                  <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full">
                    <rect x={0} y={1} width={scaleLinear(h.failures, max, 100)} height={8} rx={1} className="fill-red-400" />
                  </svg>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
