import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../shared/json.js';
import { diffGraphs } from './diff-graphs.js';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from './graph.js';

const n = (id: string, type = 'set', config: JsonObject = {}, extra: Partial<WorkflowNode> = {}): WorkflowNode => ({ id, type, config, ...extra });
const e = (id: string, source: string, target: string, sourceHandle?: string): WorkflowEdge => ({ id, source, target, ...(sourceHandle ? { sourceHandle } : {}) });
const noChange = { added: [], removed: [], changed: [] };

const base: WorkflowGraph = {
  nodes: [n('check', 'if', { condition: '{{ n > 1 }}' }), n('big', 'set', { values: { size: 'big', n: 1 } }, { position: { x: 0, y: 0 } }), n('small')],
  edges: [e('e1', 'check', 'big', 'true'), e('e2', 'check', 'small', 'false')],
};

describe('diffGraphs', () => {
  it('given identical graphs, when diffed, then nothing changed', () => {
    expect(diffGraphs(base, structuredClone(base))).toEqual({ nodes: noChange, edges: noChange, settingsChanged: false });
  });

  it('given a config with its keys reordered and nodes listed in another order, when diffed, then nothing changed', () => {
    const reordered: WorkflowGraph = {
      nodes: [n('small'), n('big', 'set', { values: { n: 1, size: 'big' } }, { position: { y: 0, x: 0 } }), n('check', 'if', { condition: '{{ n > 1 }}' })],
      edges: [...base.edges].reverse(),
    };
    expect(diffGraphs(base, reordered)).toEqual({ nodes: noChange, edges: noChange, settingsChanged: false });
  });

  it('given a node moved on the canvas, when diffed, then only its position is reported', () => {
    const moved = { ...base, nodes: base.nodes.map((node) => (node.id === 'big' ? { ...node, position: { x: 40, y: 0 } } : node)) };
    expect(diffGraphs(base, moved).nodes).toEqual({
      added: [],
      removed: [],
      changed: [{ id: 'big', fields: ['position'], before: base.nodes[1], after: moved.nodes[1] }],
    });
  });

  it('given nodes added, removed and changed, when diffed, then each is listed by id with the fields that differ', () => {
    const after: WorkflowGraph = {
      nodes: [
        n('check', 'switch', { condition: '{{ n > 2 }}' }),
        n('big', 'set', { values: { size: 'big', n: 1 } }, { position: { x: 0, y: 0 }, name: 'Big', retry: { maxAttempts: 3, backoff: 'fixed', initialIntervalMs: 10, maxIntervalMs: 10, jitter: 0 }, timeoutMs: 500 }),
        n('zeta'),
        n('alpha'),
      ],
      edges: base.edges,
    };
    const diff = diffGraphs(base, after).nodes;
    expect(diff.added.map((node) => node.id)).toEqual(['alpha', 'zeta']);
    expect(diff.removed).toEqual([n('small')]);
    expect(diff.changed.map(({ id, fields }) => ({ id, fields }))).toEqual([
      { id: 'big', fields: ['name', 'retry', 'timeoutMs'] },
      { id: 'check', fields: ['type', 'config'] },
    ]);
  });

  it('given edges rewired, added and removed, when diffed, then each is listed by id', () => {
    const after: WorkflowGraph = { nodes: base.nodes, edges: [e('e2', 'small', 'big'), e('e1', 'check', 'big', 'false'), e('e0', 'check', 'small', 'true')] };
    expect(diffGraphs(base, after).edges).toEqual({
      added: [e('e0', 'check', 'small', 'true')],
      removed: [],
      changed: [
        { id: 'e1', fields: ['sourceHandle'], before: e('e1', 'check', 'big', 'true'), after: e('e1', 'check', 'big', 'false') },
        { id: 'e2', fields: ['source', 'target', 'sourceHandle'], before: e('e2', 'check', 'small', 'false'), after: e('e2', 'small', 'big') },
      ],
    });
    expect(diffGraphs(after, base).edges.removed).toEqual([e('e0', 'check', 'small', 'true')]);
  });

  it('given settings changed, when diffed, then settingsChanged; absent settings equal empty ones', () => {
    expect(diffGraphs(base, { ...base, settings: { timeoutMs: 1000 } }).settingsChanged).toBe(true);
    expect(diffGraphs({ ...base, settings: { timeoutMs: 1000, maxConcurrentRuns: 2 } }, { ...base, settings: { maxConcurrentRuns: 2, timeoutMs: 1000 } }).settingsChanged).toBe(false);
    expect(diffGraphs(base, { ...base, settings: {} }).settingsChanged).toBe(false);
  });

  it('given an empty graph before, when diffed, then everything is added', () => {
    const diff = diffGraphs({ nodes: [], edges: [] }, base);
    expect(diff.nodes.added.map((node) => node.id)).toEqual(['big', 'check', 'small']);
    expect(diff.edges.added.map((edge) => edge.id)).toEqual(['e1', 'e2']);
  });
});
