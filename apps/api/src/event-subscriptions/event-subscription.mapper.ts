import type { EventSubscriptionState } from '@weft/domain';
import type { EventSubscription } from './event-subscription.types.js';

type Existing = Extract<EventSubscriptionState, { exists: true }>;

/** The subscription as the API shows it: never its secret, sealed or not. */
export const subscriptionFromState = (state: Existing): EventSubscription => ({
  id: state.subscriptionId,
  url: state.url,
  eventTypes: [...state.eventTypes],
  workflowIds: state.workflowIds ? [...state.workflowIds] : null,
  createdAt: new Date(state.createdAt),
});
