import { NodeExecutionError } from '../node-execution-error.js';

type PgError = { code?: unknown; message?: unknown; severity?: unknown };

/** SQLSTATEs worth another attempt: connection trouble, serialization failures, deadlocks, lock timeouts, shutdowns, exhausted resources. */
const RETRYABLE_STATES = ['08', '40001', '40P01', '55P03', '57P01', '57P02', '57P03', '53'];
const SQLSTATE = /^[0-9A-Z]{5}$/;

const clip = (text: string): string => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/**
 * A failure of the `sql` node: PostgreSQL's message and SQLSTATE (`42P01`) when the server
 * answered, the network error's code otherwise. Never the connection string (credential
 * values are redacted as well on the way out).
 */
export function sqlError(error: unknown, what: string, timeoutMs: number): NodeExecutionError {
  const { code, message } = (error ?? {}) as PgError;
  const text = typeof message === 'string' ? clip(message) : 'unknown error';
  if (typeof code === 'string' && SQLSTATE.test(code)) {
    if (code === '57014') return new NodeExecutionError('TIMEOUT', `${what}: the statement was cancelled after ${timeoutMs} ms (statement_timeout)`, true, { cause: error });
    const retryable = RETRYABLE_STATES.some((state) => code.startsWith(state));
    return new NodeExecutionError('EXECUTION', `${what} failed: ${text} (SQLSTATE ${code})`, retryable, { cause: error });
  }
  if (/timeout/i.test(text)) return new NodeExecutionError('TIMEOUT', `${what} timed out after ${timeoutMs} ms`, true, { cause: error });
  return new NodeExecutionError('EXECUTION', `${what} failed: ${typeof code === 'string' ? code : text}`, true, { cause: error });
}
