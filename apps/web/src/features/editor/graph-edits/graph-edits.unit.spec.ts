import { describe, expect, it } from 'vitest';
import type { CanvasEdge, CanvasNode } from '../canvas/graph-mapping';
import { copySelection, pasteClipboard } from './clipboard';
import { deleteSelection } from './delete-selection';

const node = (id: string, nodeType: string, selected = false, x = 0): CanvasNode => ({ id, type: 'weft', position: { x, y: 0 }, selected, data: { nodeType, config: { v: id }, extra: {} } });
const edge = (id: string, source: string, target: string, selected = false): CanvasEdge => ({ id, source, target, sourceHandle: 'out', selected });

const nodes = [node('set_1', 'set', true, 0), node('delay_1', 'delay', true, 300), node('set_2', 'set', false, 600)];
const edges = [edge('e_1', 'set_1', 'delay_1'), edge('e_2', 'delay_1', 'set_2')];

describe('copy and paste', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const clip = copySelection(nodes, edges)!;
    expect(clip.nodes.map((n) => n.id)).toEqual(['set_1', 'delay_1']);
    expect(clip.edges.map((e) => e.id)).toEqual(['e_1']);
    expect(copySelection(nodes.map((n) => ({ ...n, selected: false })), edges)).toBeUndefined();
  });

  it('pastes with fresh ids, offset positions and edges remapped onto the new ids', () => {
    const pasted = pasteClipboard(copySelection(nodes, edges)!, { nodes, edges }, { x: 40, y: 40 });
    expect(pasted.nodes.map((n) => [n.id, n.position.x, n.position.y, n.selected])).toEqual([
      ['set_3', 40, 40, true],
      ['delay_2', 340, 40, true],
    ]);
    expect(pasted.nodes[0]!.data.config).toEqual({ v: 'set_1' });
    expect(pasted.edges).toEqual([{ id: 'e_3', source: 'set_3', target: 'delay_2', sourceHandle: 'out', selected: false }]);
  });

  it('does not share config objects with the originals', () => {
    const clip = copySelection(nodes, edges)!;
    const pasted = pasteClipboard(clip, { nodes, edges }, { x: 0, y: 0 });
    pasted.nodes[0]!.data.config.v = 'changed';
    expect(nodes[0]!.data.config.v).toBe('set_1');
  });
});

describe('deleting the selection', () => {
  it('removes selected nodes with every edge touching them, and selected edges', () => {
    const result = deleteSelection([node('a', 'set', true), node('b', 'set'), node('c', 'set')], [edge('e1', 'a', 'b'), edge('e2', 'b', 'c', true), edge('e3', 'c', 'b')])!;
    expect(result.nodes.map((n) => n.id)).toEqual(['b', 'c']);
    expect(result.edges.map((e) => e.id)).toEqual(['e3']);
    expect(result.removedNodeIds).toEqual(['a']);
  });

  it('does nothing when nothing is selected', () => {
    expect(deleteSelection([node('a', 'set')], [edge('e1', 'a', 'a')])).toBeUndefined();
  });
});
