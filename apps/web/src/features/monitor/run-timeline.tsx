'use client';

import { useEffect, useState } from 'react';
import { formatClock } from './format-time';
import type { AttemptOutcome } from './run-history';
import { useRunMonitorContext } from './run-monitor-context';
import { isFinished } from './run-state';
import { formatDuration, layoutTimeline, type Bar } from './timeline-geometry';

/** Bars take the canvas's state colours (the node borders, see node-state-style), so both read alike in either theme. */
const BAR_LOOK: Record<AttemptOutcome | 'open', string> = {
  open: 'bg-(--weft-node-running-border) animate-pulse',
  scheduled: 'bg-(--weft-node-scheduled-border)',
  running: 'bg-(--weft-node-running-border)',
  waiting: 'bg-(--weft-node-waiting-border)',
  succeeded: 'bg-(--weft-node-succeeded-border)',
  failed: 'bg-(--weft-node-failed-border)',
  retrying: 'bg-(--weft-node-retrying-border)',
  cancelled: 'bg-(--weft-node-cancelled-border)',
};
/** Waiting (a delay, an approval, an event) is hatched, so it reads apart from work. */
const WAIT_STYLE = { backgroundImage: 'repeating-linear-gradient(45deg, var(--weft-node-waiting-border) 0 4px, var(--weft-node-waiting-fill) 4px 8px)' };

const describeBar = (nodeId: string, bar: Bar) =>
  `${nodeId}, attempt ${bar.attempt}: ${bar.kind === 'wait' ? 'waiting' : bar.open ? 'running' : (bar.outcome ?? 'ran')} from ${formatClock(bar.start)} to ${bar.open ? 'now' : formatClock(bar.endAt)} (${formatDuration(bar.endAt - bar.start)})`;

/** Re-renders every `ms` while `on`, for bars that grow until their node finishes. */
function useNow(on: boolean, ms = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [on, ms]);
  return on ? now : Date.now();
}

/**
 * The Gantt chart of the shown moment: a row per node, a bar per attempt (and per wait),
 * an axis relative to the first start. Hover or focus a bar for its exact times; a table
 * says the same for screen readers.
 */
export function RunTimeline() {
  const monitor = useRunMonitorContext();
  const following = monitor?.cursor === undefined && !isFinished(monitor?.live);
  const ticking = useNow(following);
  const [active, setActive] = useState<string>();
  if (!monitor) return null;
  const now = monitor.shownAt ?? ticking;
  const layout = layoutTimeline(monitor.timelines, Object.keys(monitor.timelines), now);
  const activeText = layout.rows.flatMap((row) => row.bars.map((bar, index) => [`${row.nodeId}:${index}`, describeBar(row.nodeId, bar)] as const)).find(([key]) => key === active)?.[1];
  if (layout.rows.length === 0) return <p className="py-2 text-xs text-slate-500 dark:text-slate-400">No node has started yet.</p>;
  return (
    <div className="relative text-xs" data-testid="timeline">
      <p className="mb-1 h-4 truncate text-[11px] text-slate-700 dark:text-slate-300" role="status" data-testid="timeline-tooltip">
        {activeText ?? 'Hover or focus a bar for its exact times.'}
      </p>
      <div aria-hidden="true" className="relative ml-36 mr-4 h-4 border-b border-slate-300 dark:border-slate-600">
        {layout.ticks.map((tick) => (
          <span key={tick.at} className="absolute -translate-x-1/2 whitespace-nowrap text-[10px] text-slate-500 dark:text-slate-400" style={{ left: `${tick.left}%` }}>
            {tick.label}
          </span>
        ))}
      </div>
      <ul className="mt-1 space-y-1">
        {layout.rows.map((row) => (
          <li key={row.nodeId} className="flex items-center" data-testid={`timeline-row-${row.nodeId}`}>
            <span className="w-36 shrink-0 truncate pr-2 font-mono text-slate-700 dark:text-slate-300">{row.nodeId}</span>
            <div className="relative mr-4 h-4 flex-1 rounded bg-slate-100 dark:bg-slate-800">
              {row.bars.map((bar, index) => {
                const key = `${row.nodeId}:${index}`;
                const text = describeBar(row.nodeId, bar);
                return (
                  <button
                    key={key}
                    type="button"
                    aria-label={text}
                    data-testid={`timeline-bar-${row.nodeId}`}
                    data-attempt={bar.attempt}
                    data-kind={bar.kind}
                    data-open={bar.open}
                    className={`absolute top-0 h-4 rounded-sm ring-offset-1 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 dark:ring-offset-slate-900 dark:focus-visible:ring-indigo-400 ${bar.kind === 'wait' ? '' : BAR_LOOK[bar.open ? 'open' : (bar.outcome ?? 'running')]}`}
                    style={{ left: `${bar.left}%`, width: `${bar.width}%`, ...(bar.kind === 'wait' ? WAIT_STYLE : {}) }}
                    title={text}
                    onMouseEnter={() => setActive(key)}
                    onMouseLeave={() => setActive((current) => (current === key ? undefined : current))}
                    onFocus={() => setActive(key)}
                    onBlur={() => setActive((current) => (current === key ? undefined : current))}
                  />
                );
              })}
            </div>
          </li>
        ))}
      </ul>
      <table className="sr-only">
        <caption>Timeline of the run, one line per attempt</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Attempt</th>
            <th scope="col">What</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {layout.rows.flatMap((row) =>
            row.bars.map((bar, index) => (
              <tr key={`${row.nodeId}:${index}`}>
                <td>{row.nodeId}</td>
                <td>{bar.attempt}</td>
                <td>{bar.kind === 'wait' ? 'waiting' : bar.open ? 'running' : bar.outcome}</td>
                <td>{formatClock(bar.start)}</td>
                <td>{bar.open ? 'still running' : formatClock(bar.endAt)}</td>
                <td>{formatDuration(bar.endAt - bar.start)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
