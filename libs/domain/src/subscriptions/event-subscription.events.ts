import type { SealedSecret } from '../shared/sealed-secret.js';

/** The run events a subscription can deliver, by their public names. */
export const SUBSCRIBABLE_EVENT_TYPES = ['workflow.started', 'node.completed', 'workflow.finished'] as const;
export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];

/**
 * A workspace subscribed `url` to run events. `workflowIds` null: every workflow's runs.
 * `secret`: the signing secret, sealed (never in clear in an event).
 */
export type SubscriptionCreated = {
  type: 'subscription.created';
  data: { subscriptionId: string; url: string; eventTypes: SubscribableEventType[]; workflowIds: string[] | null; secret: SealedSecret; createdAt: string };
};
/** Nothing more is delivered to it; deliveries not yet made are dropped. */
export type SubscriptionDeleted = { type: 'subscription.deleted'; data: { subscriptionId: string; deletedAt: string } };

export type EventSubscriptionEvent = SubscriptionCreated | SubscriptionDeleted;

export const EVENT_SUBSCRIPTION_STREAM_TYPE = 'event-subscription';
export const eventSubscriptionStreamId = (subscriptionId: string): string => `event-subscription-${subscriptionId}`;
