// A node package as a third party would write it: plain ESM, zod for the schema,
// `nodes` exported. Loaded with WEFT_NODE_PACKAGES=./libs/nodes/test-fixtures/acme-nodes/index.js
import { z } from 'zod';

const sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Logs `lines` entries (waiting `pauseMs` after each), then greets, or fails when `fail` is set. */
export const chattyNode = {
  type: 'acme.chatty',
  title: 'Chatty (example)',
  description: 'Writes lines to the execution log, then greets; an example of a custom node.',
  category: 'data',
  configSchema: z.object({
    name: z.string().min(1).default('world'),
    lines: z.number().int().min(0).max(10000).default(3),
    pauseMs: z.number().int().min(0).max(10000).default(0),
    fail: z.boolean().default(false),
  }),
  async execute(ctx) {
    for (let i = 0; i < ctx.config.lines; i += 1) {
      ctx.log.info(`line ${i}`, { i, node: ctx.run.nodeId });
      if (ctx.config.pauseMs) await sleep(ctx.config.pauseMs, ctx.signal);
    }
    if (ctx.config.fail) {
      ctx.log.error('giving up', { name: ctx.config.name });
      throw new Error(`chatty refused to greet ${ctx.config.name}`);
    }
    return { kind: 'completed', output: { greeting: `hello ${ctx.config.name}` } };
  },
};

export const nodes = [chattyNode];
