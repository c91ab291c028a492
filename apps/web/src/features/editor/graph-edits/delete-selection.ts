import type { CanvasEdge, CanvasNode } from '../canvas/graph-mapping';

/** The graph without its selected nodes, their edges, and the selected edges; undefined when nothing is selected. */
export function deleteSelection(nodes: CanvasNode[], edges: CanvasEdge[]): { nodes: CanvasNode[]; edges: CanvasEdge[]; removedNodeIds: string[] } | undefined {
  const removed = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
  const keptEdges = edges.filter((e) => !e.selected && !removed.has(e.source) && !removed.has(e.target));
  if (removed.size === 0 && keptEdges.length === edges.length) return undefined;
  return { nodes: nodes.filter((n) => !removed.has(n.id)), edges: keptEdges, removedNodeIds: [...removed] };
}
