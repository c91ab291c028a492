import { EVENT_NAME_PATTERN, type JsonObject, type WaitFor } from '@weft/domain';
import { z } from 'zod';
import { CROSS_FIELD } from '../config-issues.js';
import type { NodeDefinition } from '../node-definition.js';

/** A wait's deadline is a durable timer, bounded like a delay's. */
export const MAX_WAIT_SECONDS = 366 * 24 * 60 * 60;
/** How far back an event may have arrived before the wait began and still count. */
export const MAX_LOOKBACK_SECONDS = 24 * 60 * 60;
export const DEFAULT_LOOKBACK_SECONDS = 300;

const waitConfigSchema = z
  .strictObject({
    /** `approval`: a person decides (GraphQL `resolveApproval` or HTTP); `event`: an event named `event` with this correlation key arrives. */
    for: z.enum(['approval', 'event']),
    event: z.string().regex(EVENT_NAME_PATTERN, 'letters, digits and _ . : - only, at most 200').optional(),
    /** Which event of that name: usually `{{ … }}` from the input (an order id…). */
    correlationKey: z.union([z.string(), z.number()]).transform(String).pipe(z.string().max(500)).optional(),
    /** Without a decision or event by then, the run takes the `timeout` branch. */
    timeoutSeconds: z.number().min(0).max(MAX_WAIT_SECONDS).optional(),
    lookbackSeconds: z.number().min(0).max(MAX_LOOKBACK_SECONDS).optional(),
  })
  .superRefine((config, ctx) => {
    if (config.for === 'event' && !config.event) ctx.addIssue({ code: 'custom', path: ['event'], params: CROSS_FIELD, message: 'name the event to wait for' });
    if (config.for === 'approval') {
      const misplaced = (['event', 'correlationKey', 'lookbackSeconds'] as const).find((key) => config[key] !== undefined);
      if (misplaced) ctx.addIssue({ code: 'custom', path: [misplaced], params: CROSS_FIELD, message: 'only used when waiting for an event' });
    }
  });

export type WaitConfig = z.infer<typeof waitConfigSchema>;

/** Its branches, from the stored config: a decision or an event, and the deadline's. Total. */
export const waitBranches = (config: JsonObject): readonly string[] => (config.for === 'event' ? ['received', 'timeout'] : ['approved', 'rejected', 'timeout']);

/**
 * Suspends the run until a decision (approved / rejected) or a matching event
 * (received, its payload as output) arrives, or its deadline passes (timeout,
 * the input as output). Nothing runs meanwhile: the wait lives in the event store.
 */
export const waitNode: NodeDefinition<WaitConfig> = {
  type: 'wait',
  title: 'Wait for approval or event',
  description: 'Pauses the run until someone approves or rejects, or until an event with a matching correlation key arrives; takes "timeout" at the deadline.',
  category: 'flow',
  quick: true,
  configSchema: waitConfigSchema,
  rawConfigKeys: ['for'],
  branchesOf: waitBranches,
  execute({ config, input, services }) {
    const waitFor: WaitFor =
      config.for === 'approval'
        ? { kind: 'approval' }
        : { kind: 'event', name: config.event!, correlationKey: config.correlationKey ?? '', lookbackMs: (config.lookbackSeconds ?? DEFAULT_LOOKBACK_SECONDS) * 1000 };
    const until = config.timeoutSeconds === undefined ? undefined : new Date(services.now().getTime() + config.timeoutSeconds * 1000).toISOString();
    return Promise.resolve({ kind: 'wait', output: input, waitFor, ...(until ? { until } : {}) });
  },
};
