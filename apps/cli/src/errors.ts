/**
 * Thrown for a bad argument, file or setting: each line names what is wrong (usually
 * one; a graph may have several problems). Nothing was changed. Exit code 2.
 */
export class UsageError extends Error {
  readonly lines: string[];
  constructor(...lines: string[]) {
    super(lines.join('\n'));
    this.lines = lines;
  }
}

/** Codes of API refusals caused by what the caller sent (its input, ids or key): exit code 2; any other is 1. */
const CALLER_CODES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'UNAUTHENTICATED', 'FORBIDDEN']);

/** A graph problem as the API reports it in `extensions.issues`. */
export type ApiIssue = { code?: string; message: string; nodeId?: string; edgeId?: string; field?: string };

/**
 * Thrown when the API refuses an operation or cannot be reached: `code` is the API's
 * `extensions.code` (or `UNREACHABLE`), `message` the API's message.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  get exitCode(): 1 | 2 {
    return CALLER_CODES.has(this.code) ? 2 : 1;
  }

  /** The graph problems of a BAD_USER_INPUT, each with its node, edge or field. */
  get issues(): ApiIssue[] {
    const issues = this.extensions.issues;
    return Array.isArray(issues) ? issues.filter((i): i is ApiIssue => typeof (i as ApiIssue | null)?.message === 'string') : [];
  }
}
