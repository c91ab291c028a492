import { isJsonObject, type JsonObject } from '@weft/domain';
import { z } from 'zod';
import type { NodeDefinition } from '../node-definition.js';

const setConfigSchema = z.strictObject({
  /** The values to set; templates inside are resolved before the node runs. */
  values: z.record(z.string(), z.json()),
  /** Keep the input's fields (when the input is an object), overwritten by `values`. */
  keepInput: z.boolean().default(true),
});

export type SetConfig = z.infer<typeof setConfigSchema>;

/** Sets values: output `{ ...input, ...values }`, or only `values` when `keepInput` is false or the input is not an object. */
export const setNode: NodeDefinition<SetConfig> = {
  type: 'set',
  title: 'Set values',
  description: 'Adds or overwrites fields, usually computed with {{ expressions }}.',
  category: 'data',
  quick: true,
  configSchema: setConfigSchema,
  execute({ config, input }) {
    const values = config.values as JsonObject;
    // Spread defines own properties: a `__proto__` key stays data.
    const output = config.keepInput && isJsonObject(input) ? { ...input, ...values } : values;
    return Promise.resolve({ kind: 'completed', output });
  },
};
