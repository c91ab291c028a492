import {
  completedOutputs,
  DomainError,
  nodeInput,
  nodeInputs,
  runStreamId,
  StaleAttemptError,
  type ActiveRunState,
  type CommandMetadata,
  type Json,
  type JsonObject,
  type NodeError,
  type NodeLogEntry,
  type NodeState,
  type RunCommand,
  type WorkflowNode,
} from '@weft/domain';
import type { LivePublisher, NodeLimiter, TaskMessage } from '@weft/bus';
import type { ExecuteNodeParams, NodeRegistry, NodeResult, NodeServices } from '@weft/nodes';
// Loaded only by processes that execute nodes (see Platform.nodes): relays and projectors never load the plugins.
type NodesModule = typeof import('@weft/nodes');
import type { Aggregates } from '../commands/aggregates.js';
import { createAttemptLog, logsOf } from './attempt-log.js';
import type { AttemptObservation, AttemptOutcome, AttemptTelemetry } from './attempt-telemetry.js';
import { CredentialUnavailableError, loadNodeCredentials } from '../credentials/credential-loader.js';
import type { SecretBox } from '../secrets/secret-box.js';
import type { Logger } from '../logger.js';
import { OutputBlobMissingError } from '../outputs/output-blob-store.js';
import { isOutputRef } from '../outputs/output-ref.js';
import type { OutputStorage } from '../outputs/output-storage.js';

/** Thrown when this worker gave a task up mid-way; it stays unacked and another worker takes it. */
export class TaskAbandonedError extends Error {}

/** `deferred`: its node type is at its limit (`limiter`); the task goes back to the queue, untouched. */
export type TaskOutcome = 'completed' | 'failed' | 'waiting' | 'dropped' | 'deferred';

export type TaskProcessorOptions = {
  aggregates: Aggregates;
  nodes: Pick<NodesModule, 'executeNode' | 'NodeExecutionError' | 'createNodeLogCollector'>;
  registry: NodeRegistry;
  services: NodeServices;
  /** The services of an attempt in a workspace (its network allow-list); default: `services` for every workspace. */
  servicesFor?: (workspaceId: string) => NodeServices;
  /** Per-node-type limits per workspace (WEFT_NODE_LIMITS); none: no limits. */
  limiter?: Pick<NodeLimiter, 'acquire'>;
  workerId: string;
  logger: Logger;
  /** Opens the credentials nodes name (WEFT_SECRETS_KEY); without it, a node that names one fails CONFIG. */
  secrets?: SecretBox;
  /** Where each entry a node logs is published live while it runs (its run's channel); none: kept with the result only. */
  live?: Pick<LivePublisher, 'publish'>;
  /** Applied to every entry a node logs before it is kept, written or published. */
  redactLog?: (entry: NodeLogEntry) => NodeLogEntry;
  /** Where large outputs go and references are resolved; default: `aggregates.outputs`. */
  outputs?: OutputStorage;
  /** Times and traces each attempt (`attemptTelemetry`); none: not observed. */
  telemetry?: AttemptTelemetry;
  now?: () => Date;
};

/** What a node attempt sees: its input, its inputs by predecessor and `$nodes`, with references resolved. */
type NodeView = { input: Json; inputs: Record<string, Json>; nodes: Record<string, Json> };

/**
 * Runs one node attempt from a task message and reports its result as a
 * command. Tasks are delivered at least once: a task whose attempt is no
 * longer current (completed, superseded, run ended) is dropped, and every
 * report carries a command id derived from the attempt, so a repeat appends nothing.
 * Outputs over the inline limit are stored before the report that references
 * them; references in a node's inputs are resolved before it runs, so plugins
 * and expressions only see real values.
 */
export class TaskProcessor {
  private readonly now: () => Date;
  private readonly outputs: OutputStorage;

  constructor(private readonly options: TaskProcessorOptions) {
    this.now = options.now ?? (() => new Date());
    const outputs = options.outputs ?? options.aggregates.outputs;
    if (!outputs) throw new Error('TaskProcessor needs an OutputStorage: pass options.outputs or create the aggregates with one');
    this.outputs = outputs;
  }

