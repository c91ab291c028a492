import type { Decider } from '../shared/command.js';
import { InvalidInputError } from '../shared/errors.js';
import type { NetworkPolicyCommand } from './network-policy.commands.js';
import type { NetworkPolicyEvent } from './network-policy.events.js';
import { evolveNetworkPolicy, initialNetworkPolicyState, type NetworkPolicyState } from './network-policy.state.js';

export const MAX_NETWORK_ALLOW_ENTRIES = 100;
const MAX_ENTRY_LENGTH = 260;

/** Why an entry cannot be allowed (a sentence), or undefined: the node plugins' address rules, passed in. */
export type AllowEntryCheck = (entry: string) => string | undefined;

/**
 * A workspace's network allow-list. Entries are trimmed, lower-cased and de-duplicated
 * (first occurrence kept); setting the list it already has appends nothing.
 */
export function createNetworkPolicyDecider(checkEntry: AllowEntryCheck): Decider<NetworkPolicyState, NetworkPolicyCommand, NetworkPolicyEvent> {
  return {
    initialState: initialNetworkPolicyState,
    evolve: evolveNetworkPolicy,
    decide(command, state) {
      switch (command.type) {
        case 'SetNetworkAllowList': {
          const entries = checkEntries(command.data.entries, checkEntry);
          if (entries.length === state.entries.length && entries.every((entry, i) => entry === state.entries[i])) return [];
          return [{ type: 'network.allow_list_set', data: { entries, setAt: command.metadata.now } }];
        }
        default: {
          const _exhaustive: never = command.type;
          return _exhaustive;
        }
      }
    },
  };
}

function checkEntries(value: unknown, checkEntry: AllowEntryCheck): string[] {
  if (!Array.isArray(value)) throw new InvalidInputError('entries', 'must be a list of strings');
  if (value.length > MAX_NETWORK_ALLOW_ENTRIES) throw new InvalidInputError('entries', `at most ${MAX_NETWORK_ALLOW_ENTRIES} entries, got ${value.length}`);
  const entries: string[] = [];
  value.forEach((raw: unknown, index) => {
    const field = `entries[${index}]`;
    if (typeof raw !== 'string' || raw.trim() === '') throw new InvalidInputError(field, 'must be a non-empty string');
    const entry = raw.trim().toLowerCase();
    if (entry.length > MAX_ENTRY_LENGTH) throw new InvalidInputError(field, `at most ${MAX_ENTRY_LENGTH} characters`);
    const problem = checkEntry(entry);
    if (problem !== undefined) throw new InvalidInputError(field, problem);
    if (!entries.includes(entry)) entries.push(entry);
  });
  return entries;
}
