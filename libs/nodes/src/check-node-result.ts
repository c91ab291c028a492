import type { Json, WaitFor } from '@weft/domain';
import { NodeExecutionError } from './node-execution-error.js';
import type { NodeDefinition, NodeResult } from './node-definition.js';
import { NotJsonError, toJson } from './shared/to-json.js';

const invalid = (message: string): NodeExecutionError => new NodeExecutionError('INVALID_RESULT', message, false);

/**
 * What a plugin returned, checked before the engine records it: `completed` takes a
 * declared branch (and only branching nodes name one), `wait` a valid time; the output
 * is copied as plain JSON and its UTF-8 serialization is at most `maxOutputBytes`.
 */
export function checkNodeResult(result: unknown, definition: Pick<NodeDefinition, 'type' | 'branches'>, maxOutputBytes: number): NodeResult {
  if (typeof result !== 'object' || result === null) throw invalid(`Node type "${definition.type}" returned no result`);
  const { kind, branch, until } = result as { kind?: unknown; branch?: unknown; until?: unknown };
  if (kind === 'completed') {
    const output = checkOutput((result as { output?: unknown }).output, maxOutputBytes);
    const branches = definition.branches ?? [];
    if (branches.length === 0) {
      if (branch !== undefined) throw invalid(`Node type "${definition.type}" has no branches but returned branch ${JSON.stringify(branch)}`);
      return { kind, output };
    }
    if (typeof branch !== 'string' || !branches.includes(branch)) {
      throw invalid(`Node type "${definition.type}" must return one of the branches ${branches.map((name) => `"${name}"`).join(', ')}`);
    }
    return { kind, output, branch };
  }
  if (kind === 'wait') {
    const waitFor = checkWaitFor((result as { waitFor?: unknown }).waitFor, definition.type);
    const time = typeof until === 'string' ? Date.parse(until) : Number.NaN;
    // A decision or an event may be awaited without deadline; a plain wait needs its time.
    if (Number.isNaN(time) && !(waitFor && until === undefined)) throw invalid(`Node type "${definition.type}" asked to wait without a valid "until" time`);
    const output = checkOutput((result as { output?: unknown }).output, maxOutputBytes);
    return { kind, ...(Number.isNaN(time) ? {} : { until: new Date(time).toISOString() }), output, ...(waitFor ? { waitFor } : {}) };
  }
  throw invalid(`Node type "${definition.type}" returned an unknown result kind`);
}

function checkOutput(output: unknown, maxOutputBytes: number): Json {
  let json: Json;
  try {
    json = toJson(output, 'output');
  } catch (error) {
    if (error instanceof NotJsonError) throw invalid(`The node's output is not JSON: ${error.message}`);
    throw error;
  }
  const bytes = Buffer.byteLength(JSON.stringify(json), 'utf8');
  if (bytes > maxOutputBytes) {
    throw new NodeExecutionError('OUTPUT_TOO_LARGE', `The node's output is ${bytes} bytes, over the limit of ${maxOutputBytes}`, false);
  }
  return json;
}

function checkWaitFor(value: unknown, type: string): WaitFor | undefined {
  if (value === undefined) return undefined;
  const wait = value as Partial<Record<string, unknown>>;
  if (wait.kind === 'approval') return { kind: 'approval' };
  if (wait.kind === 'event' && typeof wait.name === 'string' && wait.name && typeof wait.correlationKey === 'string' && typeof wait.lookbackMs === 'number' && wait.lookbackMs >= 0) {
    return { kind: 'event', name: wait.name, correlationKey: wait.correlationKey, lookbackMs: wait.lookbackMs };
  }
  const positive = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  if (wait.kind === 'children' && typeof wait.workflowId === 'string' && positive(wait.version) && positive(wait.count) && positive(wait.concurrency) && (wait.collect === 'single' || wait.collect === 'list')) {
    return { kind: 'children', workflowId: wait.workflowId, version: wait.version, count: wait.count, concurrency: wait.concurrency, collect: wait.collect };
  }
  throw invalid(`Node type "${type}" asked to wait for something unknown`);
}
