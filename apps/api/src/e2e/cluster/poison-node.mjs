// A node package for the fault suite: `test.poison` takes its worker process down on every
// attempt, as a node with a native crash or an unbounded allocation would.
import { z } from 'zod';

export const nodes = [
  {
    type: 'test.poison',
    title: 'Poison',
    description: 'Exits the worker process that runs it (fault tests only).',
    category: 'logic',
    configSchema: z.strictObject({}),
    async execute() {
      process.exit(70);
    },
  },
];
