import { describeError, FINISHED, type NodeProgress, type NodeState, type PushedEvent, type RunProgress } from './run-progress.js';

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const SYMBOL: Record<Exclude<NodeState, 'running'>, string> = { pending: '·', succeeded: '✔', failed: '✖', skipped: '↷', waiting: '◷', retrying: '↻' };
const COLOUR: Record<NodeState, number> = { pending: 2, running: 36, succeeded: 32, failed: 31, skipped: 2, waiting: 33, retrying: 33 };

const paint = (text: string, code: number, color: boolean): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

/** 850ms, 4.2s, 3m05s. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** Cuts a line to the terminal's width (counting characters, ignoring colour codes the line does not have yet). */
const fit = (line: string, columns: number): string => (line.length > columns ? `${line.slice(0, Math.max(1, columns - 1))}…` : line);

function nodeTime(node: NodeProgress, now: number): string {
  if (node.durationMs !== undefined && (node.state === 'succeeded' || node.state === 'failed')) return formatDuration(node.durationMs);
  if (node.state === 'running' && node.startedAt !== undefined) return formatDuration(now - node.startedAt);
  if ((node.state === 'waiting' || node.state === 'retrying') && node.since !== undefined) return formatDuration(now - node.since);
  return '';
}

/** `rows`: the terminal's height, when the frame must fit it (lines scrolled off the top cannot be redrawn). */
export type FrameOptions = { now: number; tick: number; columns: number; rows?: number; color: boolean };

/** Which nodes a frame shows first when not all fit: those at work, then failures, then what comes next, then the rest. */
const RANK: Record<NodeState, number> = { running: 0, waiting: 0, retrying: 0, failed: 1, pending: 2, succeeded: 3, skipped: 3 };

/**
 * The nodes that fit in `room` lines, in graph order, and a line saying how many of which
 * state were left out (none when all fit).
 */
function fitNodes(nodes: readonly NodeProgress[], room: number): { shown: NodeProgress[]; hidden: string | undefined } {
  if (nodes.length <= room) return { shown: [...nodes], hidden: undefined };
  const keep = Math.max(1, room - 1); // one line says what was left out
  const chosen = new Set(
    nodes
      .map((node, index) => ({ node, index }))
      .sort((a, b) => RANK[a.node.state] - RANK[b.node.state] || a.index - b.index)
      .slice(0, keep)
      .map(({ node }) => node),
  );
  const counts = new Map<NodeState, number>();
  for (const node of nodes) if (!chosen.has(node)) counts.set(node.state, (counts.get(node.state) ?? 0) + 1);
  const left = nodes.length - chosen.size;
  const detail = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
  return { shown: nodes.filter((node) => chosen.has(node)), hidden: `  … ${left} more node${left === 1 ? '' : 's'}: ${detail}` };
}

/**
 * The redrawn display of a run on a terminal: a heading, then one line per node with its
 * state, duration and detail. Given `rows`, at most `rows - 1` lines: a run with more nodes
 * shows those at work, failed and next, and counts the others in a last line. Pure: the time
 * and the spinner's tick are passed in.
 */
export function renderFrame(progress: RunProgress, { now, tick, columns, rows, color }: FrameOptions): string[] {
  const finished = FINISHED.includes(progress.status);
  const elapsed = progress.startedAt === undefined ? '' : ` ${formatDuration((progress.finishedAt ?? now) - progress.startedAt)}`;
  const width = Math.max(4, ...progress.nodes.map((n) => n.id.length));
  const heading = `run ${progress.runId}  ${paint(progress.status, finished ? (progress.status === 'succeeded' ? 32 : 31) : 36, color)}${elapsed}`;
  // The heading, the nodes and the cursor's line below them fit the terminal.
  const { shown, hidden } = fitNodes(progress.nodes, rows === undefined ? Infinity : Math.max(2, rows - 2));
  const lines = shown.map((node) => {
    // A node still running when the run ended (cancelled, timed out) stops its spinner.
    const symbol = node.state === 'running' ? (finished ? '■' : SPINNER[tick % SPINNER.length]!) : SYMBOL[node.state];
    const label = node.state === 'running' && node.detail === 'queued' ? 'queued' : node.state;
    const text = [node.id.padEnd(width), label.padEnd(9), nodeTime(node, progress.finishedAt ?? now).padStart(7), node.detail && node.detail !== 'queued' ? node.detail : ''].join('  ').trimEnd();
    return `  ${paint(symbol, COLOUR[node.state], color)} ${fit(text, columns - 4)}`;
  });
  return [fit(heading, columns + (color ? 9 : 0)), ...lines, ...(hidden ? [fit(hidden, columns)] : [])];
}

/** `+1.234s`: an event's time from the run's start. */
const offset = (event: PushedEvent, startedAt: number | undefined): string => {
  const at = Date.parse(event.at);
  return `+${((startedAt === undefined || Number.isNaN(at) ? 0 : at - startedAt) / 1000).toFixed(3)}s`;
};

/**
 * One line per event, for logs and pipes: its time from the run's start, its type, the node
 * and what happened. `progress` is the run after the event (for durations). Pure.
 */
export function formatEventLine(event: PushedEvent, progress: RunProgress): string {
  const node = progress.nodes.find((n) => n.id === event.nodeId);
  const attempt = event.attempt && event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
  const data = (typeof event.data === 'object' && event.data !== null ? event.data : {}) as Record<string, unknown>;
  const text = (value: unknown, otherwise: string): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : otherwise);
  let what: string;
  switch (event.type) {
    case 'workflow.started':
      what = `version ${text(data.workflowVersion, '?')}${data.queued === true ? ', queued for a run slot' : ''}`;
      break;
    case 'node.completed':
      what = `${event.nodeId}${attempt} in ${formatDuration(node?.durationMs ?? 0)}${event.branch ? `, branch ${event.branch}` : ''}`;
      break;
    case 'node.failed':
    case 'node.retrying':
    case 'run.waiting':
      what = `${event.nodeId}${attempt}: ${node?.detail ?? describeError(event.error)}`;
      break;
    case 'run.resumed':
      what = `${event.nodeId}${typeof data.cause === 'string' ? ` (${data.cause})` : ''}`;
      break;
    case 'node.log':
      what = `${event.nodeId} ${text(data.level, 'info')}: ${text(data.message, '')}`;
      break;
    case 'workflow.finished':
      what = `${event.status ?? '?'}${event.status !== 'succeeded' && event.error ? `: ${describeError(event.error)}` : ''}`;
      break;
    default:
      what = event.nodeId ? `${event.nodeId}${attempt}` : '';
  }
  return `${offset(event, progress.startedAt)}  ${event.type.padEnd(17)} ${what}`.trimEnd();
}

/** The end of a run: its status and time, then its output (or its error) as JSON. */
export function formatOutcome(progress: RunProgress): string[] {
  const took = progress.startedAt !== undefined && progress.finishedAt !== undefined ? ` in ${formatDuration(progress.finishedAt - progress.startedAt)}` : '';
  if (progress.status === 'succeeded') return [`run ${progress.runId} succeeded${took}`, `output: ${JSON.stringify(progress.output ?? null, null, 2)}`];
  const error = progress.error as { nodeId?: unknown } | undefined;
  const where = typeof error?.nodeId === 'string' ? ` (node "${error.nodeId}")` : '';
  return [`run ${progress.runId} ${progress.status}${took}${progress.error ? `: ${describeError(progress.error)}${where}` : ''}`];
}
