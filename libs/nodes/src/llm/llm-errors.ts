import { APICallError, RetryError } from 'ai';
import { BlockedAddressError } from '../http/blocked-address-error.js';
import { NodeExecutionError } from '../node-execution-error.js';

const MAX_DETAIL_CHARS = 300;

/**
 * A provider failure as a node error: 408, 429 and 5xx statuses and network failures are
 * retryable EXECUTION errors; other statuses (401, 403, 400…) are not. The message names
 * the host and status and the provider's own short message, never the request (it may
 * carry the API key; a key echoed by the provider is redacted by the worker).
 */
export function toLlmError(error: unknown, host: string): unknown {
  const cause = error instanceof RetryError ? error.lastError : error;
  if (cause instanceof NodeExecutionError || cause instanceof BlockedAddressError) return cause;
  const blocked = findCause(cause, (candidate) => candidate instanceof BlockedAddressError);
  if (blocked) return blocked;
  if (cause instanceof APICallError) {
    const status = cause.statusCode;
    const detail = clip(cause.message);
    if (status === undefined) return new NodeExecutionError('EXECUTION', `LLM request to ${host} failed: ${describeNetwork(cause)}`, true, { cause });
    const retryable = status >= 500 || status === 429 || status === 408;
    return new NodeExecutionError('EXECUTION', `LLM request to ${host} failed with status ${status}: ${detail}`, retryable, { cause });
  }
  return new NodeExecutionError('EXECUTION', `LLM request to ${host} failed: ${describeNetwork(cause)}`, true, { cause });
}

function findCause(error: unknown, test: (candidate: unknown) => boolean): unknown {
  let current = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (test(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeNetwork(error: unknown): string {
  const code = findCause(error, (candidate) => typeof (candidate as { code?: unknown } | null)?.code === 'string') as { code: string } | undefined;
  if (code) return code.code;
  return clip(error instanceof Error ? error.message : 'unknown error');
}

function clip(message: string): string {
  return message.length > MAX_DETAIL_CHARS ? `${message.slice(0, MAX_DETAIL_CHARS)}…` : message;
}
