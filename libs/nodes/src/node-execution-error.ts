/**
 * - `EXPRESSION`: a `{{ }}` template in the config failed (syntax, refused, evaluation, limits).
 * - `CONFIG`: the resolved config does not match the node's schema (or a bound it checks at run time).
 * - `EXECUTION`: the node itself failed (an HTTP error status, a refused address, a network error, a bug).
 * - `INVALID_RESULT`: the node returned something the engine cannot take (unknown branch, non-JSON output, bad wait).
 * - `OUTPUT_TOO_LARGE`: the serialized output is over the size limit.
 * - `TIMEOUT`: the node's own time limit (or the attempt's) was reached.
 * - `ABORTED`: the run's abort signal fired (cancellation, lease lost).
 * - `CODE`: a code node's JavaScript threw, did not parse, or returned something that is not JSON.
 * - `OUT_OF_MEMORY`: a code node's JavaScript reached its memory limit.
 */
export type NodeErrorCode = 'EXPRESSION' | 'CONFIG' | 'EXECUTION' | 'INVALID_RESULT' | 'OUTPUT_TOO_LARGE' | 'TIMEOUT' | 'ABORTED' | 'CODE' | 'OUT_OF_MEMORY';

/**
 * How a node run fails. `executeNode` throws nothing else: whatever a plugin throws is
 * wrapped. Plugins throw it themselves to classify a failure (`retryable`). The message
 * is stored in events and shown to users: it must never contain secrets (credentials,
 * request headers).
 */
export class NodeExecutionError extends Error {
  override readonly name = 'NodeExecutionError';
  /** Config path the error is about, when there is one. */
  readonly field: string | undefined;

  /**
   * @param retryable whether another attempt may succeed; the node's retry policy decides whether to make one.
   */
  constructor(
    readonly code: NodeErrorCode,
    message: string,
    readonly retryable: boolean,
    options: { field?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.field = options.field;
  }
}
