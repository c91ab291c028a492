import type { Json, RunEvent } from '@weft/domain';

/** A row of rm_runs, as the projector writes it (snake_case: it goes straight to SQL). */
export type RunRow = {
  id: string;
  workspace_id: string;
  workflow_id: string;
  workflow_version: number;
  status: string;
  input: Json;
  output: Json | null;
  error: Json | null;
  started_at: string;
  finished_at: string | null;
  projected_version: number;
  rerun_of: string | null;
  rerun_from_node: string | null;
  trigger: Json | null;
};

/** A row of rm_node_runs. */
export type NodeRunRow = {
  run_id: string;
  node_id: string;
  workspace_id: string;
  node_type: string;
  status: string;
  attempt: number;
  input: Json | null;
  output: Json | null;
  branch: string | null;
  error: Json | null;
  scheduled_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  seq: number;
};

/** A row of rm_node_logs: one entry a node attempt logged. */
export type NodeLogRow = { run_id: string; node_id: string; attempt: number; seq: number; workspace_id: string; at: string; level: string; message: string; data: Json | null };

/** One run's rows while a batch is applied: what changed is written back; `newLogs` are inserted (append only). */
export type RunRows = { run: RunRow; nodes: Map<string, NodeRunRow>; changedNodes: Set<string>; newLogs: NodeLogRow[] };

type Located = RunEvent & { version: number; workspaceId: string };

const ACTIVE = new Set(['pending', 'scheduled', 'running', 'waiting', 'retrying']);

/**
 * Applies one run event to a run's rows, in memory. Pure. Returns undefined
 * for an event the rows already reflect (version at or below the run's
 * projected version) or that has no run to apply to (replay after a reset).
 */
export function applyRunEvent(rows: RunRows | undefined, runId: string, event: Located): RunRows | undefined {
  if (event.type === 'workflow.started') {
    if (rows) return undefined;
    const { workflowId, workflowVersion, input, startedAt, graph, kept = {}, rerunOf, queued } = event.data;
    const nodes = new Map(
      graph.nodes.map((node, seq): [string, NodeRunRow] => {
        // A re-run shows the results it keeps from the run it re-runs as they were.
        const k = kept[node.id];
        const settled = k ? { status: k.status, output: 'output' in k ? k.output : null, branch: 'branch' in k ? (k.branch ?? null) : null, error: 'error' in k ? (k.error as Json) : null } : undefined;
        return [
          node.id,
          { run_id: runId, node_id: node.id, workspace_id: event.workspaceId, node_type: node.type, status: 'pending', attempt: 0, input: null, output: null, branch: null, error: null, scheduled_at: null, started_at: null, finished_at: null, seq, ...settled },
        ];
      }),
    );
    const run: RunRow = {
      id: runId,
      workspace_id: event.workspaceId,
      workflow_id: workflowId,
      workflow_version: workflowVersion,
      // Waiting for a run slot of its workflow until run.admitted.
      status: queued ? 'queued' : 'running',
      input,
      output: null,
      error: null,
      started_at: startedAt,
      finished_at: null,
      projected_version: event.version,
      rerun_of: rerunOf?.runId ?? null,
      rerun_from_node: rerunOf?.fromNodeId ?? null,
      trigger: (event.data.trigger as Json | undefined) ?? null,
    };
    return { run, nodes, changedNodes: new Set(nodes.keys()), newLogs: [] };
  }
  if (!rows || event.version <= rows.run.projected_version) return undefined;
  const next: RunRows = { run: { ...rows.run, projected_version: event.version }, nodes: rows.nodes, changedNodes: rows.changedNodes, newLogs: rows.newLogs };
  const patch = (nodeId: string, change: Partial<NodeRunRow>) => {
    const node = next.nodes.get(nodeId);
    if (!node) return;
    next.nodes.set(nodeId, { ...node, ...change });
    next.changedNodes.add(nodeId);
  };
  switch (event.type) {
    case 'node.scheduled':
      patch(event.data.nodeId, { status: 'scheduled', attempt: event.data.attempt, scheduled_at: event.data.scheduledAt, started_at: null, finished_at: null, error: null });
      break;
    case 'node.started':
      patch(event.data.nodeId, { status: 'running', attempt: event.data.attempt, input: event.data.input, started_at: event.data.startedAt });
      break;
    case 'node.completed': {
      const { nodeId, output, branch, completedAt, startedAt, input } = event.data;
      patch(nodeId, {
        status: 'completed',
        output,
        branch: branch ?? null,
        finished_at: completedAt,
        ...(startedAt === undefined ? {} : { started_at: startedAt }),
        ...(input === undefined ? {} : { input }),
      });
      break;
    }
    case 'node.failed':
      patch(event.data.nodeId, { status: 'failed', attempt: event.data.attempt, error: event.data.error, finished_at: event.data.failedAt });
      break;
    case 'node.retrying':
      // The failed attempt's error stays visible until the next attempt is scheduled.
      patch(event.data.nodeId, { status: 'retrying', attempt: event.data.attempt, error: event.data.error, finished_at: event.data.retryingAt });
      break;
    case 'node.skipped':
      patch(event.data.nodeId, { status: 'skipped', finished_at: event.data.skippedAt });
      break;
    case 'node.logged': {
      const { nodeId, attempt, entries } = event.data;
      for (const entry of entries) {
        next.newLogs.push({ run_id: runId, node_id: nodeId, attempt, seq: entry.seq, workspace_id: event.workspaceId, at: entry.at, level: entry.level, message: entry.message, data: entry.data ?? null });
      }
      break;
    }
    case 'run.waiting':
      patch(event.data.nodeId, { status: 'waiting' });
      break;
    case 'run.resumed':
      patch(event.data.nodeId, { status: 'running' });
      break;
    case 'run.admitted':
      next.run = { ...next.run, status: 'running' };
      break;
    case 'workflow.finished': {
      const { status, output, error, finishedAt } = event.data;
      next.run = { ...next.run, status, output: output ?? null, error: (error as Json | undefined) ?? null, finished_at: finishedAt };
      for (const [nodeId, node] of next.nodes) if (ACTIVE.has(node.status)) patch(nodeId, { status: 'cancelled', finished_at: finishedAt });
      break;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  return next;
}
