import { z } from 'zod';

/** A parameter the importer fills in: a URL of the user's, a credential id. */
const parameterSchema = z.strictObject({
  description: z.string().min(1),
  /** Used when the importer gives no value; a parameter without one is required. */
  default: z.string().optional(),
});

/**
 * An example workflow as shipped in `examples/<slug>/workflow.json`: the graph and
 * triggers as the GraphQL API takes them, with `<<name>>` placeholders in any string
 * for the parameters it declares.
 */
export const exampleFileSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().min(1),
  parameters: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'parameter names are letters, digits and _'), parameterSchema).default({}),
  graph: z.strictObject({ nodes: z.array(z.unknown()), edges: z.array(z.unknown()) }),
  triggers: z.array(z.unknown()).default([]),
  /** How `npm start` puts it in the demo workspace: published (runs as shipped, nothing outside Weft) or as a draft to finish on the canvas. */
  demo: z.enum(['publish', 'draft']).default('draft'),
});

export type ExampleFile = z.infer<typeof exampleFileSchema>;
export type ExampleParameter = z.infer<typeof parameterSchema>;
