import type { CanvasEdge, CanvasNode } from '../canvas/graph-mapping';
import { nextId } from '../canvas/graph-mapping';

/** What Ctrl/Cmd-C keeps: the selected nodes and the edges between them (edges to nodes left behind are dropped). */
export type Clipboard = { nodes: CanvasNode[]; edges: CanvasEdge[] };

export function copySelection(nodes: CanvasNode[], edges: CanvasEdge[]): Clipboard | undefined {
  const copied = nodes.filter((n) => n.selected);
  if (copied.length === 0) return undefined;
  const ids = new Set(copied.map((n) => n.id));
  return { nodes: structuredClone(copied), edges: structuredClone(edges.filter((e) => ids.has(e.source) && ids.has(e.target))) };
}

/**
 * The clipboard's nodes with fresh ids (none taken by `existing`), moved by `offset`, and
 * their edges remapped onto the new ids. The pasted nodes come selected.
 */
export function pasteClipboard(clipboard: Clipboard, existing: { nodes: CanvasNode[]; edges: CanvasEdge[] }, offset: { x: number; y: number }): Clipboard {
  const takenNodes = new Set(existing.nodes.map((n) => n.id));
  const takenEdges = new Set(existing.edges.map((e) => e.id));
  const renamed = new Map<string, string>();
  const nodes = clipboard.nodes.map((node): CanvasNode => {
    const id = nextId(node.data.nodeType, takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    const { measured: _measured, dragging: _dragging, ...rest } = node;
    return { ...structuredClone(rest), id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y }, selected: true };
  });
  const edges = clipboard.edges.flatMap((edge): CanvasEdge[] => {
    const source = renamed.get(edge.source);
    const target = renamed.get(edge.target);
    if (!source || !target) return [];
    const id = nextId('e', takenEdges);
    takenEdges.add(id);
    return [{ ...structuredClone(edge), id, source, target, selected: false }];
  });
  return { nodes, edges };
}
