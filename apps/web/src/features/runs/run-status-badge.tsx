import type { RunStatus } from './runs.operations';

const LOOK: Record<RunStatus, string> = {
  queued: 'bg-slate-100 text-slate-700',
  running: 'bg-sky-100 text-sky-800',
  succeeded: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
  cancelled: 'bg-amber-100 text-amber-800',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${LOOK[status] ?? LOOK.queued}`} data-testid="run-status-badge">
      {status === 'running' && <span aria-hidden className="size-1.5 animate-pulse rounded-full bg-sky-500" />}
      {status}
    </span>
  );
}
