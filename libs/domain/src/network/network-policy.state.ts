import type { NetworkPolicyEvent } from './network-policy.events.js';

/** No events yet: an empty list (only public addresses and the operator's allow-list). */
export type NetworkPolicyState = { entries: string[]; updatedAt?: string };

export const initialNetworkPolicyState = (): NetworkPolicyState => ({ entries: [] });

export function evolveNetworkPolicy(state: NetworkPolicyState, event: NetworkPolicyEvent): NetworkPolicyState {
  switch (event.type) {
    case 'network.allow_list_set':
      return { entries: event.data.entries, updatedAt: event.data.setAt };
    default: {
      const _exhaustive: never = event.type;
      return _exhaustive;
    }
  }
}
