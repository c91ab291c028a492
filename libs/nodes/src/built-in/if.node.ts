import { z } from 'zod';
import type { NodeDefinition } from '../node-definition.js';

const ifConfigSchema = z.strictObject({
  /** Usually a template such as `{{ amount > 50 }}`; must resolve to a boolean, nothing is coerced. */
  condition: z.boolean(),
});

export type IfConfig = z.infer<typeof ifConfigSchema>;

export const IF_BRANCHES = ['true', 'false'] as const;

/** Takes the `true` or `false` branch; passes its input through as output. */
export const ifNode: NodeDefinition<IfConfig> = {
  type: 'if',
  title: 'If',
  description: 'Routes the input to the true or the false branch.',
  category: 'logic',
  quick: true,
  configSchema: ifConfigSchema,
  branches: IF_BRANCHES,
  execute({ config, input }) {
    return Promise.resolve({ kind: 'completed', output: input, branch: config.condition ? 'true' : 'false' });
  },
};
