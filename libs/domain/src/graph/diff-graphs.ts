import { canonicalJson } from '../shared/canonical-json.js';
import type { WorkflowEdge, WorkflowGraph, WorkflowNode } from './graph.js';

export const NODE_FIELDS = ['type', 'name', 'config', 'position', 'retry', 'timeoutMs'] as const;
export const EDGE_FIELDS = ['source', 'target', 'sourceHandle'] as const;

export type NodeField = (typeof NODE_FIELDS)[number];
export type EdgeField = (typeof EDGE_FIELDS)[number];

/** An element present on both sides whose listed fields differ; `before` and `after` are the whole element. */
export type Changed<T, F extends string> = { id: string; fields: F[]; before: T; after: T };

export type ElementDiff<T, F extends string> = { added: T[]; removed: T[]; changed: Changed<T, F>[] };

/** What changed between two graphs, each list ordered by id. */
export type GraphDiff = {
  nodes: ElementDiff<WorkflowNode, NodeField>;
  edges: ElementDiff<WorkflowEdge, EdgeField>;
  settingsChanged: boolean;
};

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Equal as JSON, whatever the key order (JSONB reorders keys). */
const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

function diffElements<T extends { id: string }, F extends string & keyof T>(before: readonly T[], after: readonly T[], fields: readonly F[]): ElementDiff<T, F> {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Map(after.map((e) => [e.id, e]));
  const changed: Changed<T, F>[] = [];
  for (const next of [...after].sort(byId)) {
    const previous = old.get(next.id);
    if (!previous) continue;
    const differing = fields.filter((field) => !sameJson(previous[field], next[field]));
    if (differing.length) changed.push({ id: next.id, fields: differing, before: previous, after: next });
  }
  return {
    added: after.filter((e) => !old.has(e.id)).sort(byId),
    removed: before.filter((e) => !now.has(e.id)).sort(byId),
    changed,
  };
}

/**
 * Pure: the nodes and edges added, removed and changed (matched by id) from
 * `before` to `after`, and whether the workflow settings differ. Values are
 * compared as JSON with key order ignored; absent settings equal `{}`.
 */
export function diffGraphs(before: WorkflowGraph, after: WorkflowGraph): GraphDiff {
  return {
    nodes: diffElements(before.nodes, after.nodes, NODE_FIELDS),
    edges: diffElements(before.edges, after.edges, EDGE_FIELDS),
    settingsChanged: !sameJson(before.settings ?? {}, after.settings ?? {}),
  };
}
