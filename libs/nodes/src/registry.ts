import type { JsonObject, NodeTypeCatalog, NodeTypeSpec } from '@weft/domain';
import type { z } from 'zod';
import { builtInNodes } from './built-in/built-in-nodes.js';
import { formatConfigIssues, isCrossFieldIssue, valueAt } from './config-issues.js';
import { checkTemplateSyntax, type FieldIssue } from './expressions/check-template-syntax.js';
import { mayBeTemplate, parseTemplate } from './expressions/template-parser.js';
import type { NodeDefinition } from './node-definition.js';
import { setOwn } from './shared/to-json.js';

/** The node types a worker can run and the API can validate. */
export type NodeRegistry = {
  get(type: string): NodeDefinition | undefined;
  list(): readonly NodeDefinition[];
  /** What the domain needs to validate graphs: branches and a pure config check per type. */
  toCatalog(): NodeTypeCatalog;
};

/**
 * A registry over the given node definitions (built-in or not: adding a node type never touches the engine).
 * @throws Error when two definitions share a type.
 */
export function createNodeRegistry(definitions: readonly NodeDefinition[]): NodeRegistry {
  const byType = new Map<string, NodeDefinition>();
  for (const definition of definitions) {
    if (byType.has(definition.type)) throw new Error(`Duplicate node type "${definition.type}"`);
    byType.set(definition.type, definition);
  }
  const list = [...byType.values()];
  return {
    get: (type) => byType.get(type),
    list: () => list,
    toCatalog: () => new Map(list.map((definition) => [definition.type, toSpec(definition)])),
  };
}

/** A registry of the built-in nodes. */
export const defaultRegistry = (): NodeRegistry => createNodeRegistry(builtInNodes);

function toSpec(definition: NodeDefinition): NodeTypeSpec {
  return {
    type: definition.type,
    ...(definition.branches ? { branches: definition.branches } : {}),
    ...(definition.branchesOf ? { branchesOf: definition.branchesOf } : {}),
    ...(definition.joinOf ? { joinOf: definition.joinOf } : {}),
    ...(definition.queue ? { queue: definition.queue } : {}),
    validateConfig: (config) => validateUnresolvedConfig(definition, config),
  };
}

/**
 * Validates a config as stored, before any template is resolved: schema issues at a
 * `{{ }}` string (or inside one) are ignored, since its value is only known at run
 * time; template syntax is checked instead. Still reported: cross-field rules, and a
 * non-string type expected where text is mixed with `{{ }}` (that always resolves to a
 * string). Keys in `rawConfigKeys` are judged as written.
 */
export function validateUnresolvedConfig(definition: NodeDefinition, config: JsonObject): FieldIssue[] {
  const rawKeys = new Set(definition.rawConfigKeys ?? []);
  const templated: JsonObject = {};
  for (const [key, value] of Object.entries(config)) if (!rawKeys.has(key)) setOwn(templated, key, value);
  const parsed = definition.configSchema.safeParse(config);
  const schemaIssues = parsed.success
    ? []
    : parsed.error.issues.filter((issue) => isCrossFieldIssue(issue) || isTextWhereTypeExpected(issue, config) || !isUnderTemplate(config, issue.path, rawKeys));
  return [...formatConfigIssues(schemaIssues, config), ...checkTemplateSyntax(templated)];
}

/** `"{{ t }}000"` where a number is expected: mixed text resolves to a string whatever the expression gives. */
function isTextWhereTypeExpected(issue: z.core.$ZodIssue, config: JsonObject): boolean {
  if (issue.code !== 'invalid_type' || issue.expected === 'string') return false;
  const value = valueAt(config, issue.path);
  if (typeof value !== 'string' || !mayBeTemplate(value)) return false;
  try {
    const parts = parseTemplate(value);
    return !(parts.length === 1 && parts[0]?.kind === 'expression');
  } catch {
    return false; // unclosed: reported by the syntax check
  }
}

function isUnderTemplate(config: JsonObject, path: readonly PropertyKey[], rawKeys: ReadonlySet<string>): boolean {
  if (path.length > 0 && rawKeys.has(String(path[0]))) return false;
  for (let length = 1; length <= path.length; length += 1) {
    const value = valueAt(config, path.slice(0, length));
    if (typeof value === 'string' && mayBeTemplate(value)) return true;
  }
  return false;
}
