import type { WorkflowGraph } from '../graph/graph.js';
import type { RunTrigger } from '../workflow/triggers.js';
import { indexGraph, type GraphIndex } from '../graph/graph-index.js';
import type { Json } from '../shared/json.js';
import type { NodeError, RunError, RunEvent, RunOutcome, WaitFor, WorkflowStarted } from './run.events.js';

export type NodeStatus = 'pending' | 'scheduled' | 'running' | 'waiting' | 'retrying' | 'completed' | 'failed' | 'skipped' | 'cancelled';
export type RunStatus = 'running' | RunOutcome;

export type NodeState = {
  status: NodeStatus;
  /** 0 until first scheduled; the current attempt afterwards. Reports for other attempts are stale. */
  attempt: number;
  /** The task queue of its current attempt. */
  queue?: string;
  output?: Json;
  branch?: string;
  error?: NodeError;
  /** The durable timer the node waits on (`waiting`: a delay or a deadline; `retrying`: its next attempt). */
  timerId?: string;
  /** A waiting node's decision or event, besides its timer. */
  waitFor?: WaitFor;
  /** For a join started before all its inputs settled: the predecessors it takes its input from. */
  sources?: readonly string[];
  /** Replaces the node's input (a re-run from this node with an edited input). */
  inputOverride?: Json;
  /** Output held while waiting on a timer, emitted on completion. */
  pendingOutput?: Json;
};

export type ActiveRunState = {
  status: RunStatus;
  runId: string;
  workflowId: string;
  workflowVersion: number;
  graph: WorkflowGraph;
  /** Derived from `graph` when the run starts; never stored. */
  index: GraphIndex;
  /** Node ids in an order where every node comes after its predecessors. */
  order: readonly string[];
  input: Json;
  nodes: Readonly<Record<string, NodeState>>;
  startedAt: string;
  /** What started it (a schedule's occurrence, an idempotency key). */
  trigger?: RunTrigger;
  /** The run this one re-runs, from which node. */
  rerunOf?: { runId: string; fromNodeId: string };
  /** When the run fails with RUN_TIMEOUT if still running. */
  deadline?: string;
  /** Waiting for a run slot of its workflow (`settings.maxConcurrentRuns`): nothing is scheduled until `run.admitted`. */
  queued?: boolean;
  finishedAt?: string;
  output?: Json;
  error?: RunError;
};

export type RunState = { status: 'none' } | ActiveRunState;

export const TERMINAL_NODE_STATUSES: ReadonlySet<NodeStatus> = new Set(['completed', 'failed', 'skipped', 'cancelled']);

export const initialRunState = (): RunState => ({ status: 'none' });

const withNode = (state: ActiveRunState, nodeId: string, change: Partial<NodeState>): ActiveRunState => {
  const current = state.nodes[nodeId];
  if (!current) return state;
  return { ...state, nodes: { ...state.nodes, [nodeId]: { ...current, ...change } } };
};

/** Applies one event. Total: unknown nodes or events on a missing run leave the state as it is. */
export function evolveRun(state: RunState, event: RunEvent): RunState {
  if (event.type === 'workflow.started') {
    const { graph } = event.data;
    const index = indexGraph(graph);
    return {
      status: 'running',
      runId: event.data.runId,
      workflowId: event.data.workflowId,
      workflowVersion: event.data.workflowVersion,
      graph,
      index,
      order: topologicalOrder(graph, index),
      input: event.data.input,
      nodes: Object.fromEntries(graph.nodes.map((n) => [n.id, initialNode(n.id, event.data)])),
      startedAt: event.data.startedAt,
      ...(event.data.deadline ? { deadline: event.data.deadline } : {}),
      ...(event.data.rerunOf ? { rerunOf: event.data.rerunOf } : {}),
      ...(event.data.trigger ? { trigger: event.data.trigger } : {}),
      ...(event.data.queued ? { queued: true } : {}),
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'node.scheduled':
      return withNode(state, event.data.nodeId, { status: 'scheduled', attempt: event.data.attempt, queue: event.data.queue, timerId: undefined, sources: event.data.sources });
    case 'node.started':
      return withNode(state, event.data.nodeId, { status: 'running', attempt: event.data.attempt });
    case 'node.completed':
      return withNode(state, event.data.nodeId, { status: 'completed', output: event.data.output, branch: event.data.branch, pendingOutput: undefined });
    case 'node.failed':
      // What its error edges carry.
      return withNode(state, event.data.nodeId, { status: 'failed', error: event.data.error, output: { error: { ...event.data.error, nodeId: event.data.nodeId, attempt: event.data.attempt } } });
    case 'node.retrying':
      return withNode(state, event.data.nodeId, { status: 'retrying', error: event.data.error, timerId: event.data.timerId });
    case 'node.skipped':
      return withNode(state, event.data.nodeId, { status: 'skipped' });
    case 'node.logged':
      return state;
    case 'run.waiting':
      return withNode(state, event.data.nodeId, { status: 'waiting', timerId: event.data.timerId, pendingOutput: event.data.output, waitFor: event.data.waitFor });
    case 'run.resumed':
      return withNode(state, event.data.nodeId, { status: 'running', timerId: undefined, waitFor: undefined });
    case 'run.admitted': {
      const { queued: _admitted, ...admitted } = state;
      return { ...admitted, ...(event.data.deadline ? { deadline: event.data.deadline } : {}) };
    }
    case 'workflow.finished': {
      const nodes = Object.fromEntries(
        Object.entries(state.nodes).map(([id, node]) => [id, TERMINAL_NODE_STATUSES.has(node.status) ? node : { ...node, status: 'cancelled' as const }]),
      );
      return { ...state, nodes, status: event.data.status, finishedAt: event.data.finishedAt, output: event.data.output, error: event.data.error };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** A node as a run starts: pending, or settled with what a re-run keeps from the run it re-runs. */
function initialNode(nodeId: string, started: WorkflowStarted['data']): NodeState {
  const kept = started.kept?.[nodeId];
  if (kept) return { attempt: 0, ...kept };
  const override = started.rerunOf?.fromNodeId === nodeId && started.inputOverride !== undefined ? { inputOverride: started.inputOverride } : {};
  return { status: 'pending', attempt: 0, ...override };
}

function topologicalOrder(graph: WorkflowGraph, index: GraphIndex): string[] {
  const remaining = new Map(graph.nodes.map((n) => [n.id, index.incoming.get(n.id)?.length ?? 0]));
  const queue = graph.nodes.filter((n) => remaining.get(n.id) === 0).map((n) => n.id);
  const order: string[] = [];
  while (queue.length) {
    const id = queue.shift()!;
    order.push(id);
    for (const edge of index.outgoing.get(id) ?? []) {
      const left = (remaining.get(edge.target) ?? 0) - 1;
      remaining.set(edge.target, left);
      if (left === 0) queue.push(edge.target);
    }
  }
  return order;
}
