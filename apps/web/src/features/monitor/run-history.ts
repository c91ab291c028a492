import { initialRunState, reduceRunEvent, type NodeState, type RunEvent, type RunState } from './run-state';

/**
 * A run's event history as `runEvents` delivered it (history, then live), in version
 * order, `node.log` entries included where they arrived. Pure helpers over it: the state
 * after the first N events (time travel), each node's attempts and its log.
 */
export type RunHistory = { runId: string; events: RunEvent[]; live: RunState };

export const emptyHistory = (runId: string): RunHistory => ({ runId, events: [], live: initialRunState(runId) });

const lastLifecycleVersion = (events: RunEvent[]): number => {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type !== 'node.log') return events[i]!.version;
  return 0;
};

/** Adds one delivered event; a lifecycle event at or below the last one seen (a replay) is dropped. */
export function appendEvent(history: RunHistory, event: RunEvent): RunHistory {
  if (event.type !== 'node.log' && event.version <= lastLifecycleVersion(history.events)) return history;
  return { ...history, events: [...history.events, event], live: reduceRunEvent(history.live, event) };
}

/** The run as it stood after its first `count` events. */
export function stateAfter(runId: string, events: readonly RunEvent[], count: number): RunState {
  return events.slice(0, Math.max(0, count)).reduce(reduceRunEvent, initialRunState(runId));
}

export type AttemptOutcome = 'scheduled' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'retrying' | 'cancelled';

/** One attempt of a node: when it started and settled, how, with its input and error. */
export type Attempt = { attempt: number; outcome: AttemptOutcome; scheduledAt?: number; startedAt?: number; finishedAt?: number; input?: unknown; error?: unknown };

/** A stretch of time on the timeline: running, or waiting (a delay, an approval, an event). */
export type Segment = { attempt: number; kind: 'run' | 'wait'; start: number; end?: number; outcome?: AttemptOutcome };

const time = (value: unknown): number | undefined => {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
};
const dataOf = (event: RunEvent): Record<string, unknown> => (event.data && typeof event.data === 'object' ? (event.data as Record<string, unknown>) : {});
/** When the event happened: its own timestamp field when it has one, else when it was recorded. */
const whenOf = (event: RunEvent, field?: string): number | undefined => (field ? time(dataOf(event)[field]) : undefined) ?? time(event.at);

export type NodeTimeline = { attempts: Attempt[]; segments: Segment[] };

/** Every node's attempts and timeline segments, from the events in order. */
export function nodeTimelines(events: readonly RunEvent[]): Record<string, NodeTimeline> {
  const byNode: Record<string, NodeTimeline> = {};
  const of = (id: string) => (byNode[id] ??= { attempts: [], segments: [] });
  const attemptOf = (id: string, n: number): Attempt => {
    const node = of(id);
    let found = node.attempts.find((a) => a.attempt === n);
    if (!found) node.attempts.push((found = { attempt: n, outcome: 'scheduled' }));
    return found;
  };
  const close = (id: string, at: number | undefined, outcome?: AttemptOutcome) => {
    const open = of(id).segments.find((s) => s.end === undefined);
    if (open) Object.assign(open, { end: at ?? open.start, ...(outcome ? { outcome } : {}) });
    return open;
  };
  const open = (id: string, attempt: number, kind: Segment['kind'], start: number | undefined) => {
    if (start !== undefined) of(id).segments.push({ attempt, kind, start });
  };

  for (const event of events) {
    const id = event.nodeId ?? undefined;
    const data = dataOf(event);
    const n = event.attempt ?? (typeof data.attempt === 'number' ? data.attempt : 1);
    switch (event.type) {
      case 'node.scheduled':
        if (id) attemptOf(id, n).scheduledAt = whenOf(event, 'scheduledAt');
        break;
      case 'node.started':
        if (id) {
          const attempt = attemptOf(id, n);
          Object.assign(attempt, { outcome: 'running', startedAt: whenOf(event, 'startedAt'), input: data.input });
          close(id, attempt.startedAt);
          open(id, n, 'run', attempt.startedAt);
        }
        break;
      case 'run.waiting':
        if (id) {
          const at = whenOf(event, 'waitingAt');
          const attempt = attemptOf(id, n);
          attempt.outcome = 'waiting';
          attempt.startedAt ??= at;
          close(id, at);
          open(id, n, 'wait', at);
        }
        break;
      case 'run.resumed':
        if (id) {
          const at = whenOf(event, 'resumedAt');
          attemptOf(id, n).outcome = 'running';
          close(id, at);
          open(id, n, 'run', at);
        }
        break;
      case 'node.completed':
        if (id) {
          const at = whenOf(event, 'completedAt');
          const attempt = attemptOf(id, n);
          // Quick nodes record no node.started: their start comes with the completion.
          if (!of(id).segments.some((s) => s.end === undefined)) open(id, n, 'run', time(data.startedAt) ?? attempt.startedAt ?? at);
          Object.assign(attempt, { outcome: 'succeeded', finishedAt: at, startedAt: attempt.startedAt ?? time(data.startedAt) ?? at, ...(data.input !== undefined ? { input: data.input } : {}) });
          close(id, at, 'succeeded');
        }
        break;
      case 'node.retrying':
      case 'node.failed':
        if (id) {
          const outcome = event.type === 'node.failed' ? 'failed' : 'retrying';
          const at = whenOf(event, event.type === 'node.failed' ? 'failedAt' : 'retryingAt');
          Object.assign(attemptOf(id, n), { outcome, finishedAt: at, error: event.error ?? data.error });
          close(id, at, outcome);
        }
        break;
      case 'workflow.finished': {
        const at = whenOf(event, 'finishedAt');
        for (const [nodeId, node] of Object.entries(byNode)) {
          for (const attempt of node.attempts) if (attempt.finishedAt === undefined && attempt.outcome !== 'succeeded') Object.assign(attempt, { outcome: 'cancelled', finishedAt: at });
          close(nodeId, at, 'cancelled');
        }
        break;
      }
      default:
        break;
    }
  }
  return byNode;
}

