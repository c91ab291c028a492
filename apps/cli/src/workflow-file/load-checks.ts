import type { DefinitionChecks } from './check-definition.js';

/**
 * The API's own checks, from the same packages: the built-in node types (and those of
 * WEFT_NODE_PACKAGES, when set here too), cron expressions and JSONata syntax.
 */
export async function loadDefinitionChecks(env: Record<string, string | undefined>, cwd: string): Promise<DefinitionChecks> {
  const [nodes, { cronChecks }] = await Promise.all([import('@weft/nodes'), import('@weft/engine')]);
  const packages = (env.WEFT_NODE_PACKAGES ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const registry = packages.length ? await nodes.loadNodeRegistry(packages, cwd) : nodes.defaultRegistry();
  return { catalog: registry.toCatalog(), triggers: { ...cronChecks, expression: (source) => nodes.checkExpressionSyntax(source) } };
}
