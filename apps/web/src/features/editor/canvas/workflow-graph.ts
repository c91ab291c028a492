/** The API's graph format (docs/api.md "Graph format"): what drafts and versions hold. */
export type GraphNode = {
  id: string;
  type: string;
  name?: string;
  config?: Record<string, unknown>;
  position?: { x: number; y: number };
  /** retry, timeoutMs and any field the editor does not edit: carried through untouched. */
  [field: string]: unknown;
};

export type GraphEdge = { id: string; source: string; target: string; sourceHandle?: string | null };

export type WorkflowGraph = { nodes: GraphNode[]; edges: GraphEdge[]; settings?: unknown };

/** What the API tells about a node type (the `nodeTypes` query). */
export type NodeTypeInfo = {
  type: string;
  title: string;
  description: string;
  category: string;
  configSchema: Record<string, unknown>;
  configSchemaNote: string | null;
  branches: string[] | null;
  branchesNote: string | null;
};

/** Node and edge ids, as the API accepts them. */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The handle of a single-output node; edges from it carry no `sourceHandle` in the graph. */
export const DEFAULT_HANDLE = 'out';
/** Every node may also leave by its error handle. */
export const ERROR_HANDLE = 'error';

/** A node type as the API answers it (`configSchema` is JSON), read as `NodeTypeInfo`: a schema that is not an object counts as `{}`. */
export function nodeTypeInfo(type: Omit<NodeTypeInfo, 'configSchema'> & { configSchema: unknown }): NodeTypeInfo {
  const { configSchema } = type;
  return { ...type, configSchema: typeof configSchema === 'object' && configSchema !== null && !Array.isArray(configSchema) ? (configSchema as Record<string, unknown>) : {} };
}

export function asWorkflowGraph(value: unknown): WorkflowGraph {
  const graph = (value ?? {}) as Partial<WorkflowGraph>;
  return { ...graph, nodes: Array.isArray(graph.nodes) ? graph.nodes : [], edges: Array.isArray(graph.edges) ? graph.edges : [] };
}
