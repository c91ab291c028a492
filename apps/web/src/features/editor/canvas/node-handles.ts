import { DEFAULT_HANDLE, type NodeTypeInfo } from './workflow-graph';

/**
 * The output handles a node shows, error handle excluded: the type's fixed branches, or,
 * where they depend on the config (`branches: null`), what the API derives from it: a
 * `switch`'s case names then `default`; a `wait`'s decision or event outcomes, then `timeout`.
 */
export function outputHandles(info: Pick<NodeTypeInfo, 'type' | 'branches'> | undefined, config: Record<string, unknown> | undefined): string[] {
  if (info?.branches?.length) return info.branches;
  if (info?.type === 'wait') return config?.for === 'event' ? ['received', 'timeout'] : ['approved', 'rejected', 'timeout'];
  if (info?.type === 'switch') {
    const cases = Array.isArray(config?.cases) ? (config.cases as unknown[]) : [];
    const names = cases.map((c) => (c && typeof c === 'object' ? (c as { branch?: unknown }).branch : undefined)).filter((b): b is string => typeof b === 'string' && b !== '');
    return [...new Set([...names, 'default'])];
  }
  return [DEFAULT_HANDLE];
}

/** True when the node has one plain output (edges from it name no branch). */
export const isSingleOutput = (handles: string[]): boolean => handles.length === 1 && handles[0] === DEFAULT_HANDLE;
