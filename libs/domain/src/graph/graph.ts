import type { JsonObject } from '../shared/json.js';

/** One step on the canvas. `config` values may hold `{{ expression }}` templates. */
export type WorkflowNode = {
  id: string;
  type: string;
  name?: string;
  config: JsonObject;
  position?: { x: number; y: number };
};

/**
 * A path between two nodes. `sourceHandle` names the branch of the source
 * it leaves from (`true` / `false` for an if); it is absent for nodes with one output.
 */
export type WorkflowEdge = {
  id: string;
  source: string;
  target: string;
  sourceHandle?: string;
};

export type WorkflowGraph = { nodes: WorkflowNode[]; edges: WorkflowEdge[] };

/** The default single output of a node that does not branch. */
export const DEFAULT_HANDLE = 'out';

/** A problem found in a graph, naming what it is about. */
export type GraphIssue = {
  code:
    | 'GRAPH_SHAPE'
    | 'DUPLICATE_NODE_ID'
    | 'DUPLICATE_EDGE_ID'
    | 'DANGLING_EDGE'
    | 'UNKNOWN_NODE_TYPE'
    | 'UNKNOWN_BRANCH'
    | 'SELF_LOOP'
    | 'CYCLE'
    | 'INVALID_CONFIG'
    | 'EMPTY_GRAPH'
    | 'TOO_LARGE';
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Path inside the node's config, e.g. `url` or `headers.0.name`. */
  field?: string;
};

/**
 * What the domain needs to know about a node type, supplied by the node
 * plugins: the branches it can take and a pure check of its configuration.
 */
export type NodeTypeSpec = {
  type: string;
  /** Output handles; omitted means a single default output. */
  branches?: readonly string[];
  /** The task queue its work goes to (`default` when omitted). */
  queue?: string;
  /** Pure: returns the problems of a configuration, ignoring `{{ }}` expressions it cannot judge yet. */
  validateConfig(config: JsonObject): { field: string; message: string }[];
};

export type NodeTypeCatalog = ReadonlyMap<string, NodeTypeSpec>;
