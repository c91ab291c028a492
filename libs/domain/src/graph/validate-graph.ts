import { ERROR_HANDLE, type GraphIssue, type NodeTypeCatalog, type WorkflowGraph } from './graph.js';
import { findCycle, handleOf, handlesOf, indexGraph, successBranches } from './graph-index.js';
import { DEFAULT_GRAPH_LIMITS, type GraphLimits } from './graph-limits.js';
import { parseGraph } from './parse-graph.js';

/**
 * `draft`: what makes it a graph at all (shape, ids, known types, edges between
 * existing nodes and branches) — a draft may be unfinished.
 * `publish`: also configuration, cycles and emptiness — what a run needs.
 */
export type ValidationMode = 'draft' | 'publish';

export type GraphValidation = { ok: true; graph: WorkflowGraph } | { ok: false; issues: GraphIssue[] };

/** Validates untrusted JSON as a workflow graph. Pure; never throws; lists every problem found. */
export function validateGraph(raw: unknown, catalog: NodeTypeCatalog, mode: ValidationMode, limits: GraphLimits = DEFAULT_GRAPH_LIMITS): GraphValidation {
  const { graph, issues } = parseGraph(raw, limits);
  if (issues.some((i) => i.code === 'TOO_LARGE' && !i.nodeId)) return { ok: false, issues };
  issues.push(...checkStructure(graph, catalog));
  if (mode === 'publish' && issues.length === 0) issues.push(...checkRunnable(graph, catalog));
  return issues.length ? { ok: false, issues } : { ok: true, graph };
}

function checkStructure(graph: WorkflowGraph, catalog: NodeTypeCatalog): GraphIssue[] {
  const issues: GraphIssue[] = [];
  const seenNodes = new Set<string>();
  for (const node of graph.nodes) {
    if (seenNodes.has(node.id)) issues.push({ code: 'DUPLICATE_NODE_ID', nodeId: node.id, message: `node id "${node.id}" is used more than once` });
    seenNodes.add(node.id);
    if (!catalog.has(node.type)) issues.push({ code: 'UNKNOWN_NODE_TYPE', nodeId: node.id, field: 'type', message: `unknown node type "${node.type}"` });
  }
  const seenEdges = new Set<string>();
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  for (const edge of graph.edges) {
    if (seenEdges.has(edge.id)) issues.push({ code: 'DUPLICATE_EDGE_ID', edgeId: edge.id, message: `edge id "${edge.id}" is used more than once` });
    seenEdges.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!nodes.has(edge[end])) issues.push({ code: 'DANGLING_EDGE', edgeId: edge.id, field: end, message: `${end} "${edge[end]}" is not a node of this graph` });
    }
    if (edge.source === edge.target) issues.push({ code: 'SELF_LOOP', edgeId: edge.id, nodeId: edge.source, message: 'an edge cannot connect a node to itself' });
    const source = nodes.get(edge.source);
    const spec = source && catalog.get(source.type);
    if (source && spec && !handlesOf(spec, source).includes(handleOf(edge))) {
      const branches = successBranches(spec, source);
      issues.push({
        code: 'UNKNOWN_BRANCH',
        edgeId: edge.id,
        nodeId: edge.source,
        field: 'sourceHandle',
        message:
          spec.branches || spec.branchesOf
            ? `leaves "${edge.source}" (${spec.type}) by "${edge.sourceHandle ?? ''}"; it must name one of its branches: ${[...branches, ERROR_HANDLE].join(', ')}`
            : `"${edge.source}" (${spec.type}) has a single output; omit sourceHandle (or use "${branches[0]}"), or use "${ERROR_HANDLE}" for its error path`,
      });
    }
  }
  return issues;
}

function checkRunnable(graph: WorkflowGraph, catalog: NodeTypeCatalog): GraphIssue[] {
  if (graph.nodes.length === 0) return [{ code: 'EMPTY_GRAPH', field: 'nodes', message: 'a workflow needs at least one node to be published' }];
  const issues: GraphIssue[] = [];
  for (const node of graph.nodes) {
    for (const problem of catalog.get(node.type)?.validateConfig(node.config) ?? []) {
      issues.push({ code: 'INVALID_CONFIG', nodeId: node.id, field: problem.field ? `config.${problem.field}` : 'config', message: problem.message });
    }
  }
  const cycle = findCycle(indexGraph(graph));
  if (cycle) {
    issues.push({ code: 'CYCLE', nodeId: cycle[0], message: `cycle ${cycle.join(' → ')}: loops must use a loop node` });
  }
  return issues;
}
