import { TIME_WINDOWS, type RunFilters, type TimeWindow } from './run-filters';
import { RUN_STATUSES, type RunStatus } from './run-status';
import type { WorkflowOption } from './runs.operations';

const SELECT = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm';

export function RunsFilterBar({ filters, workflows, onChange }: { filters: RunFilters; workflows: WorkflowOption[]; onChange: (next: RunFilters) => void }) {
  const { workflowId, status, window } = filters;
  const set = (patch: Partial<RunFilters>) => {
    const next = { ...filters, ...patch };
    if (!next.workflowId) delete next.workflowId;
    if (!next.status) delete next.status;
    onChange(next);
  };
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter runs">
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Workflow</span>
        <select className={SELECT} value={workflowId ?? ''} onChange={(e) => set({ workflowId: e.target.value || undefined })}>
          <option value="">All workflows</option>
          {workflowId && !workflows.some((w) => w.id === workflowId) && <option value={workflowId}>Workflow {workflowId.slice(0, 8)}</option>}
          {workflows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
              {w.archived ? ' (archived)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Status</span>
        <select className={SELECT} value={status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as RunStatus | undefined })}>
          <option value="">Any status</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="mb-1 block font-medium text-slate-700">Started</span>
        <select className={SELECT} value={window} onChange={(e) => set({ window: e.target.value as TimeWindow })}>
          {TIME_WINDOWS.map((w) => (
            <option key={w.value} value={w.value}>
              {w.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
