import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../editor/canvas/workflow-graph';
import { DIFF_COLOURS, diffSummary, diffToCanvas, fieldChanges } from './diff-canvas';
import type { VersionDiff } from './versions.operations';

const v1Start = { id: 'start', type: 'set', config: { value: { n: 1 }, mode: 'merge' }, position: { x: 0, y: 0 } };
const v2Start = { ...v1Start, config: { mode: 'merge', value: { n: 2 } } };
const old = { id: 'old', type: 'delay', config: { ms: 10 }, position: { x: 300, y: 0 } };
const fresh = { id: 'fresh', type: 'set', name: 'Fresh', config: {}, position: { x: 300, y: 200 } };

const to: WorkflowGraph = {
  nodes: [v2Start, fresh, { id: 'check', type: 'if', config: {}, position: { x: 600, y: 0 } }],
  edges: [
    { id: 'e1', source: 'start', target: 'fresh' },
    { id: 'e2', source: 'check', target: 'fresh', sourceHandle: 'true' },
  ],
};
const diff: VersionDiff = {
  settingsChanged: false,
  nodes: { added: [{ id: 'fresh', type: 'set', name: 'Fresh', node: fresh }], removed: [{ id: 'old', type: 'delay', name: null, node: old }], changed: [{ id: 'start', fields: ['config'], before: v1Start, after: v2Start }] },
  edges: {
    added: [{ id: 'e1', source: 'start', target: 'fresh', sourceHandle: null }],
    removed: [{ id: 'e9', source: 'start', target: 'old', sourceHandle: null }],
    changed: [],
  },
};

describe('diffToCanvas', () => {
  const canvas = diffToCanvas(to, diff);
  const node = (id: string) => canvas.nodes.find((n) => n.id === id)!;
  const edge = (id: string) => canvas.edges.find((e) => e.id === id)!;

  it('marks the nodes of the later version added, changed or unchanged, and ghosts the removed ones where they were', () => {
    expect(canvas.nodes.map((n) => [n.id, n.data.status])).toEqual([
      ['start', 'changed'],
      ['fresh', 'added'],
      ['check', 'unchanged'],
      ['old', 'removed'],
    ]);
    expect(node('old').position).toEqual({ x: 300, y: 0 });
    expect(node('old').data).toMatchObject({ nodeType: 'delay', config: { ms: 10 } });
    expect(node('fresh').data.name).toBe('Fresh');
  });

  it('lists the changed config entries of a changed node, ignoring key order', () => {
    expect(node('start').data.changes).toEqual([{ field: 'config.value', before: { n: 1 }, after: { n: 2 } }]);
    expect(node('check').data.changes).toEqual([]);
  });

  it('colours edges by status, keeps removed edges dashed under their own id, and labels named branches', () => {
    expect(canvas.edges.map((e) => [e.id, e.data?.status])).toEqual([
      ['e1', 'added'],
      ['e2', 'unchanged'],
      ['removed:e9', 'removed'],
    ]);
    expect(edge('e1').style).toMatchObject({ stroke: DIFF_COLOURS.added });
    expect(edge('removed:e9').style).toMatchObject({ stroke: DIFF_COLOURS.removed, strokeDasharray: '6 4' });
    expect(edge('e2').label).toBe('true');
    expect(edge('e1').label).toBeUndefined();
  });

  it('marks a changed edge amber', () => {
    const moved = diffToCanvas(to, { ...diff, edges: { added: [], removed: [], changed: [{ id: 'e2', fields: ['target'], before: { id: 'e2', source: 'check', target: 'old', sourceHandle: 'true' }, after: { id: 'e2', source: 'check', target: 'fresh', sourceHandle: 'true' } }] } });
    expect(moved.edges.find((e) => e.id === 'e2')?.style).toMatchObject({ stroke: DIFF_COLOURS.changed });
  });
});

describe('fieldChanges', () => {
  it('keeps non-config fields whole and splits config into its entries (added and removed keys too)', () => {
    expect(fieldChanges({ name: 'A', config: { a: 1, b: 2 } }, { name: 'B', config: { b: 3, c: 4 } }, ['name', 'config'])).toEqual([
      { field: 'name', before: 'A', after: 'B' },
      { field: 'config.a', before: 1, after: undefined },
      { field: 'config.b', before: 2, after: 3 },
      { field: 'config.c', before: undefined, after: 4 },
    ]);
  });
});

describe('diffSummary', () => {
  it('counts what changed', () => {
    expect(diffSummary(diff)).toBe('nodes: 1 added, 1 removed, 1 changed · edges: 1 added, 1 removed');
    expect(diffSummary({ settingsChanged: false, nodes: { added: [], removed: [], changed: [] }, edges: { added: [], removed: [], changed: [] } })).toBe('No differences');
  });
});
