import type { Decider } from '../shared/command.js';
import { ConflictError, InvalidInputError, NotFoundError } from '../shared/errors.js';
import { isSealedSecret } from '../shared/sealed-secret.js';
import type { EventSubscriptionCommand } from './event-subscription.commands.js';
import { SUBSCRIBABLE_EVENT_TYPES, type EventSubscriptionEvent, type SubscribableEventType } from './event-subscription.events.js';
import { evolveEventSubscription, initialEventSubscriptionState, type EventSubscriptionState } from './event-subscription.state.js';

export const MAX_SUBSCRIPTION_URL_LENGTH = 2000;
export const MAX_SUBSCRIPTION_WORKFLOWS = 100;

/**
 * A workspace's subscription of an external URL to run lifecycle events. It is created
 * once and deleted once; it never changes in between (delete and create another).
 */
export function createEventSubscriptionDecider(): Decider<EventSubscriptionState, EventSubscriptionCommand, EventSubscriptionEvent> {
  return {
    initialState: initialEventSubscriptionState,
    evolve: evolveEventSubscription,
    decide(command, state) {
      const { subscriptionId } = command.data;
      switch (command.type) {
        case 'CreateSubscription': {
          if (state.exists) throw new ConflictError(`event subscription "${subscriptionId}" already exists`);
          const url = checkUrl(command.data.url);
          const eventTypes = checkEventTypes(command.data.eventTypes);
          const workflowIds = checkWorkflowIds(command.data.workflowIds);
          if (!isSealedSecret(command.data.secret)) throw new InvalidInputError('secret', 'must be sealed before it reaches an event');
          return [{ type: 'subscription.created', data: { subscriptionId, url, eventTypes, workflowIds, secret: command.data.secret, createdAt: command.metadata.now } }];
        }
        case 'DeleteSubscription': {
          if (!state.exists || state.deleted) throw new NotFoundError('eventSubscription', subscriptionId);
          return [{ type: 'subscription.deleted', data: { subscriptionId, deletedAt: command.metadata.now } }];
        }
        default: {
          const _exhaustive: never = command;
          return _exhaustive;
        }
      }
    },
  };
}

function checkUrl(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new InvalidInputError('url', 'is required: the http(s) URL events are posted to');
  if (value.length > MAX_SUBSCRIPTION_URL_LENGTH) throw new InvalidInputError('url', `at most ${MAX_SUBSCRIPTION_URL_LENGTH} characters, got ${value.length}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidInputError('url', 'not a valid absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInputError('url', `must be http or https, not ${url.protocol.replace(/:$/, '')}`);
  // Credentials in a URL would end up in events and in the API's answers.
  if (url.username || url.password) throw new InvalidInputError('url', 'must not contain a user name or password');
  return value;
}

function checkEventTypes(value: unknown): SubscribableEventType[] {
  if (value === undefined || value === null) return [...SUBSCRIBABLE_EVENT_TYPES];
  if (!Array.isArray(value)) throw new InvalidInputError('eventTypes', 'must be a list of event types');
  if (!value.length) throw new InvalidInputError('eventTypes', 'must name at least one event type (leave it out for all)');
  value.forEach((type: unknown, i) => {
    if (!SUBSCRIBABLE_EVENT_TYPES.includes(type as SubscribableEventType)) {
      throw new InvalidInputError(`eventTypes[${i}]`, `unknown event type ${JSON.stringify(type)}: one of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}`);
    }
  });
  return SUBSCRIBABLE_EVENT_TYPES.filter((type) => value.includes(type));
}

function checkWorkflowIds(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new InvalidInputError('workflowIds', 'must be a list of workflow ids');
  if (!value.length) throw new InvalidInputError('workflowIds', 'must name at least one workflow (leave it out for all)');
  if (value.length > MAX_SUBSCRIPTION_WORKFLOWS) throw new InvalidInputError('workflowIds', `at most ${MAX_SUBSCRIPTION_WORKFLOWS} workflows, got ${value.length}`);
  value.forEach((id: unknown, i) => {
    if (typeof id !== 'string' || id === '' || id.length > 200) throw new InvalidInputError(`workflowIds[${i}]`, 'must be a workflow id (1 to 200 characters)');
  });
  return [...new Set(value as string[])];
}
