import { isJsonObject, type JsonObject } from '../shared/json.js';
import type { GraphIssue, WorkflowEdge, WorkflowGraph, WorkflowNode } from './graph.js';
import { ID_PATTERN, type GraphLimits } from './graph-limits.js';
import { parseNodeTimeout, parseRetryPolicy, parseSettings } from './parse-policies.js';

type Parsed = { graph: WorkflowGraph; issues: GraphIssue[] };

const shape = (message: string, extra: Partial<GraphIssue> = {}): GraphIssue => ({ code: 'GRAPH_SHAPE', message, ...extra });

/**
 * Turns untrusted JSON into a graph, reporting every shape problem with the
 * path of the offending value. Never throws.
 */
export function parseGraph(raw: unknown, limits: GraphLimits): Parsed {
  if (!isJsonObject(raw)) return { graph: { nodes: [], edges: [] }, issues: [shape('graph must be an object with "nodes" and "edges" arrays', { field: 'graph' })] };
  const issues: GraphIssue[] = [];
  const rawNodes = raw.nodes ?? [];
  const rawEdges = raw.edges ?? [];
  if (!Array.isArray(rawNodes)) issues.push(shape('"nodes" must be an array', { field: 'nodes' }));
  if (!Array.isArray(rawEdges)) issues.push(shape('"edges" must be an array', { field: 'edges' }));
  if (issues.length) return { graph: { nodes: [], edges: [] }, issues };
  const nodeList = rawNodes as unknown[];
  const edgeList = rawEdges as unknown[];
  if (nodeList.length > limits.maxNodes) issues.push({ code: 'TOO_LARGE', field: 'nodes', message: `at most ${limits.maxNodes} nodes, got ${nodeList.length}` });
  if (edgeList.length > limits.maxEdges) issues.push({ code: 'TOO_LARGE', field: 'edges', message: `at most ${limits.maxEdges} edges, got ${edgeList.length}` });
  if (issues.length) return { graph: { nodes: [], edges: [] }, issues };
  const nodes = nodeList.flatMap((value, index) => parseNode(value, index, limits, issues));
  const edges = edgeList.flatMap((value, index) => parseEdge(value, index, limits, issues));
  const graph: WorkflowGraph = { nodes, edges };
  if (raw.settings !== undefined && raw.settings !== null) {
    const settings = parseSettings(raw.settings, (field, message) => issues.push(shape(message, { field })));
    if (settings && Object.keys(settings).length) graph.settings = settings;
  }
  return { graph, issues };
}

function parseId(value: unknown, field: string, limits: GraphLimits, issues: GraphIssue[]): string | undefined {
  if (typeof value !== 'string' || value.length === 0) {
    issues.push(shape('must be a non-empty string', { field }));
    return undefined;
  }
  if (value.length > limits.maxIdLength || !ID_PATTERN.test(value)) {
    issues.push(shape(`"${value.slice(0, 40)}" must match ${ID_PATTERN.source} and be at most ${limits.maxIdLength} characters`, { field }));
    return undefined;
  }
  return value;
}

function parseNode(value: unknown, index: number, limits: GraphLimits, issues: GraphIssue[]): WorkflowNode[] {
  const at = `nodes[${index}]`;
  if (!isJsonObject(value)) {
    issues.push(shape('must be an object', { field: at }));
    return [];
  }
  const before = issues.length;
  const id = parseId(value.id, `${at}.id`, limits, issues);
  const nodeId = id ? { nodeId: id } : {};
  if (typeof value.type !== 'string' || !value.type) issues.push(shape('"type" must be a non-empty string', { ...nodeId, field: `${at}.type` }));
  const config = value.config ?? {};
  if (!isJsonObject(config)) issues.push(shape('"config" must be an object', { ...nodeId, field: `${at}.config` }));
  else if (JSON.stringify(config).length > limits.maxConfigBytes) issues.push({ code: 'TOO_LARGE', ...nodeId, field: `${at}.config`, message: `config over ${limits.maxConfigBytes} bytes` });
  if (value.name !== undefined && typeof value.name !== 'string') issues.push(shape('"name" must be a string', { ...nodeId, field: `${at}.name` }));
  const position = value.position;
  if (position !== undefined && !(isJsonObject(position) && typeof position.x === 'number' && typeof position.y === 'number')) {
    issues.push(shape('"position" must be { x: number, y: number }', { ...nodeId, field: `${at}.position` }));
  }
  const report = (field: string, message: string) => issues.push(shape(message, { ...nodeId, field }));
  const retry = value.retry === undefined || value.retry === null ? undefined : parseRetryPolicy(value.retry, `${at}.retry`, report);
  const timeoutMs = value.timeoutMs === undefined || value.timeoutMs === null ? undefined : parseNodeTimeout(value.timeoutMs, `${at}.timeoutMs`, report);
  if (issues.length > before || !id) return [];
  const node: WorkflowNode = { id, type: value.type as string, config: config as JsonObject };
  if (retry) node.retry = retry;
  if (timeoutMs) node.timeoutMs = timeoutMs;
  if (typeof value.name === 'string') node.name = value.name;
  if (isJsonObject(position)) node.position = { x: position.x as number, y: position.y as number };
  return [node];
}

function parseEdge(value: unknown, index: number, limits: GraphLimits, issues: GraphIssue[]): WorkflowEdge[] {
  const at = `edges[${index}]`;
  if (!isJsonObject(value)) {
    issues.push(shape('must be an object', { field: at }));
    return [];
  }
  const before = issues.length;
  const id = parseId(value.id, `${at}.id`, limits, issues);
  const edgeId = id ? { edgeId: id } : {};
  for (const key of ['source', 'target'] as const) {
    if (typeof value[key] !== 'string' || !value[key]) issues.push(shape(`"${key}" must be a node id`, { ...edgeId, field: `${at}.${key}` }));
  }
  if (value.sourceHandle !== undefined && value.sourceHandle !== null && typeof value.sourceHandle !== 'string') {
    issues.push(shape('"sourceHandle" must be a string', { ...edgeId, field: `${at}.sourceHandle` }));
  }
  if (issues.length > before || !id) return [];
  const edge: WorkflowEdge = { id, source: value.source as string, target: value.target as string };
  if (typeof value.sourceHandle === 'string') edge.sourceHandle = value.sourceHandle;
  return [edge];
}
