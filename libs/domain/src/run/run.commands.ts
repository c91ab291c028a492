import type { WorkflowGraph } from '../graph/graph.js';
import type { Command } from '../shared/command.js';
import type { Json } from '../shared/json.js';
import type { NodeError } from './run.events.js';

/** Starts a run pinned to a published version; `graph` is that version's (already validated) graph. */
export type StartRun = Command<'StartRun', { runId: string; workflowId: string; workflowVersion: number; graph: WorkflowGraph; input: Json }>;
/** A worker took the node's task and is about to execute it. */
export type StartNode = Command<'StartNode', { runId: string; nodeId: string; attempt: number; input: Json; workerId: string }>;
/** `started` is given when the node ran without a node.started of its own (quick nodes). */
export type CompleteNode = Command<
  'CompleteNode',
  { runId: string; nodeId: string; attempt: number; output: Json; branch?: string; started?: { at: string; input: Json; workerId: string } }
>;
export type FailNode = Command<'FailNode', { runId: string; nodeId: string; attempt: number; error: NodeError }>;
/** The node asks to be completed with `output` at `until` (a durable timer). */
export type WaitNode = Command<'WaitNode', { runId: string; nodeId: string; attempt: number; until: string; output: Json }>;
export type FireTimer = Command<'FireTimer', { runId: string; timerId: string }>;
export type CancelRun = Command<'CancelRun', { runId: string; reason?: string }>;

export type RunCommand = StartRun | StartNode | CompleteNode | FailNode | WaitNode | FireTimer | CancelRun;
