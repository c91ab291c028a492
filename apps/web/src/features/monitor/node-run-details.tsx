'use client';

import { useMemo } from 'react';
import { formatClock } from './format-time';
import { attemptDuration, nodeLog } from './run-history';
import { useRunMonitorContext } from './run-monitor-context';
import { formatDuration } from './timeline-geometry';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const errorLine = (error: unknown) => {
  const e = error as { code?: string; message?: string } | undefined;
  return e ? [e.code, e.message].filter(Boolean).join(': ') : '';
};

/**
 * A node's run at the shown moment: its attempts (each with how it ended, its error and
 * duration), the latest input, the LLM text as it streams, and its other log lines.
 */
export function NodeRunDetails({ nodeId }: { nodeId: string }) {
  const monitor = useRunMonitorContext();
  const events = monitor?.shownEvents;
  const log = useMemo(() => (events ? nodeLog(events, nodeId) : undefined), [events, nodeId]);
  if (!monitor || !log) return null;
  const attempts = monitor.timelines[nodeId]?.attempts ?? [];
  const now = monitor.shownAt ?? Date.now();
  const latest = attempts.at(-1);
  const duration = latest && attemptDuration(latest, now);
  const streamed = Object.entries(log.tokens).at(-1);
  return (
    <div className="mt-1 space-y-2" data-testid="node-run-details">
      {latest && (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="node-duration">
          {latest.startedAt !== undefined ? `Started ${formatClock(latest.startedAt)}` : 'Not started'}
          {duration !== undefined && ` · ${latest.finishedAt === undefined ? 'running for' : 'took'} ${formatDuration(duration)}`}
        </p>
      )}
      {attempts.length > 0 && (
        <div>
          <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">Attempts</h3>
          <ol className="space-y-0.5 text-xs" data-testid="node-attempts">
            {attempts.map((attempt) => {
              const took = attemptDuration(attempt, now);
              return (
                <li key={attempt.attempt} data-testid={`node-attempt-${attempt.attempt}`}>
                  <span className="font-medium">#{attempt.attempt}</span> {attempt.outcome}
                  {took !== undefined && <span className="text-slate-500 dark:text-slate-400"> · {formatDuration(took)}</span>}
                  {attempt.error !== undefined && <span className="block pl-4 text-red-700 dark:text-red-400">{errorLine(attempt.error)}</span>}
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {streamed && (
        <div>
          <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">Streamed text{attempts.length > 1 ? ` (attempt ${streamed[0]})` : ''}</h3>
          <pre className="max-h-40 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs text-slate-800 ring-1 ring-slate-200 dark:bg-slate-950 dark:text-slate-200 dark:ring-slate-700" aria-live="polite" data-testid="node-tokens">
            {streamed[1]}
          </pre>
        </div>
      )}
      {latest?.input !== undefined && (
        <details>
          <summary className="cursor-pointer text-xs font-medium text-slate-600 dark:text-slate-400">Input</summary>
          <pre className="max-h-40 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-sky-100 dark:bg-slate-950 dark:ring-1 dark:ring-slate-700" data-testid="node-input">
            {json(latest.input)}
          </pre>
        </details>
      )}
      {log.lines.length > 0 && (
        <div>
          <h3 className="text-xs font-medium text-slate-600 dark:text-slate-400">Log</h3>
          <ul className="max-h-32 overflow-auto font-mono text-[11px]" data-testid="node-log">
            {log.lines.map((line, index) => (
              <li key={index} className={line.level === 'error' ? 'text-red-700 dark:text-red-400' : line.level === 'warn' ? 'text-amber-700 dark:text-amber-400' : 'text-slate-700 dark:text-slate-300'}>
                {attempts.length > 1 && <span className="text-slate-500 dark:text-slate-400">#{line.attempt} </span>}
                {line.message}
                {line.data !== undefined && <span className="text-slate-500 dark:text-slate-400"> {JSON.stringify(line.data)}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
