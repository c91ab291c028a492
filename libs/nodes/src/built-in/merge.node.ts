import { isJsonObject, type Json, type JsonObject } from '@weft/domain';
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
});

export type MergeConfig = z.infer<typeof mergeConfigSchema>;

/** Joins the outputs of its live predecessors (`ctx.inputs`). */
export const mergeNode: NodeDefinition<MergeConfig> = {
  type: 'merge',
  title: 'Merge',
  description: 'Joins the outputs of the branches that reach it.',
  category: 'flow',
  quick: true,
  configSchema: mergeConfigSchema,
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
