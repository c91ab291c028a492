import { describeIssue, InvalidInputError, parseTriggers, validateGraph, type NodeTypeCatalog, type NodeTypeSpec, type Trigger, type TriggerChecks, type WorkflowGraph } from '@weft/domain';
import type { WorkflowDefinition } from './workflow-file.js';

/** What checks a definition as the API would: node types with their config checks, cron and expression checks. */
export type DefinitionChecks = { catalog: NodeTypeCatalog; triggers: TriggerChecks };

type Obj = Record<string, unknown>;
const isObject = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The catalog with a lenient entry for each node type of the graph that it lacks (a type
 * of a node package only the API loads): any branch its edges use, any config. Such
 * nodes are left to the API, which refuses a type it does not know either.
 */
export function lenientCatalog(graph: { nodes: unknown[]; edges: unknown[] }, catalog: NodeTypeCatalog): NodeTypeCatalog {
  const typeOf = new Map(graph.nodes.filter(isObject).map((n) => [n.id, n.type]));
  const missing = new Set([...typeOf.values()].filter((type): type is string => typeof type === 'string' && !catalog.has(type)));
  if (!missing.size) return catalog;
  const branchesOf = (type: string) => [
    ...new Set(graph.edges.filter(isObject).flatMap((e) => (typeOf.get(e.source) === type && typeof e.sourceHandle === 'string' ? [e.sourceHandle] : []))),
  ];
  const extra = [...missing].map((type): [string, NodeTypeSpec] => [type, { type, branches: branchesOf(type), validateConfig: () => [] }]);
  return new Map([...catalog, ...extra]);
}

/**
 * Checks a definition before anything is sent: the graph as `publish` (or, without it,
 * as saving a draft) would check it, and the triggers as `setWorkflowTriggers` would,
 * webhook secrets aside. Pure: `now` and the checks are passed in.
 * @returns the normalized graph (retry policies completed, as the API stores it) and the problems, each naming its node, edge or field.
 */
export function checkDefinition(
  definition: WorkflowDefinition,
  checks: DefinitionChecks,
  options: { publish: boolean; now: string; currentTriggers?: readonly Trigger[] },
): { graph?: WorkflowGraph; problems: string[] } {
  const result = validateGraph(definition.graph, lenientCatalog(definition.graph, checks.catalog), options.publish ? 'publish' : 'draft');
  const problems = result.ok ? [] : result.issues.map(describeIssue);
  if (options.publish && definition.triggers) {
    try {
      parseTriggers(definition.triggers.map(withPlaceholderSecrets), options.now, checks.triggers, options.currentTriggers);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      problems.push(error.message);
    }
  }
  return result.ok ? { graph: result.graph, problems } : { problems };
}

const PLACEHOLDER_HASH = '0'.repeat(64);
const PLACEHOLDER_SEAL = { keyId: 'k', iv: 'aXY=', tag: 'dGFn', ciphertext: 'Yw==' };

/** The API makes a webhook's secrets; a file must not carry them. Placeholders let the rest of the trigger be checked. */
function withPlaceholderSecrets(trigger: unknown, index: number): unknown {
  if (!isObject(trigger) || trigger.kind !== 'webhook') return trigger;
  for (const field of ['secretHash', 'signingSecret']) {
    if (field in trigger) throw new InvalidInputError(`triggers[${index}].${field}`, 'is made by Weft: leave it out');
  }
  return { ...trigger, secretHash: PLACEHOLDER_HASH, ...(trigger.signed === true ? { signingSecret: PLACEHOLDER_SEAL } : {}) };
}
