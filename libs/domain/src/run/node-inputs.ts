import { DEFAULT_HANDLE, ERROR_HANDLE } from '../graph/graph.js';
import { handleOf } from '../graph/graph-index.js';
import type { WorkflowEdge } from '../graph/graph.js';
import type { Json } from '../shared/json.js';
import type { ActiveRunState } from './run.state.js';

export type EdgeState = 'pending' | 'live' | 'dead';

/**
 * An edge is live once its source completed through the edge's branch (or,
 * for an error edge, once its source failed for good), dead when the source
 * took another way or will never complete (skipped, cancelled), pending otherwise. Deadness propagates: a node whose
 * incoming edges are all dead is skipped, which kills its outgoing edges.
 */
export function edgeState(state: ActiveRunState, edge: WorkflowEdge): EdgeState {
  const source = state.nodes[edge.source];
  switch (source?.status) {
    case 'completed':
      return handleOf(edge) === (source.branch ?? DEFAULT_HANDLE) ? 'live' : 'dead';
    case 'failed':
      return handleOf(edge) === ERROR_HANDLE ? 'live' : 'dead';
    case 'skipped':
    case 'cancelled':
    case undefined:
      return 'dead';
    default:
      return 'pending';
  }
}

/** Outputs of the node's live predecessors, by predecessor id, in edge order. */
export function nodeInputs(state: ActiveRunState, nodeId: string): Record<string, Json> {
  const inputs: Record<string, Json> = {};
  const sources = state.nodes[nodeId]?.sources;
  for (const edge of state.index.incoming.get(nodeId) ?? []) {
    if (sources && !sources.includes(edge.source)) continue;
    if (edgeState(state, edge) === 'live') inputs[edge.source] = state.nodes[edge.source]?.output ?? null;
  }
  return inputs;
}

/** The node's input: an edited one (re-run), else the run input for a root, the only live predecessor's output, or all of them by id. */
export function nodeInput(state: ActiveRunState, nodeId: string): Json {
  const override = state.nodes[nodeId]?.inputOverride;
  if (override !== undefined) return override;
  if ((state.index.incoming.get(nodeId)?.length ?? 0) === 0) return state.input;
  const inputs = nodeInputs(state, nodeId);
  const values = Object.values(inputs);
  return values.length === 1 ? (values[0] ?? null) : inputs;
}

/** Outputs of every completed node, by id: what expressions see as `$nodes`. */
export function completedOutputs(state: ActiveRunState): Record<string, Json> {
  const outputs: Record<string, Json> = {};
  for (const [id, node] of Object.entries(state.nodes)) if (node.status === 'completed') outputs[id] = node.output ?? null;
  return outputs;
}
