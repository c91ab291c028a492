import { DEFAULT_HANDLE, ERROR_HANDLE, type NodeTypeSpec, type WorkflowEdge, type WorkflowGraph, type WorkflowNode } from './graph.js';

/** Adjacency of a graph, computed once per graph and shared by validation and the run decider. */
export type GraphIndex = {
  nodes: ReadonlyMap<string, WorkflowNode>;
  incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
  outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  roots: readonly string[];
  sinks: readonly string[];
};

export const handleOf = (edge: WorkflowEdge): string => edge.sourceHandle ?? DEFAULT_HANDLE;

/** Indexes a graph whose edges all point at existing nodes (parse and check first). */
export function indexGraph(graph: WorkflowGraph): GraphIndex {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = new Map<string, WorkflowEdge[]>(graph.nodes.map((n) => [n.id, []]));
  const outgoing = new Map<string, WorkflowEdge[]>(graph.nodes.map((n) => [n.id, []]));
  for (const edge of graph.edges) {
    incoming.get(edge.target)?.push(edge);
    outgoing.get(edge.source)?.push(edge);
  }
  return {
    nodes,
    incoming,
    outgoing,
    roots: graph.nodes.filter((n) => incoming.get(n.id)?.length === 0).map((n) => n.id),
    sinks: graph.nodes.filter((n) => outgoing.get(n.id)?.length === 0).map((n) => n.id),
  };
}

/** A cycle as a list of node ids (first id repeated at the end), or undefined when the graph is acyclic. */
export function findCycle(index: GraphIndex): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    state.set(id, 'visiting');
    stack.push(id);
    for (const edge of index.outgoing.get(id) ?? []) {
      const next = state.get(edge.target);
      if (next === 'visiting') return [...stack.slice(stack.indexOf(edge.target)), edge.target];
      if (next === undefined) {
        const found = visit(edge.target);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of index.nodes.keys()) {
    if (!state.has(id)) {
      const found = visit(id);
      if (found) return found;
    }
  }
  return undefined;
}

/** The branches a node reports on success: its type's (or its config's) branches, else the single default output. */
export function successBranches(spec: NodeTypeSpec, node: WorkflowNode): readonly string[] {
  return spec.branchesOf?.(node.config) ?? spec.branches ?? [DEFAULT_HANDLE];
}

/** Every handle an edge may leave the node by: its success branches, and the error handle every node has. */
export const handlesOf = (spec: NodeTypeSpec, node: WorkflowNode): readonly string[] => [...successBranches(spec, node), ERROR_HANDLE];

/** Whether the node has an error edge: its final failure then goes on along it instead of failing the run. */
export const hasErrorPath = (index: GraphIndex, nodeId: string): boolean => (index.outgoing.get(nodeId) ?? []).some((edge) => handleOf(edge) === ERROR_HANDLE);
