import type { SealedSecret } from '../shared/sealed-secret.js';
import type { EventSubscriptionEvent, SubscribableEventType } from './event-subscription.events.js';

export type EventSubscriptionState =
  | { exists: false }
  | {
      exists: true;
      subscriptionId: string;
      url: string;
      eventTypes: SubscribableEventType[];
      workflowIds: string[] | null;
      secret: SealedSecret;
      createdAt: string;
      deleted: boolean;
    };

export const initialEventSubscriptionState = (): EventSubscriptionState => ({ exists: false });

export function evolveEventSubscription(state: EventSubscriptionState, event: EventSubscriptionEvent): EventSubscriptionState {
  switch (event.type) {
    case 'subscription.created':
      return { exists: true, ...event.data, deleted: false };
    case 'subscription.deleted':
      return state.exists ? { ...state, deleted: true } : state;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
