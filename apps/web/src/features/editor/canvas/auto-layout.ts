import dagre from '@dagrejs/dagre';
import type { CanvasEdge, CanvasNode } from './graph-mapping';

const SIZE = { width: 200, height: 80 };

/** Left-to-right layered layout (dagre); returns new nodes, edges unchanged. */
export function autoLayout(nodes: CanvasNode[], edges: CanvasEdge[]): CanvasNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 80 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, { ...SIZE });
  for (const edge of edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  return nodes.map((node) => {
    const at = g.node(node.id) as { x: number; y: number } | undefined;
    return at ? { ...node, position: { x: at.x - SIZE.width / 2, y: at.y - SIZE.height / 2 } } : node;
  });
}
