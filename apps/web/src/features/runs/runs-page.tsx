'use client';

import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { AppHeader } from '@/components/app-header';
import { Button, ErrorText } from '@/components/ui';
import { errorCode, errorMessage } from '@/lib/graphql/errors';
import { parseRunFilters, runFiltersToSearch, type RunFilters } from './run-filters';
import { RunsFilterBar } from './runs-filter-bar';
import { RunsTable, RunsTableSkeleton } from './runs-table';
import { WORKFLOW_OPTIONS } from './runs.operations';
import { useLiveRuns } from './use-live-runs';

/** `/runs`: every run of the workspace, filtered by the query string, live. */
export function RunsPage() {
  const router = useRouter();
  const searchParams = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => parseRunFilters(new URLSearchParams(search)), [search]);
  const runs = useLiveRuns(filters);
  const [workflows, refetchWorkflows] = useQuery({ query: WORKFLOW_OPTIONS });
  const workflowNames = useMemo(() => new Map((workflows.data?.workflows.nodes ?? []).map((w) => [w.id, w.name])), [workflows.data]);

  useEffect(() => {
    const code = errorCode(workflows.error);
    if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') router.replace('/sign-in');
  }, [workflows.error, router]);

  // A run of a workflow made after the names were read: read them again, once per unknown workflow.
  const askedFor = useRef(new Set<string>());
  useEffect(() => {
    if (!workflows.data || workflows.fetching) return;
    const unknown = runs.runs.find((run) => !workflowNames.has(run.workflowId) && !askedFor.current.has(run.workflowId));
    if (!unknown) return;
    askedFor.current.add(unknown.workflowId);
    refetchWorkflows({ requestPolicy: 'network-only' });
  }, [runs.runs, workflowNames, workflows.data, workflows.fetching, refetchWorkflows]);

  const applyFilters = (next: RunFilters) => router.replace(`/runs${runFiltersToSearch(next)}`, { scroll: false });
  const filtered = Boolean(filters.workflowId || filters.status || filters.window !== 'all');

  return (
    <div className="min-h-full">
      <AppHeader />
      <main className="mx-auto max-w-5xl p-6">
        <div className="mb-4 flex flex-wrap items-end gap-4">
          <div className="flex-1">
            <h1 className="text-2xl font-semibold">Runs</h1>
            <p className="text-sm text-slate-500" aria-live="polite" data-testid="live-state">
              {runs.live ? 'Live: new runs and status changes appear as they happen.' : 'Live updates interrupted, reconnecting…'}
            </p>
          </div>
          <RunsFilterBar filters={filters} workflows={workflows.data?.workflows.nodes ?? []} onChange={applyFilters} />
        </div>
        {runs.error && <ErrorText>{runs.error}</ErrorText>}
        {workflows.error && errorCode(workflows.error) !== 'UNAUTHENTICATED' && <ErrorText>{errorMessage(workflows.error)}</ErrorText>}
        {runs.phase === 'loading' && runs.runs.length === 0 && <RunsTableSkeleton />}
        {runs.phase === 'ready' && runs.runs.length === 0 && (
          <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500" data-testid="runs-empty">
            {filtered ? (
              <>
                No runs match these filters.{' '}
                <Link href="/runs" className="text-indigo-700 hover:underline">
                  Show all runs
                </Link>
              </>
            ) : (
              <>
                No runs yet: publish a workflow and press “Run” in the{' '}
                <Link href="/workflows" className="text-indigo-700 hover:underline">
                  editor
                </Link>
                .
              </>
            )}
          </p>
        )}
        {runs.runs.length > 0 && <RunsTable runs={runs.runs} workflowNames={workflowNames} />}
        {runs.hasNextPage && runs.phase === 'ready' && (
          <div className="mt-4 flex justify-center">
            <Button onClick={runs.loadMore} disabled={runs.loadingMore}>
              {runs.loadingMore ? 'Loading…' : 'Load more'}
            </Button>
          </div>
        )}
      </main>
    </div>
  );
}
