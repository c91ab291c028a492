import type { NodeTypeCatalog } from '../graph/graph.js';
import type { Json } from '../shared/json.js';
import { edgeState } from './node-inputs.js';
import type { RunEvent } from './run.events.js';
import { evolveRun, TERMINAL_NODE_STATUSES, type ActiveRunState } from './run.state.js';

export const DEFAULT_QUEUE = 'default';

/**
 * The consequences of the state a run is in: schedules every node whose
 * incoming edges are all settled with at least one live (or, for a first /
 * any-n join, as soon as enough are live), skips those whose
 * edges are all dead (dead-path elimination), and finishes the run once every
 * node is settled. Walks nodes in topological order, so skips propagate in one pass.
 * A queued run (waiting for a run slot of its workflow) has no consequences yet.
 */
export function advanceRun(start: ActiveRunState, catalog: NodeTypeCatalog, now: string): RunEvent[] {
  if (start.status !== 'running' || start.queued) return [];
  const events: RunEvent[] = [];
  let state = start;
  const emit = (event: RunEvent) => {
    events.push(event);
    state = evolveRun(state, event) as ActiveRunState;
  };
  for (const nodeId of state.order) {
    if (state.nodes[nodeId]?.status !== 'pending') continue;
    const graphNode = state.index.nodes.get(nodeId)!;
    const spec = catalog.get(graphNode.type);
    const incoming = state.index.incoming.get(nodeId) ?? [];
    const edges = incoming.map((edge) => ({ source: edge.source, state: edgeState(state, edge) }));
    const live = edges.filter((e) => e.state === 'live');
    const settled = !edges.some((e) => e.state === 'pending');
    const join = spec?.joinOf?.(graphNode.config) ?? { kind: 'all' };
    const needed = join.kind === 'first' ? 1 : join.kind === 'any' ? join.count : Infinity;
    if (incoming.length === 0 || (settled && live.length > 0) || live.length >= needed) {
      const sources = settled ? undefined : [...new Set(live.map((e) => e.source))];
      emit({
        type: 'node.scheduled',
        data: { nodeId, nodeType: graphNode.type, attempt: 1, queue: spec?.queue ?? DEFAULT_QUEUE, scheduledAt: now, ...(sources ? { sources } : {}) },
      });
    } else if (settled) {
      emit({ type: 'node.skipped', data: { nodeId, reason: 'dead-path', skippedAt: now } });
    }
  }
  if (Object.values(state.nodes).every((node) => TERMINAL_NODE_STATUSES.has(node.status))) {
    emit({ type: 'workflow.finished', data: { status: 'succeeded', output: runOutput(state), finishedAt: now } });
  }
  return events;
}

/** The run's result: the output of its only completed sink, or every completed sink's output by node id. */
export function runOutput(state: ActiveRunState): Json {
  const completedSinks = state.index.sinks.filter((id) => state.nodes[id]?.status === 'completed');
  if (completedSinks.length === 1) return state.nodes[completedSinks[0]!]?.output ?? null;
  return Object.fromEntries(completedSinks.map((id) => [id, state.nodes[id]?.output ?? null]));
}
