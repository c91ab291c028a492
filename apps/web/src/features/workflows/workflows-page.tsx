'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { AppHeader } from '@/components/app-header';
import { Button, ErrorText } from '@/components/ui';
import { errorCode, errorMessage } from '@/lib/graphql/errors';
import { CREATE_WORKFLOW, WORKFLOWS } from '@/lib/graphql/operations';
import { WORKFLOW_RUN_STATS } from '@/features/dashboard/dashboard.operations';
import { SuccessSparkline } from '@/features/dashboard/success-sparkline';
import { useToast } from '@/features/toast/toast-provider';
import { searchWorkflows } from './search-workflows';
import { lastRunByWorkflow, workflowStatus } from './workflow-status';

const STATUS_STYLE = { draft: 'bg-slate-100 text-slate-700', published: 'bg-emerald-100 text-emerald-800', archived: 'bg-amber-100 text-amber-800' };
const RUN_STYLE: Record<string, string> = { succeeded: 'text-emerald-700', failed: 'text-red-700', running: 'text-sky-700', queued: 'text-slate-600', cancelled: 'text-amber-700' };

export function WorkflowsPage() {
  const router = useRouter();
  const [{ data, error, fetching }] = useQuery({ query: WORKFLOWS });
  // Each workflow's last 14 days, for the sparkline: a query of its own, so the list shows without waiting for it.
  const [stats] = useQuery({ query: WORKFLOW_RUN_STATS, variables: { days: 14 } });
  const statsById = new Map((stats.data?.workflows.nodes ?? []).map((w) => [w.id, w.runStats]));
  const [creating, create] = useMutation(CREATE_WORKFLOW);
  const toast = useToast();
  const [name, setName] = useState('');
  const [search, setSearch] = useState('');

  useEffect(() => {
    if (errorCode(error) === 'UNAUTHENTICATED' || errorCode(error) === 'FORBIDDEN') router.replace('/sign-in');
  }, [error, router]);

  async function createWorkflow() {
    const result = await create({ input: { name: name.trim() || 'Untitled workflow', graph: { nodes: [], edges: [] } } });
    if (result.data) router.push(`/workflows/${result.data.createWorkflow.id}`);
    else if (result.error) toast.error(result.error);
  }

  const lastRuns = lastRunByWorkflow(data?.runs.nodes ?? []);
  const shown = searchWorkflows(data?.workflows.nodes ?? [], search);
  return (
    <div className="min-h-full">
      <AppHeader />
      <main className="mx-auto max-w-4xl p-6">
        <div className="mb-4 flex items-center gap-2">
          <h1 className="flex-1 text-2xl font-semibold">Workflows</h1>
          <input aria-label="New workflow name" placeholder="New workflow name" value={name} onChange={(e) => setName(e.target.value)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <Button variant="primary" onClick={() => void createWorkflow()} disabled={creating.fetching} aria-busy={creating.fetching}>
            {creating.fetching ? 'Creating…' : 'New workflow'}
          </Button>
        </div>
        {creating.error && <ErrorText>{errorMessage(creating.error)}</ErrorText>}
        {error && errorCode(error) !== 'UNAUTHENTICATED' && <ErrorText>{errorMessage(error)}</ErrorText>}
        {fetching && !data && <div className="h-24 animate-pulse rounded-lg bg-slate-200" />}
        {data && data.workflows.nodes.length === 0 && <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">No workflows yet: name one and press “New workflow”.</p>}
        {data && data.workflows.nodes.length > 0 && (
          <input type="search" aria-label="Search workflows" placeholder="Search by name" value={search} onChange={(e) => setSearch(e.target.value)} className="mb-3 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        )}
        {data && data.workflows.nodes.length > 0 && shown.length === 0 && (
          <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500" data-testid="no-search-results">
            No workflow matches “{search.trim()}”.
          </p>
        )}
        {data && shown.length > 0 && (
          <table className="w-full overflow-hidden rounded-lg bg-white text-sm shadow" data-testid="workflow-list">
            <thead className="bg-slate-100 text-left text-slate-600">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Status</th>
                <th className="px-4 py-2">Last run</th>
                <th className="px-4 py-2">Last 14 days</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((workflow) => {
                const status = workflowStatus(workflow);
                const run = lastRuns.get(workflow.id);
                return (
                  <tr key={workflow.id} className="border-t border-slate-100">
                    <td className="px-4 py-2">
                      <Link className="font-medium text-indigo-700 hover:underline" href={`/workflows/${workflow.id}`}>
                        {workflow.name}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_STYLE[status]}`}>{status === 'published' ? `published v${workflow.latestVersion}` : status}</span>
                    </td>
                    <td className="px-4 py-2">
                      {run ? (
                        <Link href={`/workflows/${workflow.id}?run=${run.id}`} className={`hover:underline ${RUN_STYLE[run.status] ?? ''}`}>
                          {run.status} · {new Date(run.startedAt).toLocaleString()}
                        </Link>
                      ) : (
                        <span className="text-slate-400">never run</span>
                      )}
                    </td>
                    <td className="px-4 py-2">{statsById.get(workflow.id) ? <SuccessSparkline stats={statsById.get(workflow.id)!} /> : <span className="text-slate-400">…</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
