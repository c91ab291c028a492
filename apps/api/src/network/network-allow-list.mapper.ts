import type { NetworkPolicyState } from '@weft/domain';
import type { NetworkAllowList } from './network-allow-list.types.js';

export const allowListFromState = (state: NetworkPolicyState): NetworkAllowList => ({
  entries: [...state.entries],
  ...(state.updatedAt ? { updatedAt: new Date(state.updatedAt) } : {}),
});
