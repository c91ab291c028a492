import { isJsonObject, type JoinPolicy, type Json, type JsonObject } from '@weft/domain';
import { z } from 'zod';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';
import { describeType, setOwn } from '../shared/to-json.js';

const mergeConfigSchema = z.strictObject({
  /**
   * `combine`: one object, the predecessors' object outputs merged shallowly in order (later keys win);
   * `byNode`: `{ [predecessorId]: output }`; `list`: the outputs as an array, in order.
   */
  mode: z.enum(['combine', 'byNode', 'list']).default('combine'),
  /**
   * When it runs: once every branch that reaches it has arrived (`all`), with the first to
   * arrive (`first`), or with the first `count` (`any`). Written as is, never a template.
   */
  join: z.enum(['all', 'first', 'any']).default('all'),
  count: z.int().min(1).max(1000).optional(),
}).refine((config) => config.join === 'any' || config.count === undefined, { path: ['count'], message: 'only used with join "any"' });

/** The join policy of a stored merge config; `all` unless it names another. Total. */
export function mergeJoin(config: JsonObject): JoinPolicy {
  if (config.join === 'first') return { kind: 'first' };
  if (config.join === 'any') return { kind: 'any', count: typeof config.count === 'number' && Number.isInteger(config.count) && config.count >= 1 ? config.count : 1 };
  return { kind: 'all' };
}

export type MergeConfig = z.infer<typeof mergeConfigSchema>;

/** Joins the outputs of its live predecessors (`ctx.inputs`). */
export const mergeNode: NodeDefinition<MergeConfig> = {
  type: 'merge',
  title: 'Merge',
  description: 'Joins the outputs of the branches that reach it: all of them, the first, or the first n.',
  category: 'flow',
  quick: true,
  configSchema: mergeConfigSchema,
  rawConfigKeys: ['join', 'count'],
  joinOf: mergeJoin,
  execute({ config, inputs }) {
    return Promise.resolve({ kind: 'completed', output: merge(config.mode, inputs) });
  },
};

function merge(mode: MergeConfig['mode'], inputs: Record<string, Json>): Json {
  switch (mode) {
    case 'byNode':
      return { ...inputs };
    case 'list':
      return Object.values(inputs);
    case 'combine': {
      const combined: JsonObject = {};
      for (const [nodeId, output] of Object.entries(inputs)) {
        if (!isJsonObject(output)) {
          throw new NodeExecutionError('EXECUTION', `merge (combine) needs object outputs, but node "${nodeId}" produced ${describeType(output)}`, false);
        }
        for (const [key, value] of Object.entries(output)) setOwn(combined, key, value);
      }
      return combined;
    }
    default: {
      const unknownMode: never = mode;
      throw new Error(`Unknown merge mode ${String(unknownMode)}`);
    }
  }
}
