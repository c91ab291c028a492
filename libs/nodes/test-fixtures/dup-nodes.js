// Defines a type the built-in nodes already have: loading it must fail at start-up.
import { z } from 'zod';

export const nodes = [{ type: 'set', title: 'Set again', description: 'A duplicate', category: 'data', configSchema: z.object({}), execute: async () => ({ kind: 'completed', output: null }) }];
