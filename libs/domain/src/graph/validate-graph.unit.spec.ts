import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../testing/decider-spec.js';
import { validateGraph } from './validate-graph.js';

const n = (id: string, type = 'set', config: Record<string, unknown> = {}) => ({ id, type, config });
const e = (id: string, source: string, target: string, sourceHandle?: string) => ({ id, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
const issuesOf = (raw: unknown, mode: 'draft' | 'publish' = 'publish') => {
  const result = validateGraph(raw, testCatalog, mode);
  return result.ok ? [] : result.issues;
};

describe('validateGraph', () => {
  it('accepts a well-formed graph', () => {
    const result = validateGraph({ nodes: [n('a'), n('b')], edges: [e('e1', 'a', 'b')] }, testCatalog, 'publish');
    expect(result.ok).toBe(true);
  });

  it('refuses what is not a graph', () => {
    expect(issuesOf('nope')).toEqual([expect.objectContaining({ code: 'GRAPH_SHAPE', field: 'graph' })]);
    expect(issuesOf({ nodes: {}, edges: [] })).toEqual([expect.objectContaining({ code: 'GRAPH_SHAPE', field: 'nodes' })]);
  });

  it('names the node of a bad node and the index of a node without id', () => {
    const issues = issuesOf({ nodes: [{ type: 'set' }, { id: 'x', type: 'set', config: 3 }, { id: 'bad id!', type: 'set' }], edges: [] });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'GRAPH_SHAPE', field: 'nodes[0].id' }),
        expect.objectContaining({ code: 'GRAPH_SHAPE', nodeId: 'x', field: 'nodes[1].config' }),
        expect.objectContaining({ code: 'GRAPH_SHAPE', field: 'nodes[2].id' }),
      ]),
    );
  });

  it('reports duplicate node and edge ids', () => {
    const issues = issuesOf({ nodes: [n('a'), n('a'), n('b')], edges: [e('e1', 'a', 'b'), e('e1', 'a', 'b')] });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'DUPLICATE_NODE_ID', nodeId: 'a' }),
        expect.objectContaining({ code: 'DUPLICATE_EDGE_ID', edgeId: 'e1' }),
      ]),
    );
  });

  it('reports unknown node types with the node id', () => {
    expect(issuesOf({ nodes: [n('a', 'teleport')], edges: [] })).toEqual([expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'a', field: 'type' })]);
  });

  it('reports dangling edges with the edge id and the missing end', () => {
    expect(issuesOf({ nodes: [n('a')], edges: [e('e1', 'a', 'ghost')] })).toEqual([expect.objectContaining({ code: 'DANGLING_EDGE', edgeId: 'e1', field: 'target' })]);
  });

  it('requires edges out of a branching node to name one of its branches', () => {
    const graph = { nodes: [n('c', 'if'), n('a'), n('b')], edges: [e('e1', 'c', 'a', 'true'), e('e2', 'c', 'b'), e('e3', 'c', 'b', 'maybe')] };
    const issues = issuesOf(graph);
    expect(issues.map((i) => [i.code, i.edgeId])).toEqual([
      ['UNKNOWN_BRANCH', 'e2'],
      ['UNKNOWN_BRANCH', 'e3'],
    ]);
    expect(issuesOf({ nodes: [n('a'), n('b')], edges: [e('e1', 'a', 'b', 'true')] })).toEqual([expect.objectContaining({ code: 'UNKNOWN_BRANCH', edgeId: 'e1' })]);
  });

  it('reports a cycle with the nodes on it, at publish only', () => {
    const graph = { nodes: [n('a'), n('b'), n('c')], edges: [e('e1', 'a', 'b'), e('e2', 'b', 'c'), e('e3', 'c', 'b')] };
    expect(issuesOf(graph)).toEqual([expect.objectContaining({ code: 'CYCLE', nodeId: 'b', message: expect.stringContaining('b → c → b') })]);
    expect(issuesOf(graph, 'draft')).toEqual([]);
    expect(issuesOf({ nodes: [n('a')], edges: [e('e1', 'a', 'a')] }, 'draft')).toEqual([expect.objectContaining({ code: 'SELF_LOOP', edgeId: 'e1' })]);
  });

  it('reports missing configuration with node and field, at publish only', () => {
    const graph = { nodes: [n('fetch', 'http')], edges: [] };
    expect(issuesOf(graph)).toEqual([expect.objectContaining({ code: 'INVALID_CONFIG', nodeId: 'fetch', field: 'config.url' })]);
    expect(issuesOf(graph, 'draft')).toEqual([]);
  });

  it('refuses to publish an empty graph', () => {
    expect(issuesOf({ nodes: [], edges: [] })).toEqual([expect.objectContaining({ code: 'EMPTY_GRAPH' })]);
  });

  it('refuses graphs past the size limits before looking further', () => {
    const nodes = Array.from({ length: 501 }, (_, i) => n(`n${i}`));
    expect(issuesOf({ nodes, edges: [] })).toEqual([expect.objectContaining({ code: 'TOO_LARGE', field: 'nodes' })]);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom<'draft' | 'publish'>('draft', 'publish'), (value, mode) => {
        const result = validateGraph(value, testCatalog, mode);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    const arbitraryGraph = fc.record({
      nodes: fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), type: fc.constantFrom('set', 'if', 'http', 'nope'), config: fc.object() })),
      edges: fc.array(fc.record({ id: fc.string(), source: fc.constantFrom('a', 'b', 'x'), target: fc.constantFrom('a', 'c', 'd'), sourceHandle: fc.option(fc.constantFrom('true', 'false', 'out')) })),
    });
    fc.assert(
      fc.property(arbitraryGraph, (graph) => {
        const result = validateGraph(graph, testCatalog, 'publish');
        if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