  async process(task: TaskMessage, signal: AbortSignal): Promise<TaskOutcome> {
    const { aggregates, registry, limiter } = this.options;
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
    const input = nodeInput(state, task.nodeId); // as stored: large outputs stay references in node.started
    const attemptKey = `${task.runId}:${task.nodeId}:${task.attempt}`;
    // A node type at its limit in this workspace: the task waits its turn on the queue; it does not fail.
    const slot = limiter ? await limiter.acquire(task.workspaceId, graphNode.type, attemptKey, Date.parse(task.scheduledAt)) : undefined;
    if (limiter && !slot) return 'deferred';
    const observed = this.options.telemetry?.begin(task, graphNode.type);
    let outcome: AttemptOutcome = 'error';
    let failure: unknown;
    try {
      const result = await this.attempt(task, signal, state, node, graphNode, input, attemptKey, observed);
      outcome = result;
      return result;
    } catch (error) {
      if (error instanceof TaskAbandonedError) outcome = 'abandoned';
      else failure = error;
      throw error;
    } finally {
      observed?.end(outcome, failure);
      // Should Redis be unreachable, the slot's lease lapses by itself.
      await slot?.release().catch((error: Error) => this.options.logger.warn('node limit: release failed', { nodeType: graphNode.type, error: error.message }));
    }
  }

  /** A current attempt, within its node type's limit: announced, executed, reported. */
  private async attempt(task: TaskMessage, signal: AbortSignal, state: ActiveRunState, node: NodeState, graphNode: WorkflowNode, input: Json, attemptKey: string, observed: AttemptObservation | undefined): Promise<Exclude<TaskOutcome, 'deferred'>> {
    const { registry, logger, nodes } = this.options;
    const { NodeExecutionError } = nodes;
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

    // What the node logs is kept with its result (node.logged), bounded and redacted.
    const log = createAttemptLog(task, { nodes, logger: logger.child({ workspaceId: task.workspaceId, runId: task.runId, nodeId: task.nodeId, attempt: task.attempt }), ...(this.options.live ? { live: this.options.live } : {}), ...(this.options.redactLog ? { redact: this.options.redactLog } : {}) });
    let result: NodeResult;
    try {
      if (!definition) throw new NodeExecutionError('CONFIG', `unknown node type "${graphNode.type}" on this worker`, false);
      const view = await this.view(state, task, graphNode.config);
      const credentials = await this.credentials(definition.credentials?.(graphNode.config) ?? [], task.workspaceId, NodeExecutionError);
      result = await this.execute({
        credentials,
        definition,
        rawConfig: graphNode.config,
        input: view.input,
        inputs: view.inputs,
        scope: { input: view.input, trigger: state.input, nodes: view.nodes, run: { runId: task.runId, workflowId: state.workflowId, nodeId: task.nodeId, attempt: task.attempt } },
        signal,
        log: log.logger,
        run: { ...this.ids(task), workflowId: state.workflowId, workspaceId: task.workspaceId },
        services: this.options.servicesFor?.(task.workspaceId) ?? this.options.services,
        limits: graphNode.timeoutMs ? { timeoutMs: graphNode.timeoutMs } : {},
      });
    } catch (error) {
      // Aborted by this worker (stopping, or its lease was lost): report nothing, the task is handed back.
      if (signal.aborted) throw new TaskAbandonedError(String(signal.reason ?? 'aborted'));
      const nodeError = toNodeError(error, NodeExecutionError);
      observed?.nodeFailed(nodeError);
      const accepted = await this.report({ type: 'FailNode', data: { ...this.ids(task), error: nodeError, ...logsOf(log) }, metadata: this.metadata(task, `fail:${attemptKey}`) });
      return accepted ? 'failed' : 'dropped';
    }
    // Stored before the report that references it. Should this throw (database down), the task is
    // not acked and runs again; a blob left without an event by a crash here is harmless.
    const output = await this.outputs.keep(task.workspaceId, result.output);
    if (result.kind === 'wait') {
      const accepted = await this.report({ type: 'WaitNode', data: { ...this.ids(task), ...(result.until ? { until: result.until } : {}), output, ...(result.waitFor ? { waitFor: result.waitFor } : {}), ...logsOf(log) }, metadata: this.metadata(task, `wait:${attemptKey}`) });
      return accepted ? 'waiting' : 'dropped';
    }
    const accepted = await this.report({
      type: 'CompleteNode',
      data: { ...this.ids(task), output, ...(result.branch === undefined ? {} : { branch: result.branch }), ...(startedWithResult ? { started: startedWithResult } : {}), ...logsOf(log) },
      metadata: this.metadata(task, `complete:${attemptKey}`),
    });
    return accepted ? 'completed' : 'dropped';
  }

