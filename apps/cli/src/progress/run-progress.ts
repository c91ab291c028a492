/** A run event as the `runEvents` subscription pushes it. */
export type PushedEvent = {
  type: string;
  version: number;
  at: string;
  nodeId: string | null;
  attempt: number | null;
  branch: string | null;
  status: string | null;
  output: unknown;
  error: unknown;
  data: unknown;
};

export type NodeState = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped' | 'waiting' | 'retrying';

export type NodeProgress = {
  id: string;
  name?: string;
  state: NodeState;
  attempt?: number;
  /** When its current attempt began (ms since the epoch; scheduled, then started): durations count from here. */
  startedAt?: number;
  /** When its current state began: how long a node has been waiting or retrying. */
  since?: number;
  /** How long it took, once it succeeded or failed. */
  durationMs?: number;
  /** What it waits for, why it failed or retries, its branch. */
  detail?: string;
};

export type RunStatus = 'starting' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type RunProgress = {
  runId: string;
  status: RunStatus;
  startedAt?: number;
  finishedAt?: number;
  output?: unknown;
  error?: unknown;
  /** In graph order; nodes the graph did not list are added as their events come. */
  nodes: NodeProgress[];
};

export const FINISHED: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export function initialProgress(runId: string, nodes: readonly { id: string; name?: string }[] = []): RunProgress {
  return { runId, status: 'starting', nodes: nodes.map((n) => ({ id: n.id, ...(n.name ? { name: n.name } : {}), state: 'pending' })) };
}

/** Lists the graph's nodes (from a version's graph) when they were not known at the start; keeps what events said. */
export function withGraphNodes(progress: RunProgress, nodes: readonly { id: string; name?: string }[]): RunProgress {
  const known = new Map(progress.nodes.map((n) => [n.id, n]));
  const listed = nodes.map((n) => ({ ...(n.name ? { name: n.name } : {}), ...(known.get(n.id) ?? { id: n.id, state: 'pending' as const }) }));
  return { ...progress, nodes: [...listed, ...progress.nodes.filter((n) => !nodes.some((g) => g.id === n.id))] };
}

type Obj = Record<string, unknown>;
const asObject = (value: unknown): Obj => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {});
const time = (iso: unknown): number | undefined => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? Date.parse(iso) : undefined);

/** `CODE: message`, from an error of a node or a run. */
export function describeError(error: unknown): string {
  const e = asObject(error);
  const message = typeof e.message === 'string' ? e.message : JSON.stringify(error);
  return typeof e.code === 'string' ? `${e.code}: ${message}` : message;
}

function waitDetail(data: Obj): string {
  const waitFor = asObject(data.waitFor);
  const until = typeof data.until === 'string' ? ` until ${data.until}` : '';
  switch (waitFor.kind) {
    case 'approval':
      return `for approval${until}`;
    case 'event':
      return `for event "${String(waitFor.name)}"${until}`;
    case 'children':
      return `for ${String(waitFor.count)} child run${waitFor.count === 1 ? '' : 's'}`;
    default:
      return until ? until.trim() : 'on a timer';
  }
}

/** The run after one event. Pure; events are applied in version order. */
export function applyEvent(progress: RunProgress, event: PushedEvent): RunProgress {
  const at = time(event.at) ?? 0;
  const data = asObject(event.data);
  const updateNode = (change: (node: NodeProgress) => NodeProgress): RunProgress => {
    if (!event.nodeId) return progress;
    const exists = progress.nodes.some((n) => n.id === event.nodeId);
    const nodes = exists ? progress.nodes : [...progress.nodes, { id: event.nodeId, state: 'pending' as const }];
    return { ...progress, nodes: nodes.map((n) => (n.id === event.nodeId ? change(n) : n)) };
  };
  const attempt = event.attempt ?? undefined;
  switch (event.type) {
    case 'workflow.started':
      return { ...progress, status: data.queued === true ? 'queued' : 'running', startedAt: at };
    case 'run.admitted':
      return { ...progress, status: 'running' };
    case 'node.scheduled':
      return updateNode((n) => ({ id: n.id, ...(n.name ? { name: n.name } : {}), state: 'running', attempt, startedAt: at, since: at, detail: 'queued' }));
    case 'node.started':
      return updateNode((n) => ({ ...n, state: 'running', attempt, startedAt: at, since: at, detail: undefined }));
    case 'node.completed':
      return updateNode((n) => ({ ...n, state: 'succeeded', attempt, durationMs: at - (time(data.startedAt) ?? n.startedAt ?? at), detail: event.branch ? `branch ${event.branch}` : undefined }));
    case 'node.failed':
      return updateNode((n) => ({ ...n, state: 'failed', attempt, durationMs: at - (n.startedAt ?? at), detail: `${describeError(event.error)}${data.handled === true ? ' (error edge taken)' : ''}` }));
    case 'node.retrying':
      return updateNode((n) => ({ ...n, state: 'retrying', attempt, since: at, detail: `attempt ${attempt ?? '?'} failed (${describeError(event.error)}); attempt ${String(data.nextAttempt)} at ${String(data.retryAt)}` }));
    case 'node.skipped':
      return updateNode((n) => ({ ...n, state: 'skipped', detail: undefined }));
    case 'run.waiting':
      return updateNode((n) => ({ ...n, state: 'waiting', since: at, detail: waitDetail(data) }));
    case 'run.resumed':
      return updateNode((n) => ({ ...n, state: 'running', since: at, detail: undefined }));
    case 'workflow.finished': {
      const status: RunStatus = event.status === 'succeeded' || event.status === 'failed' || event.status === 'cancelled' ? event.status : 'failed';
      return { ...progress, status, finishedAt: at, output: event.output ?? undefined, error: event.error ?? undefined };
    }
    default:
      return progress; // node.log and types to come change no state
  }
}