/** How long an attempt took (or has taken by `now`), in ms; undefined before it started. */
export const attemptDuration = (attempt: Attempt, now: number): number | undefined => (attempt.startedAt === undefined ? undefined : (attempt.finishedAt ?? now) - attempt.startedAt);

export type LogLine = { attempt: number; level: string; message: string; data?: unknown; at?: string };
export type NodeLog = { tokens: Record<number, string>; lines: LogLine[] };

/** What a node.log event carries (see the API's RunEvent.data). */
type LogEntryData = { seq?: number; level?: string; message?: string; data?: { text?: unknown }; at?: string };

/** A node's log: the streamed LLM text per attempt (the `tokens` entries' `data.text`, in order) and every other line. */
export function nodeLog(events: readonly RunEvent[], nodeId: string): NodeLog {
  const log: NodeLog = { tokens: {}, lines: [] };
  // An entry missed live comes later (with node.logged): order by attempt, then the entry's own seq.
  const entries = events
    .filter((event) => event.type === 'node.log' && event.nodeId === nodeId)
    .map((event, index): { attempt: number; entry: LogEntryData; index: number } => ({ attempt: event.attempt ?? 1, entry: dataOf(event), index }))
    .sort((a, b) => a.attempt - b.attempt || (a.entry.seq ?? a.index) - (b.entry.seq ?? b.index) || a.index - b.index);
  for (const { attempt, entry } of entries) {
    if (entry.message === 'tokens' && typeof entry.data?.text === 'string') log.tokens[attempt] = (log.tokens[attempt] ?? '') + entry.data.text;
    else log.lines.push({ attempt, level: entry.level ?? 'info', message: entry.message ?? '', ...(entry.data !== undefined ? { data: entry.data } : {}), ...(entry.at ? { at: entry.at } : {}) });
  }
  return log;
}

/** A short description of one event, for the time-travel scrubber. */
export function describeEvent(event: RunEvent): string {
  const node = event.nodeId ? ` ${event.nodeId}` : '';
  const attempt = event.attempt && event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
  if (event.type === 'node.log') {
    const entry = dataOf(event) as { message?: string };
    return `log${node}: ${entry.message ?? ''}`;
  }
  if (event.type === 'workflow.finished') return `workflow.finished: ${event.status ?? ''}`;
  return `${event.type}${node}${attempt}`;
}

/** The node a failed run failed at: the run error's `nodeId`, else the last node that failed. */
export function failedNodeOf(run: RunState): string | undefined {
  const named = (run.error as { nodeId?: unknown } | undefined)?.nodeId;
  if (typeof named === 'string') return named;
  const failed: NodeState = 'failed';
  return Object.entries(run.nodes).findLast(([, node]) => node.state === failed)?.[0];
}
