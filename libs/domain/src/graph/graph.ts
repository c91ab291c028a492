import type { JsonObject } from '../shared/json.js';

/**
 * How a node's failed attempts are tried again. The wait before attempt n+1 is
 * `initialIntervalMs` (fixed) or `initialIntervalMs * 2^(n-1)` (exponential), capped at
 * `maxIntervalMs`, then spread by up to `jitter` (0–1) of itself. Only retryable errors retry.
 */
export type RetryPolicy = {
  maxAttempts: number;
  backoff: 'fixed' | 'exponential';
  initialIntervalMs: number;
  maxIntervalMs: number;
  jitter: number;
};

/** One step on the canvas. `config` values may hold `{{ expression }}` templates. */
export type WorkflowNode = {
  id: string;
  type: string;
  name?: string;
  config: JsonObject;
  position?: { x: number; y: number };
  /** Tries after a retryable failure; absent: one attempt. */
  retry?: RetryPolicy;
  /** Time limit of each attempt, in ms; the worker aborts the node through its signal. */
  timeoutMs?: number;
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

/** Settings of the whole workflow, pinned with its version. */
export type WorkflowSettings = {
  /** Time limit of a whole run, in ms: past it the run fails with RUN_TIMEOUT and its running nodes are aborted. */
  timeoutMs?: number;
  /** At most this many runs of the workflow run at once; more wait their turn, in order. */
  maxConcurrentRuns?: number;
};

export type WorkflowGraph = { nodes: WorkflowNode[]; edges: WorkflowEdge[]; settings?: WorkflowSettings };

/** The default single output of a node that does not branch. */
export const DEFAULT_HANDLE = 'out';

/** The handle any node may have: taken, carrying the error, after its last attempt fails. */
export const ERROR_HANDLE = 'error';

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
 * When a join node becomes ready: once every incoming edge is settled with at
 * least one live (`all`, the default), as soon as one is live (`first`), or as
 * soon as `count` are live (`any`; with fewer live once all are settled, it runs with those).
 */
export type JoinPolicy = { kind: 'all' } | { kind: 'first' } | { kind: 'any'; count: number };

/**
 * What the domain needs to know about a node type, supplied by the node
 * plugins: the branches it can take and a pure check of its configuration.
 */
export type NodeTypeSpec = {
  type: string;
  /** Output handles; omitted means a single default output. */
  branches?: readonly string[];
  /** Output handles that depend on the node's configuration (a switch's cases); wins over `branches`. Pure, total. */
  branchesOf?: (config: JsonObject) => readonly string[];
  /** How the node joins its incoming edges; omitted: `all`. Pure, total. */
  joinOf?: (config: JsonObject) => JoinPolicy;
  /** The task queue its work goes to (`default` when omitted). */
  queue?: string;
  /** Pure: returns the problems of a configuration, ignoring `{{ }}` expressions it cannot judge yet. */
  validateConfig(config: JsonObject): { field: string; message: string }[];
};

export type NodeTypeCatalog = ReadonlyMap<string, NodeTypeSpec>;
