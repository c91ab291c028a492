import type { RunSummary, WorkflowSummary } from '@/lib/graphql/operations';

export type WorkflowStatus = 'draft' | 'published' | 'archived';

export const workflowStatus = (w: Pick<WorkflowSummary, 'archived' | 'latestVersion'>): WorkflowStatus => (w.archived ? 'archived' : w.latestVersion ? 'published' : 'draft');

/** The newest run of each workflow, from a newest-first list of runs. */
export function lastRunByWorkflow(runs: RunSummary[]): Map<string, RunSummary> {
  const last = new Map<string, RunSummary>();
  for (const run of runs) if (!last.has(run.workflowId)) last.set(run.workflowId, run);
  return last;
}
