import {
  completedOutputs,
  DomainError,
  nodeInput,
  nodeInputs,
  runStreamId,
  StaleAttemptError,
  type CommandMetadata,
  type NodeError,
  type RunCommand,
} from '@weft/domain';
import type { TaskMessage } from '@weft/bus';
import type { NodeRegistry, NodeServices } from '@weft/nodes';
// Loaded only by processes that execute nodes (see Platform.nodes): relays and projectors never load the plugins.
type NodesModule = typeof import('@weft/nodes');
import type { Aggregates } from '../commands/aggregates.js';
import type { Logger } from '../logger.js';

/** Thrown when this worker gave a task up mid-way; it stays unacked and another worker takes it. */
export class TaskAbandonedError extends Error {}

export type TaskOutcome = 'completed' | 'failed' | 'waiting' | 'dropped';

export type TaskProcessorOptions = {
  aggregates: Aggregates;
  nodes: Pick<NodesModule, 'executeNode' | 'NodeExecutionError'>;
  registry: NodeRegistry;
  services: NodeServices;
  workerId: string;
  logger: Logger;
  now?: () => Date;
};

/**
 * Runs one node attempt from a task message and reports its result as a
 * command. Tasks are delivered at least once: a task whose attempt is no
 * longer current (completed, superseded, run ended) is dropped, and every
 * report carries a command id derived from the attempt, so a repeat appends nothing.
 */
export class TaskProcessor {
  private readonly now: () => Date;

  constructor(private readonly options: TaskProcessorOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async process(task: TaskMessage, signal: AbortSignal): Promise<TaskOutcome> {
    const { aggregates, registry, logger, nodes } = this.options;
    const { executeNode, NodeExecutionError } = nodes;
    // A quick node (pure) may run on the cached view of the run: its result is appended
    // at the cached version, so a stale view only costs a retry. Others read first.
    const quick = (type: string | undefined) => type !== undefined && registry.get(type)?.quick === true;
    const { state } = await aggregates.runs.loadCachedIf(runStreamId(task.runId), ({ state: cached }) => {
      if (cached.status !== 'running') return false;
      const current = cached.nodes[task.nodeId];
      return current?.status === 'scheduled' && current.attempt === task.attempt && quick(cached.index.nodes.get(task.nodeId)?.type);
    });
    if (state.status !== 'running') return 'dropped';
    const node = state.nodes[task.nodeId];
    if (!node || node.attempt !== task.attempt || (node.status !== 'scheduled' && node.status !== 'running')) return 'dropped';
    const graphNode = state.index.nodes.get(task.nodeId)!;
    const input = nodeInput(state, task.nodeId);
    const attemptKey = `${task.runId}:${task.nodeId}:${task.attempt}`;

    const definition = registry.get(graphNode.type);
    const startedAt = this.now().toISOString();
    // A quick node's start goes out with its result (one append); others announce it first.
    const startedWithResult = node.status === 'scheduled' && definition?.quick ? { at: startedAt, input, workerId: this.options.workerId } : undefined;
    if (node.status === 'scheduled' && !startedWithResult) {
      const started = await this.report({
        type: 'StartNode',
        data: { ...this.ids(task), input, workerId: this.options.workerId },
        metadata: this.metadata(task, `start:${attemptKey}`),
      });
      if (!started) return 'dropped';
    }

    let report: RunCommand;
    let outcome: TaskOutcome;
    try {
      if (!definition) throw new NodeExecutionError('CONFIG', `unknown node type "${graphNode.type}" on this worker`, false);
      const result = await executeNode({
        definition,
        rawConfig: graphNode.config,
        input,
        inputs: nodeInputs(state, task.nodeId),
        scope: { input, trigger: state.input, nodes: completedOutputs(state), run: { runId: task.runId, workflowId: state.workflowId, nodeId: task.nodeId, attempt: task.attempt } },
        signal,
        log: logger.child({ runId: task.runId, nodeId: task.nodeId, attempt: task.attempt }),
        run: { ...this.ids(task), workflowId: state.workflowId, workspaceId: task.workspaceId },
        services: this.options.services,
      });
      if (result.kind === 'wait') {
        report = { type: 'WaitNode', data: { ...this.ids(task), until: result.until, output: result.output }, metadata: this.metadata(task, `wait:${attemptKey}`) };
        outcome = 'waiting';
      } else {
        report = {
          type: 'CompleteNode',
          data: { ...this.ids(task), output: result.output, ...(result.branch === undefined ? {} : { branch: result.branch }), ...(startedWithResult ? { started: startedWithResult } : {}) },
          metadata: this.metadata(task, `complete:${attemptKey}`),
        };
        outcome = 'completed';
      }
    } catch (error) {
      // Aborted by this worker (stopping, or its lease was lost): report nothing, the task is handed back.
      if (signal.aborted) throw new TaskAbandonedError(String(signal.reason ?? 'aborted'));
      const nodeError = toNodeError(error, NodeExecutionError);
      report = { type: 'FailNode', data: { ...this.ids(task), error: nodeError }, metadata: this.metadata(task, `fail:${attemptKey}`) };
      outcome = 'failed';
    }
    const accepted = await this.report(report);
    return accepted ? outcome : 'dropped';
  }

  private ids(task: TaskMessage) {
    return { runId: task.runId, nodeId: task.nodeId, attempt: task.attempt };
  }

  private metadata(task: TaskMessage, commandId: string): CommandMetadata {
    return { commandId, now: this.now().toISOString(), workspaceId: task.workspaceId, actorId: `worker:${this.options.workerId}` };
  }

  /** Sends a report; false when it was refused as stale (a late result of a superseded attempt). */
  private async report(command: RunCommand): Promise<boolean> {
    try {
      await this.options.aggregates.runs.handle(command);
      return true;
    } catch (error) {
      if (error instanceof StaleAttemptError) {
        this.options.logger.info('report refused as stale', { runId: command.data.runId, reason: error.message });
        return false;
      }
      throw error;
    }
  }
}

function toNodeError(error: unknown, NodeExecutionError: NodesModule['NodeExecutionError']): NodeError {
  if (error instanceof NodeExecutionError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof DomainError) return { code: error.code, message: error.message, retryable: false };
  return { code: 'EXECUTION', message: error instanceof Error ? error.message : String(error), retryable: true };
}
