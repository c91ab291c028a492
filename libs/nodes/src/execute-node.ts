import type { Json, JsonObject } from '@weft/domain';
import { formatConfigIssues, summarizeIssues } from './config-issues.js';
import { ExpressionError } from './expressions/expression-error.js';
import type { ExpressionOptions, ExpressionScope } from './expressions/expression-scope.js';
import { resolveTemplates } from './expressions/resolve-templates.js';
import { BlockedAddressError } from './http/blocked-address-error.js';
import { NodeExecutionError } from './node-execution-error.js';
import type { NodeDefinition, NodeLogger, NodeResult, NodeRunIdentity, NodeServices } from './node-definition.js';
import { checkNodeResult } from './check-node-result.js';
import type { NodeCredentials } from './credentials/node-credential.js';
import { redact, redactText, secretsOf } from './credentials/redact.js';
import { setOwn } from './shared/to-json.js';

export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const MAX_WRAPPED_MESSAGE = 500;

export type ExecutionLimits = {
  /** Size limit of the serialized output, in bytes (UTF-8); default 16 MiB. The worker passes WEFT_MAX_OUTPUT_BYTES. */
  maxOutputBytes?: number;
  /** Time limit of this attempt; omitted: only `signal` bounds it. Exceeding it fails with `TIMEOUT` (retryable). */
  timeoutMs?: number;
  /** Bounds of template resolution (time, depth, sizes). */
  expressions?: ExpressionOptions;
};

export type ExecuteNodeScope = Pick<ExpressionScope, 'trigger' | 'nodes'> & Partial<ExpressionScope>;

export type ExecuteNodeParams<Config> = {
  definition: NodeDefinition<Config>;
  /** The node's config as stored in the workflow version: templates not yet resolved. */
  rawConfig: JsonObject;
  input: Json;
  inputs: Record<string, Json>;
  /**
   * What templates see: the trigger payload (`$trigger`) and completed nodes' outputs (`$nodes`).
   * `input` and `run` default to this call's `input` and `run`.
   */
  scope: ExecuteNodeScope;
  /** Fires on cancellation (or a lost lease): the attempt fails with `ABORTED`. */
  signal: AbortSignal;
  log: NodeLogger;
  run: NodeRunIdentity;
  services: NodeServices;
  limits?: ExecutionLimits;
  /** Decrypted credentials for this attempt (the worker loads those `definition.credentials` names). Redacted from the output, errors and logs. */
  credentials?: NodeCredentials;
};

/**
 * Runs one attempt of a node: resolves the config's templates (except `rawConfigKeys`),
 * validates the result against `configSchema`, calls `execute`, then checks what it
 * returned (declared branch, JSON output under the size limit, valid wait time).
 * @throws NodeExecutionError, and nothing else: plugin errors are wrapped.
 */
export async function executeNode<Config>(params: ExecuteNodeParams<Config>): Promise<NodeResult> {
  const credentials = params.credentials ?? {};
  const secrets = secretsOf(credentials);
  if (!secrets.length) return executeWith(params, credentials);
  const log = redactingLogger(params.log, secrets);
  try {
    const result = await executeWith({ ...params, log }, credentials);
    return { ...result, output: redact(result.output, secrets) };
  } catch (error) {
    const failure = error as NodeExecutionError;
    // The cause is dropped: it may hold the request (and its headers) that failed.
    throw new NodeExecutionError(failure.code, redactText(failure.message, secrets), failure.retryable, failure.field === undefined ? {} : { field: redactText(failure.field, secrets) });
  }
}

async function executeWith<Config>(params: ExecuteNodeParams<Config>, credentials: NodeCredentials): Promise<NodeResult> {
  const { definition, limits = {} } = params;
  const timeout = limits.timeoutMs ? AbortSignal.timeout(limits.timeoutMs) : undefined;
  const signal = timeout ? AbortSignal.any([params.signal, timeout]) : params.signal;
  try {
    signal.throwIfAborted();
    const config = await resolveConfig(params);
    signal.throwIfAborted();
    const result = await untilAborted(
      definition.execute({ config, input: params.input, inputs: params.inputs, signal, log: params.log, run: params.run, services: params.services, credentials }),
      signal,
    );
    return checkNodeResult(result, { type: definition.type, branches: definition.branchesOf?.(params.rawConfig) ?? definition.branches }, limits.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  } catch (error) {
    throw classify(error, params.signal, timeout, limits.timeoutMs);
  }
}

async function resolveConfig<Config>(params: ExecuteNodeParams<Config>): Promise<Config> {
  const { definition, rawConfig, run } = params;
  const rawKeys = new Set(definition.rawConfigKeys ?? []);
  const templated: JsonObject = {};
  for (const [key, value] of Object.entries(rawConfig)) if (!rawKeys.has(key)) setOwn(templated, key, value);
  const scope: ExpressionScope = {
    input: params.scope.input ?? params.input,
    trigger: params.scope.trigger,
    nodes: params.scope.nodes,
    run: params.scope.run ?? { runId: run.runId, workflowId: run.workflowId, nodeId: run.nodeId, attempt: run.attempt },
  };
  let resolved: Json;
  try {
    resolved = await resolveTemplates(templated, scope, params.limits?.expressions);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    throw new NodeExecutionError('EXPRESSION', error.message, false, { field: error.field, cause: error });
  }
  const config = resolved as JsonObject;
  for (const key of rawKeys) if (Object.prototype.hasOwnProperty.call(rawConfig, key)) setOwn(config, key, rawConfig[key]!);
  const parsed = definition.configSchema.safeParse(config);
  if (!parsed.success) {
    const issues = formatConfigIssues(parsed.error.issues, config);
    throw new NodeExecutionError('CONFIG', `Invalid configuration: ${summarizeIssues(issues)}`, false, { field: issues[0]?.field });
  }
  return parsed.data;
}

/** Settles when the plugin does, or rejects as soon as the signal fires, even if the plugin ignores it. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Cancellation wins over whatever the plugin made of it; then the attempt's timeout; then the plugin's own classification. */
function classify(error: unknown, runSignal: AbortSignal, timeout: AbortSignal | undefined, timeoutMs: number | undefined): NodeExecutionError {
  if (runSignal.aborted) return new NodeExecutionError('ABORTED', 'The node was aborted', false, { cause: error });
  if (timeout?.aborted) return new NodeExecutionError('TIMEOUT', `The node did not finish within ${timeoutMs} ms`, true, { cause: error });
  if (error instanceof NodeExecutionError) return error;
  if (error instanceof BlockedAddressError) return new NodeExecutionError('EXECUTION', error.message, false, { cause: error });
  if (error instanceof ExpressionError) return new NodeExecutionError('EXPRESSION', error.message, false, { field: error.field, cause: error });
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `Non-error thrown: ${typeof error}`;
  const short = message.length > MAX_WRAPPED_MESSAGE ? `${message.slice(0, MAX_WRAPPED_MESSAGE)}…` : message;
  // Unknown failures are presumed transient; the node's retry policy bounds the attempts.
  return new NodeExecutionError('EXECUTION', short, true, { cause: error });
}

/** The node's logger with every secret replaced in messages and data. */
function redactingLogger(log: NodeLogger, secrets: readonly string[]): NodeLogger {
  return {
    info: (message, data) => log.info(redactText(message, secrets), redact(data, secrets)),
    warn: (message, data) => log.warn(redactText(message, secrets), redact(data, secrets)),
    error: (message, data) => log.error(redactText(message, secrets), redact(data, secrets)),
  };
}
