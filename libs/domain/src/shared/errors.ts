import type { GraphIssue } from '../graph/graph.js';

/**
 * Errors a decider throws when a command cannot be applied. Each carries a
 * stable code that the API maps to its transport code; none holds secrets.
 */
export abstract class DomainError extends Error {
  abstract readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'STALE';
}

/** Thrown when a workflow graph is malformed: every problem is listed with the node, edge or field it is about. */
export class InvalidGraphError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(readonly issues: GraphIssue[]) {
    super(`invalid workflow graph: ${issues.map(describeIssue).join('; ')}`);
  }
}

/** Thrown when a command's own data is wrong (not the graph): names the field. */
export class InvalidInputError extends DomainError {
  readonly code = 'BAD_USER_INPUT' as const;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Thrown when a command targets a workflow or run that does not exist. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(
    readonly entity: 'workflow' | 'run' | 'node' | 'version' | 'apiKey' | 'eventSubscription' | 'trigger' | 'credential' | 'workspace',
    readonly id: string,
  ) {
    super(`${entity} "${id}" not found`);
  }
}

/** Thrown when a command contradicts the current state (archived workflow, finished run, stale revision…). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}

/**
 * Thrown when a worker reports on an attempt that is no longer current
 * (superseded, or the run already ended). The report is refused, never applied.
 */
export class StaleAttemptError extends DomainError {
  readonly code = 'STALE' as const;
}

export const describeIssue = (issue: GraphIssue): string => {
  const where = [issue.nodeId && `node "${issue.nodeId}"`, issue.edgeId && `edge "${issue.edgeId}"`, issue.field && `field "${issue.field}"`]
    .filter(Boolean)
    .join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
};
