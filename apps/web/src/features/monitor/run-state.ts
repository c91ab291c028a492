/**
 * A run's live state on the canvas, folded from its `runEvents` (history first, then
 * live). Pure: the same events give the same state, and an event at or below the last
 * applied version is ignored (a resubscription replays history).
 */
export type NodeState = 'pending' | 'scheduled' | 'running' | 'retrying' | 'waiting' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export type NodeRunState = { state: NodeState; attempt?: number; output?: unknown; error?: unknown; branch?: string | null; kept?: boolean };

export type RunState = { runId: string; status: RunStatus; version: number; nodes: Record<string, NodeRunState>; output?: unknown; error?: unknown };

export type RunEvent = {
  runId?: string;
  type: string;
  version: number;
  /** When it was recorded (ISO time). */
  at?: string | null;
  nodeId?: string | null;
  attempt?: number | null;
  status?: string | null;
  output?: unknown;
  error?: unknown;
  branch?: string | null;
  data?: unknown;
};

export const initialRunState = (runId: string): RunState => ({ runId, status: 'running', version: 0, nodes: {} });

/** The state a node shows: pending until an event names it. */
export const nodeStateOf = (run: RunState | undefined, nodeId: string): NodeRunState => run?.nodes[nodeId] ?? { state: 'pending' };

const FINISHED: ReadonlySet<NodeState> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

function setNode(run: RunState, nodeId: string, patch: NodeRunState): Record<string, NodeRunState> {
  return { ...run.nodes, [nodeId]: { ...run.nodes[nodeId], ...patch } };
}

function keptNodes(data: unknown): Record<string, NodeRunState> {
  const kept = (data as { kept?: Record<string, { output?: unknown; branch?: string | null; status?: string }> } | null)?.kept;
  if (!kept || typeof kept !== 'object') return {};
  return Object.fromEntries(
    Object.entries(kept).map(([id, result]) => [id, { state: result?.status === 'skipped' ? 'skipped' : 'succeeded', output: result?.output, branch: result?.branch ?? null, kept: true } satisfies NodeRunState]),
  );
}

export function reduceRunEvent(run: RunState, event: RunEvent): RunState {
  if (event.type === 'node.log' || event.version <= run.version) return run;
  const next = { ...run, version: event.version };
  const id = event.nodeId ?? undefined;
  const attempt = event.attempt ?? undefined;
  switch (event.type) {
    case 'workflow.started':
      return { ...next, status: 'running', nodes: { ...keptNodes(event.data), ...run.nodes } };
    case 'run.admitted':
      return { ...next, status: 'running' };
    case 'node.scheduled':
      return id ? { ...next, nodes: setNode(run, id, { state: 'scheduled', attempt }) } : next;
    case 'node.started':
    case 'run.resumed':
      return id ? { ...next, nodes: setNode(run, id, { state: 'running', attempt }) } : next;
    case 'node.retrying':
      return id ? { ...next, nodes: setNode(run, id, { state: 'retrying', attempt, error: event.error }) } : next;
    case 'run.waiting':
      return id ? { ...next, nodes: setNode(run, id, { state: 'waiting', attempt, output: event.output }) } : next;
    case 'node.completed':
      return id ? { ...next, nodes: setNode(run, id, { state: 'succeeded', attempt, output: event.output, branch: event.branch ?? null, error: undefined }) } : next;
    case 'node.failed':
      return id ? { ...next, nodes: setNode(run, id, { state: 'failed', attempt, error: event.error }) } : next;
    case 'node.skipped':
      return id ? { ...next, nodes: setNode(run, id, { state: 'skipped' }) } : next;
    case 'workflow.finished': {
      const status = (event.status ?? 'failed') as RunStatus;
      // As in the read model: nodes still unfinished when the run ends are cancelled.
      const nodes = Object.fromEntries(Object.entries(run.nodes).map(([nodeId, node]) => [nodeId, FINISHED.has(node.state) ? node : { ...node, state: 'cancelled' as const }]));
      return { ...next, status, nodes, output: event.output, error: event.error };
    }
    default:
      return next;
  }
}

export const isFinished = (run: RunState | undefined): boolean => run !== undefined && run.status !== 'running' && run.status !== 'queued';
