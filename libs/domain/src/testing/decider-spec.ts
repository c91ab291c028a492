import type { CommandMetadata, Decider } from '../shared/command.js';
import type { NodeTypeCatalog, NodeTypeSpec } from '../graph/graph.js';

/**
 * Given / when / then over events for decider tests:
 * `spec(decider).given(events).when(command).then(events)` or `.thenThrows(ErrorClass)`.
 */
export function deciderSpec<S, C, E>(decider: Decider<S, C, E>) {
  return {
    given(events: E[]) {
      const state = events.reduce((s, e) => decider.evolve(s, e), decider.initialState());
      return {
        state,
        when(command: C) {
          const run = () => decider.decide(command, state);
          return { run, state };
        },
      };
    },
  };
}

let commandCounter = 0;
export const meta = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  commandId: `cmd-${(commandCounter += 1)}`,
  now: '2026-01-01T00:00:00.000Z',
  workspaceId: 'ws-1',
  ...overrides,
});

const spec = (type: string, extra: Partial<NodeTypeSpec> = {}): [string, NodeTypeSpec] => [type, { type, validateConfig: () => [], ...extra }];

/** A small catalog standing in for the node plugins: pure data, as the real one is. */
export const testCatalog: NodeTypeCatalog = new Map([
  spec('set'),
  spec('merge', { joinOf: (config) => (config.join === 'first' ? { kind: 'first' } : config.join === 'any' ? { kind: 'any', count: Number(config.count ?? 1) } : { kind: 'all' }) }),
  spec('switch', { branchesOf: (config) => [...(Array.isArray(config.cases) ? config.cases.map(String) : []), 'default'] }),
  spec('delay'),
  spec('wait', { branchesOf: (config) => (config.for === 'event' ? ['received', 'timeout'] : ['approved', 'rejected', 'timeout']) }),
  spec('if', { branches: ['true', 'false'] }),
  spec('http', {
    queue: 'io',
    validateConfig: (config) => (typeof config.url === 'string' ? [] : [{ field: 'url', message: 'required' }]),
  }),
]);