  /** Decrypted for this attempt only; one the run's workspace cannot use fails the node (CONFIG, naming its id). */
  private async credentials(ids: readonly string[], workspaceId: string, NodeExecutionError: NodesModule['NodeExecutionError']) {
    if (!ids.length) return {};
    if (!this.options.secrets) throw new NodeExecutionError('CONFIG', `this worker holds no secrets key to open credential "${ids[0]}"`, false);
    try {
      return await loadNodeCredentials(this.options.aggregates.credentials, this.options.secrets, workspaceId, ids);
    } catch (error) {
      if (error instanceof CredentialUnavailableError) throw new NodeExecutionError('CONFIG', error.message, false);
      throw error;
    }
  }

  /** Runs the plugin, with the configured hard limit on its output size. */
  private execute(params: ExecuteNodeParams<unknown>): Promise<NodeResult> {
    return this.options.nodes.executeNode({ ...params, limits: { maxOutputBytes: this.outputs.limits.maxBytes, ...params.limits } });
  }

  /**
   * The node's input, inputs and `$nodes` with references replaced by the outputs
   * they name. `$nodes` is fetched only when the config can reach it (it names
   * `$nodes`, or evaluates code with `$eval`); otherwise it keeps the references.
   */
  private async view(state: ActiveRunState, task: TaskMessage, config: JsonObject): Promise<NodeView> {
    const wanted = new Set(Object.keys(nodeInputs(state, task.nodeId)));
    if (/\$nodes|\$eval/.test(JSON.stringify(config))) for (const [id, node] of Object.entries(state.nodes)) if (node.status === 'completed') wanted.add(id);
    const resolved: Record<string, NodeState> = { ...state.nodes };
    await Promise.all(
      [...wanted].map(async (id) => {
        const node = state.nodes[id];
        if (node && isOutputRef(node.output)) resolved[id] = { ...node, output: await this.outputs.resolve(task.workspaceId, node.output) };
      }),
    );
    const view: ActiveRunState = { ...state, nodes: resolved };
    return { input: nodeInput(view, task.nodeId), inputs: nodeInputs(view, task.nodeId), nodes: completedOutputs(view) };
  }

  /**
   * Fails the attempt of a task that kept taking its worker down (dead-lettered after
   * `deliveries` deliveries): not retryable, since running it again would only do the same.
   * A superseded attempt reports nothing.
   */
  async deadLetter(task: TaskMessage, deliveries: number): Promise<void> {
    const error = { code: 'WORKER_CRASHED', message: `the node's task took its worker down ${deliveries - 1} times (the process died or stalled past its lease while running it); it is not tried again`, retryable: false };
    await this.report({ type: 'FailNode', data: { ...this.ids(task), error }, metadata: this.metadata(task, `dead:${task.runId}:${task.nodeId}:${task.attempt}`) });
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
        const { data } = command;
        this.options.logger.info('report refused as stale', { workspaceId: command.metadata.workspaceId, runId: data.runId, ...('nodeId' in data ? { nodeId: data.nodeId } : {}), ...('attempt' in data ? { attempt: data.attempt } : {}), reason: error.message });
        return false;
      }
      throw error;
    }
  }
}

function toNodeError(error: unknown, NodeExecutionError: NodesModule['NodeExecutionError']): NodeError {
  if (error instanceof NodeExecutionError) return { code: error.code, message: error.message, retryable: error.retryable };
  if (error instanceof OutputBlobMissingError) return { code: error.code, message: `an input of this node: ${error.message}`, retryable: false };
  if (error instanceof DomainError) return { code: error.code, message: error.message, retryable: false };
  return { code: 'EXECUTION', message: error instanceof Error ? error.message : String(error), retryable: true };
}
