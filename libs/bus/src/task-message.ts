/**
 * A task on a queue: "run attempt `attempt` of node `nodeId` in run `runId`".
 * It carries ids only; the worker loads everything else from PostgreSQL and
 * reports its result as a command fenced by `attempt`.
 *
 * Extensible: decoding keeps fields it does not know, so a newer producer can add
 * optional fields without breaking an older consumer.
 */
export type TaskMessage = {
  runId: string;
  nodeId: string;
  /** 1-based attempt number: the fence that rejects late results of superseded attempts. */
  attempt: number;
  workspaceId: string;
  /** When the node was scheduled, ISO 8601 (queue latency = pick-up time - scheduledAt). */
  scheduledAt: string;
};

/** Thrown by `decodeTaskMessage` for an entry that is not a task message. */
export class MalformedTaskError extends Error {
  override readonly name = 'MalformedTaskError';
}

export const encodeTaskMessage = (task: TaskMessage): string => JSON.stringify(task);

/** Parses and checks a task message; throws `MalformedTaskError` naming the bad field. */
export function decodeTaskMessage(raw: string): TaskMessage {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new MalformedTaskError('task message is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedTaskError('task message is not a JSON object');
  const task = value as Record<string, unknown>;
  for (const field of ['runId', 'nodeId', 'workspaceId', 'scheduledAt'] as const) {
    if (typeof task[field] !== 'string' || task[field] === '') throw new MalformedTaskError(`task message field ${field} must be a non-empty string`);
  }
  if (!Number.isSafeInteger(task.attempt) || (task.attempt as number) < 1) throw new MalformedTaskError('task message field attempt must be an integer >= 1');
  return task as TaskMessage;
}
