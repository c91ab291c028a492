import { z } from 'zod';
import type { JsonObject } from '@weft/domain';
import type { NodeDefinition } from './node-definition.js';

/** What the API tells editors about a node type: its form (JSON Schema) and its output handles. */
export type NodeTypeInfo = {
  type: string;
  title: string;
  description: string;
  category: NodeDefinition['category'];
  /** JSON Schema (draft 2020-12) of the config as written (input side: defaults are optional); `{}` when it cannot be represented. */
  configSchema: JsonObject;
  /** Set when `configSchema` is partial or empty: why. */
  configSchemaNote: string | null;
  /** The output handles, when they are fixed; null when they depend on the config (`branchesNote` says how). */
  branches: string[] | null;
  branchesNote: string | null;
  quick: boolean;
  queue: string;
};

const DEFAULT_HANDLE = 'out';

/** The JSON Schema of a node's config, from its zod schema; never throws. */
export function configJsonSchema(schema: z.ZodType): { schema: JsonObject; note: string | null } {
  try {
    return { schema: z.toJSONSchema(schema, { io: 'input' }) as JsonObject, note: null };
  } catch {
    // Transforms, custom types and the like: kept open where they occur.
    try {
      return { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject, note: 'parts of this schema cannot be represented in JSON Schema and accept any value here; the worker still checks them' };
    } catch (error) {
      return { schema: {}, note: `this schema cannot be represented in JSON Schema (${error instanceof Error ? error.message : String(error)}); the worker still checks it` };
    }
  }
}

/** Describes a node type for editors; cross-field rules (refinements) are checked by validation, not shown in the schema. */
export function describeNodeType(definition: NodeDefinition): NodeTypeInfo {
  const { schema, note } = configJsonSchema(definition.configSchema);
  const dynamic = definition.branchesOf !== undefined;
  return {
    type: definition.type,
    title: definition.title,
    description: definition.description,
    category: definition.category,
    configSchema: schema,
    configSchemaNote: note,
    branches: dynamic ? null : [...(definition.branches ?? [DEFAULT_HANDLE])],
    branchesNote: dynamic ? 'the output handles depend on the node\'s config (e.g. a switch\'s cases, a wait\'s kind); every node also has an "error" handle' : null,
    quick: definition.quick === true,
    queue: definition.queue ?? 'default',
  };
}
