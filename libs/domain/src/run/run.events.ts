import type { WorkflowGraph } from '../graph/graph.js';
import type { Json } from '../shared/json.js';
import type { RerunPlan } from './plan-rerun.js';
import type { RunTrigger } from '../workflow/triggers.js';

/** Why a node attempt failed; `retryable` marks transient failures. Never holds secrets. */
export type NodeError = { code: string; message: string; retryable?: boolean };
export type RunError = { code: string; message: string; nodeId?: string };
export type RunOutcome = 'succeeded' | 'failed' | 'cancelled';

// The public lifecycle events of a run (stream `run-<id>`); these names are kept
// everywhere they are exposed: GraphQL payloads, the Redis feed, webhooks.
export type WorkflowStarted = {
  type: 'workflow.started';
  /**
   * `deadline`: when the run fails with RUN_TIMEOUT if still running (the graph's `settings.timeoutMs`).
   * A re-run names the run it re-runs (`rerunOf`), the nodes that keep their results (`kept`), and the edited input of its first node.
   * `queued`: its workflow limits concurrent runs (`settings.maxConcurrentRuns`): nothing is scheduled until `run.admitted`, which then sets the deadline.
   */
  data: { runId: string; workflowId: string; workflowVersion: number; graph: WorkflowGraph; input: Json; startedAt: string; deadline?: string; parent?: ParentLink; trigger?: RunTrigger; queued?: true } & Partial<RerunPlan>;
};
/** `sources`: for a join that started before all its inputs settled (first / any-n), the predecessors it takes its input from. */
export type NodeScheduled = {
  type: 'node.scheduled';
  data: { nodeId: string; nodeType: string; attempt: number; queue: string; scheduledAt: string; sources?: string[] };
};
export type NodeStarted = { type: 'node.started'; data: { nodeId: string; attempt: number; input: Json; workerId: string; startedAt: string } };
/**
 * A node attempt's result. A quick node completes straight from scheduled (no
 * separate node.started): then `startedAt`, `input` and `workerId` say what node.started would have.
 */
export type NodeCompleted = {
  type: 'node.completed';
  data: { nodeId: string; attempt: number; output: Json; branch?: string; completedAt: string; startedAt?: string; input?: Json; workerId?: string };
};
/** The node's last attempt failed. `handled`: the run goes on along the node's error edges, which carry `{ error }`. */
export type NodeFailed = { type: 'node.failed'; data: { nodeId: string; attempt: number; error: NodeError; failedAt: string; handled?: boolean } };
/** An attempt failed and its retry policy allows another: `nextAttempt` is scheduled when the durable timer `timerId` fires at `retryAt`. */
export type NodeRetrying = {
  type: 'node.retrying';
  data: { nodeId: string; attempt: number; error: NodeError; nextAttempt: number; retryAt: string; timerId: string; retryingAt: string };
};
/** One entry a node wrote through `ctx.log` during an attempt; `seq` counts from 0 within the attempt. Redacted before it leaves the worker. */
export type NodeLogEntry = { seq: number; at: string; level: 'info' | 'warn' | 'error'; message: string; data?: Record<string, Json> };
/**
 * Internal (not a public lifecycle event): what an attempt logged, appended with its
 * result (just before node.completed, node.failed, node.retrying or run.waiting), so the
 * execution log is kept in the event store. Never sent to outgoing webhooks.
 */
export type NodeLogged = { type: 'node.logged'; data: { nodeId: string; attempt: number; entries: NodeLogEntry[]; loggedAt: string } };
export type NodeSkipped = { type: 'node.skipped'; data: { nodeId: string; reason: 'dead-path'; skippedAt: string } };
/**
 * What a suspended node waits for besides its timer: a decision (`approval`), or an
 * external event of that name and correlation key — one that arrived up to `lookbackMs`
 * before the wait began still counts.
 */
export type WaitFor =
  | { kind: 'approval' }
  | { kind: 'event'; name: string; correlationKey: string; lookbackMs: number }
  /**
   * Child runs of a published workflow, one per item of the held output (an array), at most
   * `concurrency` at once; `collect: 'single'` (a sub-workflow) resumes with the one child's
   * output, `'list'` (a map) with every child's output in item order.
   */
  | { kind: 'children'; workflowId: string; version: number; count: number; concurrency: number; collect: 'single' | 'list' };

/** A child run's place in its parent: which node attempt started it, for which item. */
export type ParentLink = { runId: string; nodeId: string; attempt: number; index: number };

/**
 * A node suspended the run: on a durable timer until `until` (a delay, or a wait's
 * deadline), and, with `waitFor`, until a decision or an external event arrives.
 */
export type RunWaiting = {
  type: 'run.waiting';
  data: { nodeId: string; attempt: number; timerId: string; until?: string; output: Json; waitingAt: string; waitFor?: WaitFor };
};
/** `cause`: what resumed it — its timer (a delay, or a wait's deadline), a decision, or an event. */
export type RunResumed = {
  type: 'run.resumed';
  data: { nodeId: string; attempt: number; timerId: string; resumedAt: string; cause?: 'timer' | 'timeout' | 'decision' | 'event' | 'children' };
};
/** A queued run got one of its workflow's run slots: its roots are scheduled now, and its deadline counts from here. */
export type RunAdmitted = { type: 'run.admitted'; data: { admittedAt: string; deadline?: string } };
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
  | NodeRetrying
  | NodeSkipped
  | NodeLogged
  | RunWaiting
  | RunResumed
  | RunAdmitted
  | WorkflowFinished;

export const RUN_EVENT_TYPES = [
  'workflow.started',
  'node.scheduled',
  'node.started',
  'node.completed',
  'node.failed',
  'node.retrying',
  'node.skipped',
  'run.waiting',
  'run.resumed',
  'run.admitted',
  'workflow.finished',
] as const satisfies readonly RunEvent['type'][];

export const runStreamId = (runId: string): string => `run-${runId}`;
export const RUN_STREAM_TYPE = 'run';
export const timerIdOf = (runId: string, nodeId: string, attempt: number): string => `${runId}:${nodeId}:${attempt}`;
/** The timer that schedules the attempt after `failedAttempt`. */
export const retryTimerIdOf = (runId: string, nodeId: string, failedAttempt: number): string => `${runId}:${nodeId}:${failedAttempt}:retry`;
/** The timer that ends a run past its time limit. */
export const deadlineTimerIdOf = (runId: string): string => `${runId}:deadline`;
