import { z } from 'zod';
import type { NodeDefinition } from '../node-definition.js';
import { childVersion } from './child-workflow.js';

export const MAX_MAP_ITEMS = 10_000;
export const MAX_MAP_CONCURRENCY = 100;

const mapConfigSchema = z.strictObject({
  /** Runs this published workflow once per item, the item as its input. */
  workflowId: z.string().min(1).max(100),
  version: z.int().min(1).optional(),
  /** Usually `{{ … }}` resolving to an array. */
  items: z.array(z.unknown()).max(MAX_MAP_ITEMS),
  /** At most this many child runs at once. */
  concurrency: z.int().min(1).max(MAX_MAP_CONCURRENCY).default(10),
});

export type MapConfig = z.infer<typeof mapConfigSchema>;

/**
 * Loop / map over items: one child run per item, at most `concurrency` at once, each in a
 * stream of its own (the parent's history stays a few events long whatever the count).
 * Completes with the children's outputs in item order; the first child that fails fails
 * the node and cancels the others.
 */
export const mapNode: NodeDefinition<MapConfig> = {
  type: 'map',
  title: 'Loop over items',
  description: 'Runs a published workflow for each item of an array, a few at a time, and collects the results in order.',
  category: 'flow',
  quick: true,
  configSchema: mapConfigSchema,
  async execute({ config, run, services }) {
    if (config.items.length === 0) return { kind: 'completed', output: [] };
    const version = await childVersion(services, run, config.workflowId, config.version);
    return {
      kind: 'wait',
      output: config.items as never,
      waitFor: { kind: 'children', workflowId: config.workflowId, version, count: config.items.length, concurrency: config.concurrency, collect: 'list' },
    };
  },
};
