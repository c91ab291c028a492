import { z } from 'zod';
import type { NodeDefinition } from '../node-definition.js';
import { childVersion } from './child-workflow.js';

const subworkflowConfigSchema = z.strictObject({
  /** A workflow of the same workspace, with a published version. */
  workflowId: z.string().min(1).max(100),
  /** The version to run; the latest published when omitted (resolved when the node runs). */
  version: z.int().min(1).optional(),
  /** The child run's input; the node's input when omitted. */
  input: z.unknown().optional(),
});

export type SubworkflowConfig = z.infer<typeof subworkflowConfigSchema>;

/**
 * Starts a child run of a published workflow and waits for it without holding a worker:
 * the node completes with the child's output, fails when the child fails or is cancelled,
 * and cancelling the parent cancels the child.
 */
export const subworkflowNode: NodeDefinition<SubworkflowConfig> = {
  type: 'subworkflow',
  title: 'Sub-workflow',
  description: 'Runs another published workflow with an input and returns its output.',
  category: 'flow',
  quick: true,
  configSchema: subworkflowConfigSchema,
  async execute({ config, input, run, services }) {
    const version = await childVersion(services, run, config.workflowId, config.version);
    return {
      kind: 'wait',
      output: [config.input === undefined ? input : (config.input as typeof input)],
      waitFor: { kind: 'children', workflowId: config.workflowId, version, count: 1, concurrency: 1, collect: 'single' },
    };
  },
};
