import type { WorkflowGraph } from '../graph/graph.js';
import type { Json } from '../shared/json.js';

/** Why a node attempt failed; `retryable` marks transient failures. Never holds secrets. */
export type NodeError = { code: string; message: string; retryable?: boolean };
export type RunError = { code: string; message: string; nodeId?: string };
export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';

// The public lifecycle events of a run (stream `run-<id>`); these names are kept
// everywhere they are exposed: GraphQL payloads, the Redis feed, webhooks.
export type WorkflowStarted = {
  type: 'workflow.started';
  data: { runId: string; workflowId: string; workflowVersion: number; graph: WorkflowGraph; input: Json; startedAt: string };
};
export type NodeScheduled = { type: 'node.scheduled'; data: { nodeId: string; nodeType: string; attempt: number; queue: string; scheduledAt: string } };
export type NodeStarted = { type: 'node.started'; data: { nodeId: string; attempt: number; input: Json; workerId: string; startedAt: string } };
/**
 * A node attempt's result. A quick node completes straight from scheduled (no
 * separate node.started): then `startedAt`, `input` and `workerId` say what node.started would have.
 */
export type NodeCompleted = {
  type: 'node.completed';
  data: { nodeId: string; attempt: number; output: Json; branch?: string; completedAt: string; startedAt?: string; input?: Json; workerId?: string };
};
export type NodeFailed = { type: 'node.failed'; data: { nodeId: string; attempt: number; error: NodeError; failedAt: string } };
export type NodeSkipped = { type: 'node.skipped'; data: { nodeId: string; reason: 'dead-path'; skippedAt: string } };
/** A node asked for a durable timer (delay); the run resumes when it fires. */
export type RunWaiting = {
  type: 'run.waiting';
  data: { nodeId: string; attempt: number; timerId: string; until: string; output: Json; waitingAt: string };
};
export type RunResumed = { type: 'run.resumed'; data: { nodeId: string; attempt: number; timerId: string; resumedAt: string } };
export type WorkflowFinished = {
  type: 'workflow.finished';
  data: { status: RunOutcome; output?: Json; error?: RunError; finishedAt: string };
};

export type RunEvent =
  | WorkflowStarted
  | NodeScheduled
  | NodeStarted
  | NodeCompleted
  | NodeFailed
  | NodeSkipped
  | RunWaiting
  | RunResumed
  | WorkflowFinished;

export const RUN_EVENT_TYPES = [
  'workflow.started',
  'node.scheduled',
  'node.started',
  'node.completed',
  'node.failed',
  'node.skipped',
  'run.waiting',
  'run.resumed',
  'workflow.finished',
] as const satisfies readonly RunEvent['type'][];

export const runStreamId = (runId: string): string => `run-${runId}`;
export const RUN_STREAM_TYPE = 'run';
export const timerIdOf = (runId: string, nodeId: string, attempt: number): string => `${runId}:${nodeId}:${attempt}`;
