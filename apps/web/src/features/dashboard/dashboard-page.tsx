'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { useQuery } from 'urql';
import { AppHeader } from '@/components/app-header';
import { ErrorText } from '@/components/ui';
import { errorCode, errorMessage } from '@/lib/graphql/errors';
import { DASHBOARD, WORKFLOW_RUN_STATS } from './dashboard.operations';
import { DurationsTable } from './durations-table';
import { FailureHotspots } from './failure-hotspots';
import { RunsPerHourChart } from './runs-per-hour-chart';
import { DASHBOARD_WINDOWS, dashboardWindow } from './success-rate';
import { useRefetchOnRunChanges } from './use-refetch-on-run-changes';

/** `/dashboard`: the workspace's recent runs in charts; `?window=7d` for a week. */
export function DashboardPage() {
  const router = useRouter();
  const range = dashboardWindow(useSearchParams().get('window'));
  const [{ data, error, fetching }, reexecute] = useQuery({ query: DASHBOARD, variables: { hours: range.hours } });
  const [stats, reexecuteStats] = useQuery({ query: WORKFLOW_RUN_STATS, variables: { days: 14 } });
  const runStats = useMemo(() => new Map((stats.data?.workflows.nodes ?? []).map((w) => [w.id, w.runStats])), [stats.data]);
  const refresh = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
    reexecuteStats({ requestPolicy: 'network-only' });
  }, [reexecute, reexecuteStats]);
  useRefetchOnRunChanges(refresh);

  useEffect(() => {
    const code = errorCode(error);
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') router.replace('/sign-in');
  }, [error, router]);

  return (
    <div className="min-h-full">
      <AppHeader />
      <main className="mx-auto max-w-5xl space-y-4 p-6">
        <div className="flex flex-wrap items-end gap-4">
          <div className="flex-1">
            <h1 className="text-2xl font-semibold">Dashboard</h1>
            {data && <p className="text-sm text-slate-500">Runs started since {new Date(data.dashboard.since).toLocaleString()}; follows new runs live.</p>}
          </div>
          <div role="group" aria-label="Window" className="inline-flex overflow-hidden rounded-md ring-1 ring-slate-300">
            {DASHBOARD_WINDOWS.map((w) => (
              <button
                key={w.value}
                type="button"
                aria-pressed={w.value === range.value}
                onClick={() => router.replace(w.value === DASHBOARD_WINDOWS[0].value ? '/dashboard' : `/dashboard?window=${w.value}`, { scroll: false })}
                className={`px-3 py-1.5 text-sm font-medium ${w.value === range.value ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-100'}`}
              >
                {w.label}
              </button>
            ))}
          </div>
        </div>
        {error && errorCode(error) !== 'UNAUTHENTICATED' && <ErrorText>{errorMessage(error)}</ErrorText>}
        {!data && fetching && (
          <div aria-busy="true" aria-label="Loading the dashboard" className="space-y-4">
            <div className="h-64 animate-pulse rounded-lg bg-slate-200" />
            <div className="h-32 animate-pulse rounded-lg bg-slate-200" />
          </div>
        )}
        {data && (
          <>
            <RunsPerHourChart buckets={data.dashboard.runsPerHour} />
            <div className="grid gap-4">
              <DurationsTable durations={data.dashboard.durations} runStats={stats.data ? runStats : undefined} />
              <FailureHotspots hotspots={data.dashboard.failureHotspots} />
            </div>
          </>
        )}
      </main>
    </div>
  );
}
