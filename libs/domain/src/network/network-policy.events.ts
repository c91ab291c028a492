/**
 * A workspace admin replaced the workspace's network allow-list: the private hosts and
 * ranges its nodes may reach besides public addresses (and the operator's allow-list).
 * The whole list is in each event: the last one is the policy.
 */
export type NetworkAllowListSet = { type: 'network.allow_list_set'; data: { entries: string[]; setAt: string } };

export type NetworkPolicyEvent = NetworkAllowListSet;

export const NETWORK_POLICY_STREAM_TYPE = 'network-policy';
/** One stream per workspace. */
export const networkPolicyStreamId = (workspaceId: string): string => `network-policy-${workspaceId}`;
