import type { Json, JsonObject } from '@weft/domain';
import { executeNode, type ExecuteNodeParams } from '../execute-node.js';
import type { NodeDefinition, NodeLogger, NodeResult, NodeServices } from '../node-definition.js';

/** A logger that keeps what it is given, for assertions. */
export function memoryLogger(): NodeLogger & { entries: { level: string; message: string }[] } {
  const entries: { level: string; message: string }[] = [];
  const push = (level: string) => (message: string) => void entries.push({ level, message });
  return { entries, info: push('info'), warn: push('warn'), error: push('error') };
}

export const FIXED_NOW = new Date('2030-01-01T00:00:00.000Z');

/** Services for tests: a fetch that must not be called unless given, a fixed clock. */
export function testServices(overrides: Partial<NodeServices> = {}): NodeServices {
  return {
    fetch: () => Promise.reject(new Error('fetch not expected in this test')),
    now: () => FIXED_NOW,
    publishedVersion: () => Promise.resolve(undefined),
    ...overrides,
  };
}

export type RunNodeOptions = Partial<Omit<ExecuteNodeParams<unknown>, 'definition' | 'rawConfig'>>;

/** Runs a node through the executor, with defaults for everything but the definition and config. */
export function runNode<Config>(definition: NodeDefinition<Config>, rawConfig: JsonObject, options: RunNodeOptions = {}): Promise<NodeResult> {
  const input: Json = options.input ?? {};
  return executeNode({
    definition,
    rawConfig,
    input,
    inputs: options.inputs ?? {},
    scope: options.scope ?? { trigger: {}, nodes: {} },
    signal: options.signal ?? new AbortController().signal,
    log: options.log ?? memoryLogger(),
    run: options.run ?? { runId: 'run-1', workflowId: 'wf-1', workspaceId: 'ws-1', nodeId: 'node-1', attempt: 1 },
    services: options.services ?? testServices(),
    limits: options.limits,
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
}
