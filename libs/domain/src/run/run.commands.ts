import type { WorkflowGraph } from '../graph/graph.js';
import type { Command } from '../shared/command.js';
import type { Json } from '../shared/json.js';
import type { NodeError, NodeLogEntry, ParentLink, WaitFor } from './run.events.js';
import type { RerunPlan } from './plan-rerun.js';
import type { RunTrigger } from '../workflow/triggers.js';

/**
 * Starts a run pinned to a published version; `graph` is that version's (already validated) graph.
 * A re-run also carries its plan: the run it re-runs, what it keeps from it, the edited input of its first node.
 */
export type StartRun = Command<'StartRun', { runId: string; workflowId: string; workflowVersion: number; graph: WorkflowGraph; input: Json; parent?: ParentLink; trigger?: RunTrigger } & Partial<RerunPlan>>;
/** A worker took the node's task and is about to execute it. */
export type StartNode = Command<'StartNode', { runId: string; nodeId: string; attempt: number; input: Json; workerId: string }>;
/** `started` is given when the node ran without a node.started of its own (quick nodes). */
export type CompleteNode = Command<
  'CompleteNode',
  { runId: string; nodeId: string; attempt: number; output: Json; branch?: string; started?: { at: string; input: Json; workerId: string }; logs?: NodeLogEntry[] }
>;
/** `logs` (on every report of an attempt's result): what the attempt logged, kept as node.logged. */
export type FailNode = Command<'FailNode', { runId: string; nodeId: string; attempt: number; error: NodeError; logs?: NodeLogEntry[] }>;
/**
 * The node suspends: completed with `output` at `until` (a durable timer), or, with
 * `waitFor`, when a decision or an event arrives (then `until` is its optional deadline).
 */
export type WaitNode = Command<'WaitNode', { runId: string; nodeId: string; attempt: number; until?: string; output: Json; waitFor?: WaitFor; logs?: NodeLogEntry[] }>;
/** What ends a wait: a decision on an approval, or a matching external event. */
export type WaitResolution =
  | { kind: 'approval'; approved: boolean; comment?: string; by: string }
  | { kind: 'event'; signalId: string; name: string; correlationKey: string; payload: Json }
  | { kind: 'children'; outcome: 'succeeded'; output: Json }
  | { kind: 'children'; outcome: 'failed'; error: NodeError };
export type ResolveWait = Command<'ResolveWait', { runId: string; nodeId: string; resolution: WaitResolution }>;
export type FireTimer = Command<'FireTimer', { runId: string; timerId: string }>;
export type CancelRun = Command<'CancelRun', { runId: string; reason?: string }>;
/** A queued run's turn came (its workflow granted it a run slot): it starts scheduling its nodes. */
export type AdmitRun = Command<'AdmitRun', { runId: string }>;

export type RunCommand = StartRun | StartNode | CompleteNode | FailNode | WaitNode | ResolveWait | FireTimer | CancelRun | AdmitRun;
