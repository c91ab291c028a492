import type { GraphDiff, WorkflowEdge, WorkflowNode } from '@weft/domain';
import type { DiffEdge, DiffNode, WorkflowVersionDiff } from './version-diff.types.js';

const toNode = (node: WorkflowNode): DiffNode => ({ id: node.id, type: node.type, name: node.name ?? null, node });

const toEdge = (edge: WorkflowEdge): DiffEdge => ({ id: edge.id, source: edge.source, target: edge.target, sourceHandle: edge.sourceHandle ?? null });

/** The domain's diff of two versions' graphs as the GraphQL type. */
export const versionDiffFrom = (workflowId: string, from: number, to: number, diff: GraphDiff): WorkflowVersionDiff => ({
  workflowId,
  from,
  to,
  nodes: { added: diff.nodes.added.map(toNode), removed: diff.nodes.removed.map(toNode), changed: diff.nodes.changed },
  edges: {
    added: diff.edges.added.map(toEdge),
    removed: diff.edges.removed.map(toEdge),
    changed: diff.edges.changed.map((c) => ({ id: c.id, fields: c.fields, before: toEdge(c.before), after: toEdge(c.after) })),
  },
  settingsChanged: diff.settingsChanged,
});
