import { isJsonObject } from '@weft/domain';
import { z } from 'zod';
import { CROSS_FIELD } from '../config-issues.js';
import type { NodeDefinition } from '../node-definition.js';
import { NodeExecutionError } from '../node-execution-error.js';

/** A delay is a durable timer: bounded so that a typo cannot park a run for years. */
export const MAX_DELAY_SECONDS = 366 * 24 * 60 * 60;

const delayConfigSchema = z
  .strictObject({
    seconds: z.number().min(0).max(MAX_DELAY_SECONDS).optional(),
    /** ISO 8601 date-time with an offset or `Z`, e.g. `2030-01-01T09:00:00+01:00`. */
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .check(
    z.refine((config) => (config.seconds === undefined) !== (config.until === undefined), {
      message: 'set exactly one of seconds and until',
      path: ['seconds'],
      params: CROSS_FIELD,
      // Also judged when a field failed its own check (e.g. holds a `{{ }}` at publish time).
      when: (payload) => isJsonObject(payload.value),
    }),
  );

export type DelayConfig = z.infer<typeof delayConfigSchema>;

/** Waits `seconds`, or until a date (at most 366 days ahead); the run resumes with the input as output. */
export const delayNode: NodeDefinition<DelayConfig> = {
  type: 'delay',
  title: 'Delay',
  description: 'Pauses the run for a duration or until a date.',
  category: 'flow',
  quick: true,
  configSchema: delayConfigSchema,
  execute({ config, input, services }) {
    const now = services.now().getTime();
    const target = config.until === undefined ? now + (config.seconds ?? 0) * 1000 : Date.parse(config.until);
    if (target - now > MAX_DELAY_SECONDS * 1000) {
      throw new NodeExecutionError('CONFIG', 'until is more than 366 days ahead', false, { field: 'until' });
    }
    // A time already past resumes at once.
    return Promise.resolve({ kind: 'wait', until: new Date(Math.max(target, now)).toISOString(), output: input });
  },
};
