import { hasErrorPath } from '../graph/graph-index.js';
import { InvalidInputError, ConflictError } from '../shared/errors.js';
import type { Json } from '../shared/json.js';
import type { NodeError } from './run.events.js';
import type { ActiveRunState } from './run.state.js';

/** A node of a re-run that keeps its result from the run it re-runs, instead of running again. */
export type KeptNode = { status: 'completed'; output: Json; branch?: string } | { status: 'skipped' } | { status: 'failed'; error: NodeError; output: Json };

/** How a re-run starts: the run it comes from, the node it starts at, and what it keeps. */
export type RerunPlan = { rerunOf: { runId: string; fromNodeId: string }; kept: Record<string, KeptNode>; inputOverride?: Json };

/**
 * Plans a re-run of a finished run from `fromNodeId`: every node that is not
 * `fromNodeId` or downstream of it keeps the result it settled with (completed,
 * skipped, or failed onto its error path); the rest run again. `input`, when
 * given, replaces the input of `fromNodeId`. Pure.
 */
export function planRerun(run: ActiveRunState, fromNodeId: string, input?: Json): RerunPlan {
  if (run.status === 'running') throw new ConflictError(`run "${run.runId}" is still running: cancel it or wait for it to finish before re-running it`);
  if (!run.index.nodes.has(fromNodeId)) throw new InvalidInputError('fromNodeId', `run "${run.runId}" has no node "${fromNodeId}"`);
  const rerun = downstreamOf(run, fromNodeId);
  const kept: Record<string, KeptNode> = {};
  for (const [nodeId, node] of Object.entries(run.nodes)) {
    if (rerun.has(nodeId)) continue;
    if (node.status === 'completed') kept[nodeId] = { status: 'completed', output: node.output ?? null, ...(node.branch === undefined ? {} : { branch: node.branch }) };
    else if (node.status === 'skipped') kept[nodeId] = { status: 'skipped' };
    else if (node.status === 'failed' && node.error && node.output !== undefined && hasErrorPath(run.index, nodeId)) kept[nodeId] = { status: 'failed', error: node.error, output: node.output };
  }
  return { rerunOf: { runId: run.runId, fromNodeId }, kept, ...(input === undefined ? {} : { inputOverride: input }) };
}

function downstreamOf(run: ActiveRunState, start: string): Set<string> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    for (const edge of run.index.outgoing.get(stack.pop()!) ?? []) {
      if (!seen.has(edge.target)) {
        seen.add(edge.target);
        stack.push(edge.target);
      }
    }
  }
  return seen;
}

