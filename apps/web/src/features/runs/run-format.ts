import type { RunRow } from './runs.operations';

/** A duration for people: "340 ms", "4.2 s", "3 m 12 s", "2 h 5 m", "3 d 4 h". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} m ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} m`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** How long a finished run took; undefined while it runs. */
export const runDurationMs = (run: Pick<RunRow, 'startedAt' | 'finishedAt'>): number | undefined => (run.finishedAt ? Date.parse(run.finishedAt) - Date.parse(run.startedAt) : undefined);

/** What started a run, in a word or two: "manual", "re-run", "schedule", "API", "event order.paid", "webhook". */
export function triggerLabel(run: Pick<RunRow, 'trigger' | 'rerunOf'>): string {
  if (run.rerunOf) return 're-run';
  const trigger = run.trigger as { kind?: unknown; name?: unknown } | null | undefined;
  if (!trigger || trigger.kind === undefined) return 'manual';
  switch (trigger.kind) {
    case 'schedule':
      return 'schedule';
    case 'once':
      return 'scheduled once';
    case 'api':
      return 'API';
    case 'event':
      return typeof trigger.name === 'string' ? `event ${trigger.name}` : 'event';
    case 'webhook':
      return 'webhook';
    default:
      return typeof trigger.kind === 'string' ? trigger.kind : 'manual';
  }
}

/** A start time as the list shows it: the time alone for today, else the date too. */
export function formatStartedAt(iso: string, now: Date): string {
  const at = new Date(iso);
  const sameDay = at.toDateString() === now.toDateString();
  return sameDay ? at.toLocaleTimeString() : at.toLocaleString();
}
