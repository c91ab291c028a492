import { describe, expect, it } from 'vitest';
import { canvasToGraph, graphToCanvas, nextId } from './graph-mapping';
import { outputHandles } from './node-handles';
import type { WorkflowGraph } from './workflow-graph';

const graph: WorkflowGraph = {
  nodes: [
    { id: 'check', type: 'if', name: 'Big?', config: { condition: '{{ n > 50 }}' }, position: { x: 0, y: 0 }, retry: { maxAttempts: 2 } },
    { id: 'big', type: 'set', config: { values: { size: 'big' } }, position: { x: 300, y: 0 } },
    { id: 'done', type: 'set', config: {}, position: { x: 600, y: 0 }, timeoutMs: 500 },
  ],
  edges: [
    { id: 'e1', source: 'check', target: 'big', sourceHandle: 'true' },
    { id: 'e2', source: 'big', target: 'done' },
  ],
  settings: { timeoutMs: 60000 },
};

describe('graph ↔ canvas mapping', () => {
  it('round-trips a graph, keeping fields the editor does not edit (retry, timeoutMs, settings)', () => {
    const { nodes, edges } = graphToCanvas(graph);
    expect(canvasToGraph(nodes, edges, graph.settings)).toEqual(graph);
  });

  it('maps a plain edge to the default handle and back to no sourceHandle', () => {
    const { edges } = graphToCanvas(graph);
    expect(edges.map((e) => e.sourceHandle)).toEqual(['true', 'out']);
    expect(canvasToGraph([], edges).edges[1]).toEqual({ id: 'e2', source: 'big', target: 'done' });
  });

  it('places nodes without a position on a grid, and rounds positions when saving', () => {
    const { nodes } = graphToCanvas({ nodes: [{ id: 'a', type: 'set' }, { id: 'b', type: 'set' }], edges: [] });
    expect(nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 260, y: 0 }]);
    const moved = [{ ...nodes[0]!, position: { x: 10.6, y: -3.2 } }];
    expect(canvasToGraph(moved, []).nodes[0]).toEqual({ id: 'a', type: 'set', config: {}, position: { x: 11, y: -3 } });
  });

  it('makes fresh ids that match the API pattern', () => {
    expect(nextId('set', ['set_1', 'set_2'])).toBe('set_3');
    expect(nextId('1x', [])).toBe('n_1x_1');
  });
});

describe('output handles', () => {
  it('uses the fixed branches of the type, or the single default output', () => {
    expect(outputHandles({ type: 'if', branches: ['true', 'false'] }, {})).toEqual(['true', 'false']);
    expect(outputHandles({ type: 'set', branches: ['out'] }, {})).toEqual(['out']);
    expect(outputHandles(undefined, {})).toEqual(['out']);
  });

  it("derives a switch's handles from its cases, then default", () => {
    expect(outputHandles({ type: 'switch', branches: null }, { cases: [{ branch: 'a' }, { branch: 'b' }, { branch: 'a' }, {}] })).toEqual(['a', 'b', 'default']);
    expect(outputHandles({ type: 'switch', branches: null }, {})).toEqual(['default']);
  });

  it("derives a wait's handles from what it waits for", () => {
    expect(outputHandles({ type: 'wait', branches: null }, { for: 'approval' })).toEqual(['approved', 'rejected', 'timeout']);
    expect(outputHandles({ type: 'wait', branches: null }, { for: 'event', event: 'paid' })).toEqual(['received', 'timeout']);
  });
});
