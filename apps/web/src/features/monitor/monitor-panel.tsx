'use client';

import { useState } from 'react';
import { Button } from '@/components/ui';
import { useToast } from '@/features/toast/toast-provider';
import { useRunMonitorContext } from './run-monitor-context';
import { RunTimeline } from './run-timeline';
import { TimeTravel } from './time-travel';

/** Below the canvas while a run is watched: time travel, the timeline, and Retry for a failed run. */
export function MonitorPanel() {
  const monitor = useRunMonitorContext();
  const toast = useToast();
  const [open, setOpen] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (!monitor?.live) return null;
  const failed = monitor.live.status === 'failed';

  async function retry() {
    setBusy(true);
    const refused = await monitor!.retry();
    setProblem(refused);
    if (refused) toast.error(refused);
    else toast.show('Retrying the run from the node it failed at');
    setBusy(false);
  }

  return (
    <section className="shrink-0 border-t border-slate-200 bg-white px-4 py-2 text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100" aria-label="Run monitor" data-testid="monitor-panel">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold">Timeline</h2>
        <Button className="px-2! py-0.5! text-xs!" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Show'}
        </Button>
        <TimeTravel />
        {failed && (
          <Button variant="primary" className="ml-auto" disabled={busy} aria-busy={busy} onClick={() => void retry()} title="Re-runs this run from the node it failed at">
            {busy ? 'Retrying…' : 'Retry run'}
          </Button>
        )}
      </div>
      {problem && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {monitor.error && (
        <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {monitor.error}
        </p>
      )}
      {open && (
        <div className="mt-2 max-h-44 overflow-y-auto">
          <RunTimeline />
        </div>
      )}
    </section>
  );
}
