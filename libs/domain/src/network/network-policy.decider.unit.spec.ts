import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../shared/errors.js';
import type { SetNetworkAllowList } from './network-policy.commands.js';
import { createNetworkPolicyDecider } from './network-policy.decider.js';
import type { NetworkPolicyEvent } from './network-policy.events.js';
import { initialNetworkPolicyState, type NetworkPolicyState } from './network-policy.state.js';

// The real rules live with the node plugins; here: loopback refused, anything else accepted.
const decider = createNetworkPolicyDecider((entry) => (entry.startsWith('127.') ? `"${entry}" is loopback` : undefined));
const set = (entries: unknown): SetNetworkAllowList => ({ type: 'SetNetworkAllowList', data: { workspaceId: 'w1', entries }, metadata: { commandId: 'c1', now: '2026-11-26T10:00:00.000Z', workspaceId: 'w1', actorId: 'u1' } });
const given = (...events: NetworkPolicyEvent[]): NetworkPolicyState => events.reduce(decider.evolve, initialNetworkPolicyState());
const listed = (entries: string[]): NetworkPolicyEvent => ({ type: 'network.allow_list_set', data: { entries, setAt: '2026-11-25T00:00:00.000Z' } });

describe('network policy decider', () => {
  it('sets the list, trimmed, lower-cased and without repeats', () => {
    expect(decider.decide(set([' CRM.internal ', '10.0.0.0/8', 'crm.internal']), given())).toEqual([
      { type: 'network.allow_list_set', data: { entries: ['crm.internal', '10.0.0.0/8'], setAt: '2026-11-26T10:00:00.000Z' } },
    ]);
  });

  it('replaces the whole list, and an empty list clears it', () => {
    const state = given(listed(['10.0.0.0/8']));
    expect(decider.decide(set(['192.168.1.1']), state)[0]!.data.entries).toEqual(['192.168.1.1']);
    expect(decider.decide(set([]), state)[0]!.data.entries).toEqual([]);
    expect(decider.evolve(state, listed([]))).toEqual({ entries: [], updatedAt: '2026-11-25T00:00:00.000Z' });
  });

  it('appends nothing when the list is unchanged', () => {
    expect(decider.decide(set(['10.0.0.0/8']), given(listed(['10.0.0.0/8'])))).toEqual([]);
    expect(decider.decide(set([]), given())).toEqual([]);
  });

  it('refuses a bad entry naming its position and the reason, and a list that is not one', () => {
    expect(() => decider.decide(set(['10.0.0.1', '127.0.0.1']), given())).toThrow(new InvalidInputError('entries[1]', '"127.0.0.1" is loopback'));
    expect(() => decider.decide(set(['10.0.0.1', 42]), given())).toThrow(new InvalidInputError('entries[1]', 'must be a non-empty string'));
    expect(() => decider.decide(set('10.0.0.1'), given())).toThrow(new InvalidInputError('entries', 'must be a list of strings'));
    expect(() => decider.decide(set(Array.from({ length: 101 }, (_, i) => `h${i}.internal`)), given())).toThrow('entries: at most 100 entries, got 101');
  });
});
