/** Bounds on a workflow graph; a graph past them is refused before anything is appended. */
export type GraphLimits = { maxNodes: number; maxEdges: number; maxIdLength: number; maxConfigBytes: number };

export const DEFAULT_GRAPH_LIMITS: GraphLimits = { maxNodes: 500, maxEdges: 2000, maxIdLength: 100, maxConfigBytes: 256 * 1024 };

/** Node and edge ids: letters, digits, `_` and `-`, starting with a letter or `_` (usable in expressions). */
export const ID_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]*$/;
