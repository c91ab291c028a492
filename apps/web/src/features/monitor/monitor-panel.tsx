'use client';

import { useState } from 'react';
import { Button } from '@/components/ui';
import { useRunMonitorContext } from './run-monitor-context';
import { RunTimeline } from './run-timeline';
import { TimeTravel } from './time-travel';

/** Below the canvas while a run is watched: time travel, the timeline, and Retry for a failed run. */
export function MonitorPanel() {
  const monitor = useRunMonitorContext();
  const [open, setOpen] = useState(true);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  if (!monitor?.live) return null;
  const failed = monitor.live.status === 'failed';

  async function retry() {
    setBusy(true);
    setProblem(await monitor!.retry());
    setBusy(false);
  }

  return (
    <section className="shrink-0 border-t border-slate-200 bg-white px-4 py-2" aria-label="Run monitor" data-testid="monitor-panel">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-sm font-semibold">Timeline</h2>
        <Button className="px-2! py-0.5! text-xs!" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : 'Show'}
        </Button>
        <TimeTravel />
        {failed && (
          <Button variant="primary" className="ml-auto" disabled={busy} onClick={() => void retry()} title="Re-runs this run from the node it failed at">
            Retry run
          </Button>
        )}
      </div>
      {problem && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {problem}
        </p>
      )}
      {monitor.error && (
        <p role="alert" className="mt-1 text-xs text-red-700">
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
