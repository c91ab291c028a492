import type { Edge, Node } from '@xyflow/react';
import { graphToCanvas, type CanvasNodeData } from '../editor/canvas/graph-mapping';
import { DEFAULT_HANDLE, type GraphNode, type WorkflowGraph } from '../editor/canvas/workflow-graph';
import type { VersionDiff } from './versions.operations';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged';
/** One field that differs between the two versions: `config.<key>` for a config entry, else the node field (`name`, `position`, `retry`…). */
export type FieldChange = { field: string; before: unknown; after: unknown };
export type DiffNodeData = CanvasNodeData & { status: DiffStatus; changes: FieldChange[] };
export type DiffCanvasNode = Node<DiffNodeData, 'diff'>;
export type DiffCanvasEdge = Edge<{ status: DiffStatus }>;

/** Edge colours by status (also used by the legend). */
export const DIFF_COLOURS: Record<DiffStatus, string> = { added: '#16a34a', removed: '#dc2626', changed: '#d97706', unchanged: '#94a3b8' };

const same = (a: unknown, b: unknown) => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}
const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** What differs in a changed node, config entries listed one by one (`config.value`), in the API's field order then by key. */
export function fieldChanges(before: unknown, after: unknown, fields: string[]): FieldChange[] {
  const from = asRecord(before);
  const to = asRecord(after);
  return fields.flatMap((field): FieldChange[] => {
    if (field !== 'config') return [{ field, before: from[field], after: to[field] }];
    const a = asRecord(from.config);
    const b = asRecord(to.config);
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.filter((k) => !same(a[k], b[k])).map((k) => ({ field: `config.${k}`, before: a[k], after: b[k] }));
  });
}

/**
 * A version diff as a read-only canvas: the `to` graph laid out by the editor's own mapping,
 * plus the removed nodes and edges of `from` (ghosted), each marked added, removed, changed
 * or unchanged. Edges leave one handle; a named branch becomes the edge's label.
 */
export function diffToCanvas(toGraph: WorkflowGraph, diff: VersionDiff): { nodes: DiffCanvasNode[]; edges: DiffCanvasEdge[] } {
  const added = new Set(diff.nodes.added.map((n) => n.id));
  const changed = new Map(diff.nodes.changed.map((n) => [n.id, n]));
  const removedGraph = { nodes: diff.nodes.removed.map((n) => n.node as GraphNode), edges: [] };
  const current = graphToCanvas(toGraph);
  const removed = graphToCanvas(removedGraph);

  const nodes: DiffCanvasNode[] = [
    ...current.nodes.map((node): DiffCanvasNode => {
      const change = changed.get(node.id);
      const status: DiffStatus = added.has(node.id) ? 'added' : change ? 'changed' : 'unchanged';
      return { id: node.id, type: 'diff', position: node.position, data: { ...node.data, status, changes: change ? fieldChanges(change.before, change.after, change.fields) : [] } };
    }),
    ...removed.nodes.map((node): DiffCanvasNode => ({ id: node.id, type: 'diff', position: node.position, data: { ...node.data, status: 'removed', changes: [] } })),
  ];

  const addedEdges = new Set(diff.edges.added.map((e) => e.id));
  const changedEdges = new Set(diff.edges.changed.map((e) => e.id));
  const edge = (e: { id: string; source: string; target: string; sourceHandle?: string | null }, status: DiffStatus): DiffCanvasEdge => {
    const handle = e.sourceHandle ?? DEFAULT_HANDLE;
    return {
      id: `${status === 'removed' ? 'removed:' : ''}${e.id}`,
      source: e.source,
      target: e.target,
      ...(handle === DEFAULT_HANDLE ? {} : { label: handle }),
      data: { status },
      style: { stroke: DIFF_COLOURS[status], strokeWidth: status === 'unchanged' ? 1 : 2, ...(status === 'removed' ? { strokeDasharray: '6 4', opacity: 0.6 } : {}) },
    };
  };
  const edges = [
    ...current.edges.map((e) => edge(e, addedEdges.has(e.id) ? 'added' : changedEdges.has(e.id) ? 'changed' : 'unchanged')),
    ...diff.edges.removed.map((e) => edge(e, 'removed')),
  ];
  return { nodes, edges };
}

/** A short count of what changed, e.g. "1 node added, 1 changed · 1 edge added". */
export function diffSummary(diff: VersionDiff): string {
  const part = (what: string, list: { added: unknown[]; removed: unknown[]; changed: unknown[] }) => {
    const bits = [list.added.length && `${list.added.length} added`, list.removed.length && `${list.removed.length} removed`, list.changed.length && `${list.changed.length} changed`].filter(Boolean);
    return bits.length ? `${what}: ${bits.join(', ')}` : '';
  };
  const parts = [part('nodes', diff.nodes), part('edges', diff.edges), diff.settingsChanged ? 'settings changed' : ''].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'No differences';
}
