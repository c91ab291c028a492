import type { Command } from '../shared/command.js';

/** `entries` is untrusted input: the decider validates it (shape here, each entry with the injected check). */
export type SetNetworkAllowList = Command<'SetNetworkAllowList', { workspaceId: string; entries: unknown }>;

export type NetworkPolicyCommand = SetNetworkAllowList;
