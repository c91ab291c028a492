import type { Edge, Node } from '@xyflow/react';
import { DEFAULT_HANDLE, ID_PATTERN, type GraphEdge, type GraphNode, type WorkflowGraph } from './workflow-graph';

/** What a canvas node carries: the graph node minus its id and position, kept whole so saving loses nothing. */
export type CanvasNodeData = { nodeType: string; name?: string; config: Record<string, unknown>; extra: Record<string, unknown> };
export type CanvasNode = Node<CanvasNodeData, 'weft'>;
export type CanvasEdge = Edge;

const GRID = { x: 260, y: 140 };

/** Graph → canvas. Nodes without a position are put on a simple grid (auto-layout can tidy them later). */
export function graphToCanvas(graph: WorkflowGraph): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  const nodes = graph.nodes.map((node, index): CanvasNode => {
    const { id, type, name, config, position, ...extra } = node;
    return {
      id,
      type: 'weft',
      position: position ?? { x: (index % 4) * GRID.x, y: Math.floor(index / 4) * GRID.y },
      data: { nodeType: type, ...(name === undefined ? {} : { name }), config: config ?? {}, extra },
    };
  });
  const edges = graph.edges.map((edge): CanvasEdge => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? DEFAULT_HANDLE }));
  return { nodes, edges };
}

/** Canvas → graph: the inverse of graphToCanvas (positions rounded; the default handle becomes no `sourceHandle`). */
export function canvasToGraph(nodes: CanvasNode[], edges: CanvasEdge[], settings?: unknown): WorkflowGraph {
  const graphNodes = nodes.map((node): GraphNode => ({
    ...node.data.extra,
    id: node.id,
    type: node.data.nodeType,
    ...(node.data.name ? { name: node.data.name } : {}),
    config: node.data.config,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
  }));
  const graphEdges = edges.map((edge): GraphEdge => {
    const handle = edge.sourceHandle ?? DEFAULT_HANDLE;
    return { id: edge.id, source: edge.source, target: edge.target, ...(handle === DEFAULT_HANDLE ? {} : { sourceHandle: handle }) };
  });
  return { nodes: graphNodes, edges: graphEdges, ...(settings === undefined ? {} : { settings }) };
}

/** A fresh id `<prefix>_<n>` that matches the API's id pattern and is not taken. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  if (!ID_PATTERN.test(base)) base = `n_${base}`;
  for (let n = 1; ; n += 1) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}
