import { describe, expect, it } from 'vitest';
import { testCatalog } from '../testing/decider-spec.js';
import { RETRY_DEFAULTS } from './parse-policies.js';
import { validateGraph } from './validate-graph.js';

const graphWith = (node: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ nodes: [{ id: 'a', type: 'set', config: {}, ...node }, { id: 'b', type: 'set', config: {} }], edges: [], ...extra });
const validate = (raw: unknown) => validateGraph(raw, testCatalog, 'publish');
const issuesOf = (raw: unknown) => {
  const result = validate(raw);
  return result.ok ? [] : result.issues;
};

describe('node retry, timeout and workflow settings', () => {
  it('completes a partial retry policy with the defaults and keeps a timeout', () => {
    const result = validate(graphWith({ retry: { maxAttempts: 5 }, timeoutMs: 2000 }, { settings: { timeoutMs: 60_000, maxConcurrentRuns: 2 } }));
    expect(result).toMatchObject({ ok: true, graph: { nodes: [{ retry: { ...RETRY_DEFAULTS, maxAttempts: 5 }, timeoutMs: 2000 }, {}], settings: { timeoutMs: 60_000, maxConcurrentRuns: 2 } } });
  });

  it.each([
    [{ retry: { maxAttempts: 0 } }, 'nodes[0].retry.maxAttempts'],
    [{ retry: { maxAttempts: 2.5 } }, 'nodes[0].retry.maxAttempts'],
    [{ retry: { backoff: 'linear' } }, 'nodes[0].retry.backoff'],
    [{ retry: { initialIntervalMs: 5000, maxIntervalMs: 10 } }, 'nodes[0].retry.maxIntervalMs'],
    [{ retry: { jitter: 2 } }, 'nodes[0].retry.jitter'],
    [{ retry: { tries: 3 } }, 'nodes[0].retry.tries'],
    [{ retry: 3 }, 'nodes[0].retry'],
    [{ timeoutMs: 0 }, 'nodes[0].timeoutMs'],
    [{ timeoutMs: '5s' }, 'nodes[0].timeoutMs'],
  ])('refuses %j, naming node a and %s', (node, field) => {
    expect(issuesOf(graphWith(node))).toEqual([expect.objectContaining({ code: 'GRAPH_SHAPE', nodeId: 'a', field })]);
  });

  it.each([
    [{ timeoutMs: -1 }, 'settings.timeoutMs'],
    [{ maxConcurrentRuns: 0 }, 'settings.maxConcurrentRuns'],
    [{ parallel: true }, 'settings.parallel'],
  ])('refuses the settings %j, naming %s', (settings, field) => {
    expect(issuesOf(graphWith({}, { settings }))).toEqual([expect.objectContaining({ code: 'GRAPH_SHAPE', field })]);
  });

  it('accepts an error edge out of any node, and names the branches otherwise', () => {
    const edges = [{ id: 'e1', source: 'a', target: 'b', sourceHandle: 'error' }];
    expect(validate({ ...graphWith({}), edges }).ok).toBe(true);
    const issues = issuesOf({ ...graphWith({}), edges: [{ id: 'e1', source: 'a', target: 'b', sourceHandle: 'oops' }] });
    expect(issues).toEqual([expect.objectContaining({ code: 'UNKNOWN_BRANCH', edgeId: 'e1', message: expect.stringContaining('"error" for its error path') })]);
  });

  it('takes the branches of a switch from its configuration', () => {
    const graph = {
      nodes: [{ id: 's', type: 'switch', config: { cases: ['gold'] } }, { id: 'x', type: 'set', config: {} }, { id: 'y', type: 'set', config: {} }],
      edges: [{ id: 'e1', source: 's', target: 'x', sourceHandle: 'gold' }, { id: 'e2', source: 's', target: 'y', sourceHandle: 'silver' }],
    };
    expect(issuesOf(graph)).toEqual([expect.objectContaining({ code: 'UNKNOWN_BRANCH', edgeId: 'e2', message: expect.stringContaining('gold, default, error') })]);
  });
});
