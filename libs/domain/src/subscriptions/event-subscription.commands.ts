import type { Command } from '../shared/command.js';
import type { SealedSecret } from '../shared/sealed-secret.js';

/**
 * `url`, `eventTypes` and `workflowIds` are untrusted input: the decider validates them.
 * `eventTypes` omitted or null: all three; `workflowIds` omitted or null: every workflow.
 * The secret arrives sealed: the decider never sees it in clear.
 */
export type CreateSubscription = Command<'CreateSubscription', { subscriptionId: string; url: unknown; eventTypes?: unknown; workflowIds?: unknown; secret: SealedSecret }>;
export type DeleteSubscription = Command<'DeleteSubscription', { subscriptionId: string }>;

export type EventSubscriptionCommand = CreateSubscription | DeleteSubscription;
