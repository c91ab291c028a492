import { InvalidInputError } from '../shared/errors.js';
import type { JsonObject } from '../shared/json.js';
import { EVENT_NAME_PATTERN } from '../signal/signal.events.js';

/**
 * Runs the latest published version when an event of that name happens in the workspace,
 * with the event's payload as the run input: an event emitted with `emitEvent`, or — for a
 * lifecycle name (`workflow.failed`…) — a run of the workspace that finished that way
 * (of `workflowId` only, when given: an error handler). `filter`, a JSONata expression
 * over the payload, must be `true` for the event to start a run.
 */
export type EventTrigger = { id: string; kind: 'event'; name: string; filter?: string; workflowId?: string };

/** Names a run's end publishes to event triggers (never emitted with `emitEvent`: an emitted event of such a name starts no handler). */
export const LIFECYCLE_EVENT_NAMES = ['workflow.finished', 'workflow.succeeded', 'workflow.failed', 'workflow.cancelled'] as const;
export type LifecycleEventName = (typeof LIFECYCLE_EVENT_NAMES)[number];
export const isLifecycleEventName = (name: string): name is LifecycleEventName => (LIFECYCLE_EVENT_NAMES as readonly string[]).includes(name);

export const MAX_FILTER_LENGTH = 2000;
/** Workflow ids are UUIDs; anything of this shape is accepted (one naming no workflow of the workspace never fires). */
const WORKFLOW_ID_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;
/**
 * Lifecycle triggers started by lifecycle triggers (an error handler that fails, whose
 * handler fails…) go this many levels deep at most: the end of a run this deep starts nothing.
 */
export const MAX_LIFECYCLE_DEPTH = 5;

/** The reason a filter expression is refused (its syntax), or undefined; undefined itself when this process cannot check. */
export type ExpressionCheck = ((source: string) => string | undefined) | undefined;

/**
 * Validates one `{ kind: "event" }` trigger (its id and kind already checked), naming
 * the offending field under `at` (`triggers[2].filter`).
 * @throws InvalidInputError on the first problem found.
 */
export function parseEventTrigger(value: JsonObject & { id: string }, at: string, checkExpression: ExpressionCheck): EventTrigger {
  const unknown = Object.keys(value).find((key) => !['id', 'kind', 'name', 'filter', 'workflowId'].includes(key));
  if (unknown) throw new InvalidInputError(`${at}.${unknown}`, unknown === 'input' ? 'an event trigger has no input: the run input is the event payload' : 'unknown setting');
  const { name, filter, workflowId } = value;
  if (typeof name !== 'string' || !EVENT_NAME_PATTERN.test(name)) throw new InvalidInputError(`${at}.name`, 'is required: an event name of 1 to 200 letters, digits, or _ . : -');
  const trigger: EventTrigger = { id: value.id, kind: 'event', name };
  if (filter !== undefined && filter !== null) {
    if (typeof filter !== 'string' || !filter.trim()) throw new InvalidInputError(`${at}.filter`, 'must be a JSONata expression over the payload, true to start a run, such as "amount > 100"');
    if (filter.length > MAX_FILTER_LENGTH) throw new InvalidInputError(`${at}.filter`, `at most ${MAX_FILTER_LENGTH} characters`);
    const problem = checkExpression ? checkExpression(filter) : 'filters cannot be checked in this process';
    if (problem) throw new InvalidInputError(`${at}.filter`, problem);
    trigger.filter = filter.trim();
  }
  if (workflowId !== undefined && workflowId !== null) {
    if (!isLifecycleEventName(name)) throw new InvalidInputError(`${at}.workflowId`, `only a lifecycle event (${LIFECYCLE_EVENT_NAMES.join(', ')}) watches another workflow`);
    if (typeof workflowId !== 'string' || !WORKFLOW_ID_PATTERN.test(workflowId)) throw new InvalidInputError(`${at}.workflowId`, 'must be the id of a workflow of this workspace');
    trigger.workflowId = workflowId;
  }
  return trigger;
}
